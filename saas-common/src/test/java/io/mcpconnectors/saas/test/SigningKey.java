package io.mcpconnectors.saas.test;

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
import io.vertx.core.json.JsonObject;

/**
 * An RSA key pair as a service's app registration holds it (a GitHub App, a Salesforce connected app): the private
 * key as the PEM (PKCS#8) file a connector reads, the public key to check the JWTs the stand-in receives.
 */
public final class SigningKey {

    private final KeyPair keys;
    private final Path file;

    private SigningKey(KeyPair keys, Path file) {
        this.keys = keys;
        this.file = file;
    }

    /** A new 2048-bit key pair, its private key written to a temporary PEM file deleted when the JVM exits. */
    public static SigningKey create(String name) {
        try {
            KeyPair keys = KeyUtils.generateKeyPair(2048);
            Path file = Files.createTempFile(name, ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            return new SigningKey(keys, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key's PEM file. */
    public Path file() {
        return file;
    }

    public KeyPair keys() {
        return keys;
    }

    /** Whether a JWT's RS256 signature was made with this private key. */
    public boolean signed(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(keys.getPublic());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A JWT's header, unverified. */
    public static JsonObject header(String jwt) {
        return part(jwt, 0);
    }

    /** A JWT's claims (its payload), unverified. */
    public static JsonObject claims(String jwt) {
        return part(jwt, 1);
    }

    private static JsonObject part(String jwt, int index) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8));
    }
}
