package io.mcpconnectors.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.ConnectorProcess;
import io.vertx.core.json.JsonObject;

/** The packaged connector on the Streamable HTTP transport, as a data team runs it in a container. */
class HttpTransportIT {

    static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    @Test
    void servesMcpAndHealthOnLoopbackAndRejectsForeignOrigins() throws Exception {
        FilesystemFixture fixture = new FilesystemFixture();
        fixture.init(Map.of("name", "http"));
        String root = fixture.start().get("connector.filesystem.roots");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.remoteJarUnderTest(),
                Map.of("CONNECTOR_FILESYSTEM_ROOTS", root, "CONNECTOR_TRANSPORT", "http",
                        "CONNECTOR_HTTP_PORT", String.valueOf(port),
                        "CONNECTOR_HTTP_ALLOWED_ORIGINS", "https://host.example"))) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI base = URI.create("http://127.0.0.1:" + port);
            HttpResponse<String> health = waitForHealth(http, base, connector);
            assertEquals(200, health.statusCode(), health.body());
            // Readiness is the roots' alone: no check of a database the filesystem connector does not use.
            assertEquals(List.of("filesystem-source"), new JsonObject(health.body()).getJsonArray("checks").stream()
                    .map(check -> ((JsonObject) check).getString("name")).toList(), health.body());

            HttpResponse<String> init = http.send(post(base, INIT, null), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, init.statusCode(), init.body());
            assertTrue(init.headers().firstValue("Mcp-Session-Id").isPresent());
            String body = init.body().contains("data:") ? init.body().substring(init.body().indexOf('{')).trim()
                    : init.body();
            assertEquals("2025-11-25", new JsonObject(body).getJsonObject("result").getString("protocolVersion"));

            assertEquals(403, http.send(post(base, INIT, "https://evil.example"), HttpResponse.BodyHandlers.ofString())
                    .statusCode());
            assertEquals(200, http.send(post(base, INIT, "https://host.example"), HttpResponse.BodyHandlers.ofString())
                    .statusCode());
        }
    }

    private static HttpResponse<String> waitForHealth(HttpClient http, URI base, ConnectorProcess connector)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline || !connector.process().isAlive()) {
                    throw new AssertionError("HTTP transport did not come up: " + connector.stderr(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static HttpRequest post(URI base, String body, String origin) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve("/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder.build();
    }
}
