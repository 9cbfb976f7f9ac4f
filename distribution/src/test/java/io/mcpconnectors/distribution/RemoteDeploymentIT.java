package io.mcpconnectors.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.test.TestAuthorizationServer;
import io.mcpconnectors.common.test.TestCertificates;

/**
 * A remote deployment as an operator runs it: the filesystem connector's image, started from its entrypoint with
 * its environment (see {@link ImageRun}), with only deployment settings added. OAuth 2.1 against an authorization
 * server the test serves (discovery document and JWKS) over HTTPS from PEM files; static tokens behind a gateway
 * that terminates TLS; and the refusal to take tokens over plain HTTP on an open address.
 */
class RemoteDeploymentIT {

    static final String RESOURCE = "https://mcp.example.test/mcp";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"operator\","
            + "\"version\":\"1\"}}}";
    static final List<String> READ_TOOLS = List.of("directory_tree", "get_file_info", "list_directory",
            "list_roots", "read_media_file", "read_text_file", "search_files");

    @Test
    void oauthOverHttpsFromTheImage(@TempDir Path dir) throws Exception {
        ImageRun.assumeImagesCanRun();
        ImageTarball image = ImageTarball.of("filesystem");
        Path root = fixture(image, dir);
        TestCertificates tls = TestCertificates.create(root.resolve("run/secrets/tls"));
        readableByAll(tls.certFile(), tls.keyFile());
        try (TestAuthorizationServer issuer = TestAuthorizationServer.start();
                ImageRun connector = ImageRun.start(image, root, Map.of("CONNECTOR_FILESYSTEM_ROOTS", "/srv/reports",
                        "CONNECTOR_AUTH_MODE", "oidc", "CONNECTOR_AUTH_ISSUER", issuer.issuer(),
                        "CONNECTOR_AUTH_RESOURCE", RESOURCE, "CONNECTOR_ACCESS_WRITES", "enabled",
                        "CONNECTOR_HTTP_TLS_CERT_FILE", "/run/secrets/tls/server.crt",
                        "CONNECTOR_HTTP_TLS_KEY_FILE", "/run/secrets/tls/server.key"))) {
            HttpClient https = HttpClient.newBuilder().sslContext(tls.trusting()).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build();
            URI base = URI.create("https://127.0.0.1:" + connector.port);
            connector.awaitReady(https, base);

            // No token: 401 naming where to learn about this resource (RFC 9728), and that document.
            HttpResponse<String> anonymous = post(https, base, null, null, INITIALIZE);
            assertEquals(401, anonymous.statusCode(), anonymous.body());
            String challenge = anonymous.headers().firstValue("WWW-Authenticate").orElseThrow();
            assertTrue(challenge.startsWith("Bearer") && challenge.contains("resource_metadata="), challenge);
            URI metadata = base.resolve(URI.create(challenge.replaceAll(".*resource_metadata=\"([^\"]+)\".*", "$1"))
                    .getPath());
            JsonNode document = JSON.readTree(https.send(HttpRequest.newBuilder(metadata).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(RESOURCE, document.get("resource").asText(), document.toString());
            assertEquals(issuer.issuer(), document.at("/authorization_servers/0").asText(), document.toString());
            assertTrue(document.get("scopes_supported").toString().contains("filesystem:read"), document.toString());

            // A read token and a write token: both are told the server has tools; their lists differ.
            List<String> read = toolsOf(https, base, issuer.token("ana", "filesystem:read", RESOURCE));
            List<String> write = toolsOf(https, base, issuer.token("ops", "filesystem:read filesystem:write",
                    RESOURCE));
            assertEquals(READ_TOOLS, read);
            assertTrue(write.containsAll(READ_TOOLS) && write.contains("write_file") && write.contains("edit_file"),
                    write.toString());

            // Wrong audience, expired, signed by a stranger: 401.
            for (String token : List.of(issuer.token("ana", "filesystem:read", "https://other.example/mcp"),
                    issuer.expiredToken("ana", "filesystem:read", RESOURCE),
                    issuer.strangerToken("ana", "filesystem:read", RESOURCE))) {
                assertEquals(401, post(https, base, token, null, INITIALIZE).statusCode());
            }
            // The port speaks TLS only.
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            assertThrows(IOException.class, () -> post(plain, URI.create("http://127.0.0.1:" + connector.port),
                    issuer.token("ana", "filesystem:read", RESOURCE), null, INITIALIZE));
            // Metrics are built into the image and on by default.
            HttpResponse<String> metrics = https.send(HttpRequest.newBuilder(base.resolve("/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("# TYPE jvm_"), "Prometheus metrics");
            assertFalse(connector.log().contains("Exception"), connector.log());
        }
    }

    @Test
    void staticTokensBehindAGatewayThatTerminatesTls(@TempDir Path dir) throws Exception {
        ImageRun.assumeImagesCanRun();
        ImageTarball image = ImageTarball.of("filesystem");
        Path root = fixture(image, dir);
        Map<String, String> settings = new HashMap<>(Map.of("CONNECTOR_FILESYSTEM_ROOTS", "/srv/reports",
                "CONNECTOR_AUTH_MODE", "static", "CONNECTOR_HTTP_TLS_TERMINATED_UPSTREAM", "true",
                "CONNECTOR_ACCESS_WRITES", "enabled", "CONNECTOR_METRICS_ENABLED", "false",
                "CONNECTOR_AUTH_TOKENS_ANALYSTS_SHA256", sha256("analyst-token-0123456789"),
                "CONNECTOR_AUTH_TOKENS_ANALYSTS_SCOPES", "filesystem:read",
                "CONNECTOR_AUTH_TOKENS_OPS_SHA256", sha256("ops-token-0123456789abcdef"),
                "CONNECTOR_AUTH_TOKENS_OPS_SCOPES", "filesystem:read,filesystem:write"));
        try (ImageRun connector = ImageRun.start(image, root, settings)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI base = URI.create("http://127.0.0.1:" + connector.port);
            connector.awaitReady(http, base);
            HttpResponse<String> anonymous = post(http, base, null, null, INITIALIZE);
            assertEquals(401, anonymous.statusCode());
            assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
            assertEquals(401, post(http, base, "not-a-token", null, INITIALIZE).statusCode());
            List<String> read = toolsOf(http, base, "analyst-token-0123456789");
            List<String> write = toolsOf(http, base, "ops-token-0123456789abcdef");
            assertEquals(READ_TOOLS, read);
            assertNotEquals(read, write);
            assertTrue(write.contains("write_file"), write.toString());
            assertEquals(404, http.send(HttpRequest.newBuilder(base.resolve("/q/metrics")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), "metrics switched off at run time");
        }
    }

    @Test
    void refusesTokensOverPlainHttpOnAnOpenAddress(@TempDir Path dir) throws Exception {
        ImageRun.assumeImagesCanRun();
        ImageTarball image = ImageTarball.of("filesystem");
        Path root = fixture(image, dir);
        try (ImageRun connector = ImageRun.start(image, root, Map.of("CONNECTOR_FILESYSTEM_ROOTS", "/srv/reports",
                "CONNECTOR_AUTH_MODE", "static", "CONNECTOR_AUTH_TOKENS_OPS_SHA256", sha256("x"),
                "CONNECTOR_AUTH_TOKENS_OPS_SCOPES", "filesystem:read"))) {
            assertEquals(1, connector.awaitExit(Duration.ofSeconds(60)));
            List<String> lines = connector.log().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), "one line: " + lines);
            assertTrue(lines.get(0).startsWith("connector: connector.http.tls.cert-file (CONNECTOR_HTTP_TLS_CERT_FILE)")
                    && lines.get(0).contains("connector.http.tls-terminated-upstream=true"), lines.get(0));
        }
    }

    private static Path fixture(ImageTarball image, Path dir) throws Exception {
        Path root = ImageRun.unpack(image, dir);
        Files.createDirectories(root.resolve("srv/reports"));
        Files.writeString(root.resolve("srv/reports/q3.txt"), "revenue up\n");
        return root;
    }

    /** Initializes a session with the token, checks the tools capability, and lists the tools. */
    private static List<String> toolsOf(HttpClient http, URI base, String token) throws Exception {
        HttpResponse<String> init = post(http, base, token, null, INITIALIZE);
        assertEquals(200, init.statusCode(), init.body());
        JsonNode capabilities = JSON.readTree(json(init.body())).at("/result/capabilities");
        assertTrue(capabilities.has("tools"), "the tools capability is advertised: " + capabilities);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(http, base, token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        HttpResponse<String> list = post(http, base, token, session,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        List<String> names = new ArrayList<>();
        JSON.readTree(json(list.body())).at("/result/tools").forEach(t -> names.add(t.get("name").asText()));
        return names.stream().sorted().toList();
    }

    private static HttpResponse<String> post(HttpClient http, URI base, String token, String session, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON of an answer sent as plain JSON or as one server-sent event. */
    private static String json(String body) {
        String trimmed = body.trim();
        return trimmed.startsWith("{") ? trimmed : trimmed.lines().filter(l -> l.startsWith("data:"))
                .map(l -> l.substring(5).trim()).findFirst().orElse(trimmed);
    }

    private static void readableByAll(Path... files) throws IOException {
        for (Path file : files) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
