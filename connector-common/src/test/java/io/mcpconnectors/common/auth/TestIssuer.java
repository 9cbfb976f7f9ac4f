package io.mcpconnectors.common.auth;

import java.io.IOException;
import java.security.KeyPair;
import java.util.Map;

import io.mcpconnectors.common.test.TestAuthorizationServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The test authorization server for Quarkus tests: its JWKS holds the test key, and tokens are minted by the tests
 * with that key (or another, for a bad signature) through the JWT builder, claim by claim.
 */
public class TestIssuer implements QuarkusTestResourceLifecycleManager {

    public static final String RESOURCE = "https://mcp.example.test/mcp";
    static final KeyPair KEY;
    static final KeyPair OTHER_KEY;
    static TestAuthorizationServer server;
    static String issuer;

    static {
        try {
            KEY = KeyUtils.generateKeyPair(2048);
            OTHER_KEY = KeyUtils.generateKeyPair(2048);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            server = TestAuthorizationServer.start(KEY, OTHER_KEY);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        issuer = server.issuer();
        return Map.of("connector.auth.mode", "oidc", "connector.auth.issuer", issuer,
                "connector.auth.jwks-url", issuer + "/jwks", "connector.auth.resource", RESOURCE);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A valid token for {@code subject} with these space-separated scopes. */
    static String token(String subject, String scopes) {
        return sign(claims(subject, scopes));
    }

    static JwtClaimsBuilder claims(String subject, String scopes) {
        return Jwt.issuer(issuer).subject(subject).upn(subject).audience(RESOURCE).claim("scope", scopes).expiresIn(300);
    }

    static String sign(JwtClaimsBuilder claims) {
        return sign(claims, KEY);
    }

    /** Signed with the given key, under the JWKS key id (so a wrong key is a bad signature, not an unknown key). */
    static String sign(JwtClaimsBuilder claims, KeyPair key) {
        return claims.jws().keyId("k1").sign(key.getPrivate());
    }
}
