package io.mcpconnectors.salesforce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;

import io.smallrye.jwt.util.KeyUtils;

/**
 * The key pair of the test org's connected app: the private key as the PEM file the connector reads
 * ({@code connector.salesforce.auth.private-key-file}), the public key (the app's certificate) to check the
 * assertions the org receives. One for the whole test run.
 */
final class ConnectedAppKey {

    private static final class Holder {
        static final KeyPair KEYS;
        static final Path FILE;

        static {
            try {
                KEYS = KeyUtils.generateKeyPair(2048);
                FILE = Files.createTempFile("connected-app", ".pem");
                FILE.toFile().deleteOnExit();
                Files.writeString(FILE, "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(KEYS.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private ConnectedAppKey() {
    }

    static Path file() {
        return Holder.FILE;
    }

    /** Whether a JWT's RS256 signature was made with the connected app's private key. */
    static boolean signed(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(Holder.KEYS.getPublic());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
