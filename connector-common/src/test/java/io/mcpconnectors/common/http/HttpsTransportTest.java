package io.mcpconnectors.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.TestCertificates;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * HTTPS on the transport from PEM files: tokens travel encrypted, and the port serves nothing in plain HTTP.
 */
@QuarkusTest
@TestProfile(HttpsTransportTest.Https.class)
@WithTestResource(HttpsTransportTest.Certificates.class)
class HttpsTransportTest {

    static final String TOKEN = "tls-token-0123456789abcdef";
    static TestCertificates certificates;

    public static class Https implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.application.name", "connector-testkit", "connector.auth.mode", "static",
                    "connector.auth.tokens.reader.sha256", sha256(TOKEN),
                    "connector.auth.tokens.reader.scopes", "testkit:read", "quarkus.http.test-ssl-port", "0");
        }
    }

    /** Makes the certificate before the application reads its settings. */
    public static class Certificates implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                certificates = TestCertificates.create(Path.of("target", "tls"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Map.of("connector.http.tls.cert-file", certificates.certFile().toString(),
                    "connector.http.tls.key-file", certificates.keyFile().toString());
        }

        @Override
        public void stop() {
        }
    }

    @TestHTTPResource(value = "/mcp", tls = true)
    URI mcp;

    @Test
    void servesMcpOverHttpsWithTheConfiguredCertificate() throws Exception {
        assertEquals("https", mcp.getScheme());
        HttpClient https = HttpClient.newBuilder().sslContext(certificates.trusting())
                .version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> init = https.send(HttpRequest.newBuilder(mcp).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(MalformedRequestsTest.INITIALIZE)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, init.statusCode(), init.body());
        String body = init.body().trim();
        body = body.startsWith("{") ? body : body.substring(body.indexOf('{'));
        assertTrue(new JsonObject(body).getJsonObject("result").getJsonObject("capabilities").containsKey("tools"));
    }

    @Test
    void theSamePortRefusesPlainHttp() {
        URI plain = URI.create("http://" + mcp.getHost() + ":" + mcp.getPort() + "/mcp");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThrows(IOException.class, () -> http.send(HttpRequest.newBuilder(plain)
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(
                        MalformedRequestsTest.INITIALIZE)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
