package io.mcpconnectors.common.test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import com.sun.net.httpserver.HttpServer;

/**
 * An OAuth 2.1 authorization server as far as a resource server sees one, served by the test on loopback: the
 * OpenID discovery document and the JWKS with one signing key, and tokens minted with that key (or a stranger's,
 * for a bad signature). Plain JDK HTTP server and jose4j, so it runs in any test, with or without Quarkus.
 */
public final class TestAuthorizationServer implements AutoCloseable {

    private static final String KEY_ID = "k1";

    private final HttpServer server;
    private final KeyPair key;
    private final KeyPair stranger;
    private final String issuer;

    private TestAuthorizationServer(HttpServer server, KeyPair key, KeyPair stranger) {
        this.server = server;
        this.key = key;
        this.stranger = stranger;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static TestAuthorizationServer start() throws IOException {
        return start(rsa(), rsa());
    }

    /** The same with the given signing key, and the stranger's key a bad signature is made with. */
    public static TestAuthorizationServer start(KeyPair key, KeyPair stranger) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        TestAuthorizationServer as = new TestAuthorizationServer(server, key, stranger);
        server.createContext("/.well-known/openid-configuration", exchange -> as.send(exchange.getResponseBody(),
                exchange, "{\"issuer\":\"" + as.issuer + "\",\"jwks_uri\":\"" + as.issuer + "/jwks\","
                        + "\"token_endpoint\":\"" + as.issuer + "/token\",\"authorization_endpoint\":\"" + as.issuer
                        + "/authorize\",\"response_types_supported\":[\"code\"],\"subject_types_supported\":"
                        + "[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                        + "\"code_challenge_methods_supported\":[\"S256\"]}"));
        server.createContext("/jwks", exchange -> as.send(exchange.getResponseBody(), exchange, as.jwks()));
        server.start();
        return as;
    }

    /** The issuer URL (also where its discovery document is found). */
    public String issuer() {
        return issuer;
    }

    /** A valid token for {@code subject} with these space-separated scopes and this audience, for five minutes. */
    public String token(String subject, String scopes, String audience) {
        return sign(claims(subject, scopes, audience, Instant.now().plusSeconds(300)), key);
    }

    /** The same claims, expired ten minutes ago. */
    public String expiredToken(String subject, String scopes, String audience) {
        return sign(claims(subject, scopes, audience, Instant.now().minusSeconds(600)), key);
    }

    /** A token with these claims (plus issuer, audience and expiry) signed with the server's key. */
    public String token(String subject, String scopes, String audience, Map<String, Object> extraClaims) {
        Map<String, Object> claims = claims(subject, scopes, audience, Instant.now().plusSeconds(300));
        claims.putAll(extraClaims);
        return sign(claims, key);
    }

    /** Valid claims signed by a key the JWKS does not hold, under its key id. */
    public String strangerToken(String subject, String scopes, String audience) {
        return sign(claims(subject, scopes, audience, Instant.now().plusSeconds(300)), stranger);
    }

    private Map<String, Object> claims(String subject, String scopes, String audience, Instant expires) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("aud", audience);
        claims.put("scope", scopes);
        claims.put("iat", expires.minusSeconds(300).getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        return claims;
    }

    private static String sign(Map<String, Object> claims, KeyPair with) {
        JsonWebSignature jws = new JsonWebSignature();
        JwtClaims jwt = new JwtClaims();
        claims.forEach(jwt::setClaim);
        jws.setPayload(jwt.toJson());
        jws.setKey(with.getPrivate());
        jws.setKeyIdHeaderValue(KEY_ID);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private String jwks() {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) key.getPublic());
        jwk.setKeyId(KEY_ID);
        jwk.setUse("sig");
        jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        return "{\"keys\":[" + jwk.toJson() + "]}";
    }

    private void send(OutputStream out, com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (out) {
            out.write(body);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
