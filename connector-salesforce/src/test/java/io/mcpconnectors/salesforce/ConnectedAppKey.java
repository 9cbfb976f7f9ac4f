package io.mcpconnectors.salesforce;

import java.nio.file.Path;

import io.mcpconnectors.saas.test.SigningKey;

/**
 * The key pair of the test org's connected app: the private key as the PEM file the connector reads
 * ({@code connector.salesforce.auth.private-key-file}), the public key (the app's certificate) to check the
 * assertions the org receives. One for the whole test run.
 */
final class ConnectedAppKey {

    private static final class Holder {
        static final SigningKey KEY = SigningKey.create("connected-app");
    }

    private ConnectedAppKey() {
    }

    static Path file() {
        return Holder.KEY.file();
    }

    /** Whether a JWT's RS256 signature was made with the connected app's private key. */
    static boolean signed(String jwt) {
        return Holder.KEY.signed(jwt);
    }
}
