package io.mcpconnectors.common.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * An authorization server as far as a resource server sees one: a JWKS endpoint with the test key, and tokens
 * minted by the tests with that key (or another, for a bad signature).
 */
public class TestIssuer implements QuarkusTestResourceLifecycleManager {

    public static final String RESOURCE = "https://mcp.example.test/mcp";
    static final KeyPair KEY;
    static final KeyPair OTHER_KEY;
    static HttpServer server;
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
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        RSAPublicKey key = (RSAPublicKey) KEY.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + b64(key.getModulus().toByteArray()) + "\",\"e\":\"" + b64(key.getPublicExponent().toByteArray())
                + "\"}]}";
        server.createContext("/jwks", exchange -> {
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("connector.auth.mode", "oidc", "connector.auth.issuer", issuer,
                "connector.auth.jwks-url", issuer + "/jwks", "connector.auth.resource", RESOURCE);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
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

    static String b64(byte[] unsigned) {
        int start = unsigned.length > 1 && unsigned[0] == 0 ? 1 : 0;
        byte[] bytes = java.util.Arrays.copyOfRange(unsigned, start, unsigned.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
