package io.mcpconnectors.gateway;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static io.mcpconnectors.common.test.McpCalls.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpClientTest;
import io.quarkiverse.mcp.server.test.McpAssured.ToolInfo;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * The gateway in front of the filesystem connector, spawned over stdio from its packaged build and pinned to its
 * manifest: the connector's tools are listed under its upstream name exactly as the connector declares them, calls
 * reach it and come back unchanged, each call is audited in the gateway's chain, and readiness names the upstream.
 */
@QuarkusTest
@TestProfile(StdioUpstreamTest.Profile.class)
class StdioUpstreamTest extends McpClientTest {

    static final String NAME = "stdio-upstream";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return FilesystemBehindGateway.settings(NAME, Map.of());
        }
    }

    @Inject
    Gateway gateway;

    @TestHTTPResource("/q/health/ready")
    URI readiness;

    @BeforeEach
    void upstreamServing() throws Exception {
        assertTrue(gateway.supervisor("fs").awaitFirstAttempt(Duration.ofSeconds(60)));
        assertTrue(gateway.supervisor("fs").status().serving(), gateway.supervisor("fs").status().describe());
    }

    @Test
    void listsTheConnectorsToolsUnderItsUpstreamNameAsTheConnectorDeclaresThem() {
        List<ToolInfo> tools = McpCalls.tools(client);
        assertEquals(List.of("fs.directory_tree", "fs.get_file_info", "fs.list_directory", "fs.list_roots",
                "fs.read_media_file", "fs.read_text_file", "fs.search_files"),
                tools.stream().map(ToolInfo::name).sorted().toList());
        ToolInfo read = tools.stream().filter(t -> t.name().equals("fs.read_text_file")).findFirst().orElseThrow();
        assertTrue(read.description().startsWith("Reads a text file"), read.description());
        assertEquals("string", read.inputSchema().getJsonObject("properties").getJsonObject("path").getString("type"));
        assertTrue(read.annotations().orElseThrow().readOnlyHint());
    }

    @Test
    void aCallReachesTheConnectorAndItsResultComesBackUnchanged() {
        var response = call(client, "fs.read_text_file", Map.of("path", "hello.txt"));
        JsonObject data = ok(response);
        assertEquals("hello through the gateway\n", data.getString("content"));
        assertTrue(text(response).contains("hello through the gateway"), text(response));
    }

    @Test
    void theConnectorsErrorsComeBackAsItsErrors() {
        var response = call(client, "fs.read_text_file", Map.of("path", "/etc/passwd"));
        assertTrue(response.isError());
        assertTrue(text(response).contains("outside"), text(response));
    }

    @Test
    void everyCallIsAuditedWithTheUpstreamAndTool() throws Exception {
        call(client, "fs.get_file_info", Map.of("path", "hello.txt"));
        List<JsonObject> records = Files.readAllLines(FilesystemBehindGateway.audit(NAME)).stream()
                .map(JsonObject::new).toList();
        JsonObject record = records.stream().filter(r -> "fs.get_file_info".equals(r.getString("tool")))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError(records.toString()));
        assertEquals("gateway", record.getString("connector"));
        assertEquals("fs", record.getString("identity"));
        assertEquals("READ", record.getString("access"));
        assertEquals("ok", record.getString("outcome"));
        assertEquals("hello.txt", record.getJsonObject("arguments").getString("path"));
        assertTrue(records.stream().anyMatch(r -> "upstream_ready".equals(r.getString("type"))
                && "fs".equals(r.getString("upstream"))), records.toString());
    }

    @Test
    void readinessReportsEachUpstream() throws Exception {
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(readiness).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject check = new JsonObject(ready.body()).getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("name").equals("gateway-upstreams")).findFirst().orElseThrow();
        assertEquals("serving", check.getJsonObject("data").getString("fs"));
        assertFalse(ready.body().contains("CONNECTOR_"), ready.body());
    }
}
