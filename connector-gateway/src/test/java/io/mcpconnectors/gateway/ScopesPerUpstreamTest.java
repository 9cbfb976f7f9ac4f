package io.mcpconnectors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpCalls;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Scopes per upstream: {@code fs:read} gives the filesystem upstream's READ tools, {@code fs:write} its WRITE tools
 * (and its approval_status), and a caller with no scope for any upstream is refused with the scopes it would need.
 */
@QuarkusTest
@TestProfile(ScopesPerUpstreamTest.Profile.class)
class ScopesPerUpstreamTest {

    static final String READER = "reader-token-0123456789";
    static final String WRITER = "writer-token-0123456789";
    static final String STRANGER = "stranger-token-012345678";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(FilesystemBehindGateway.settings("scopes",
                    Map.of("CONNECTOR_ACCESS_WRITES", "enabled")));
            config.put("connector.access.writes", "enabled");
            config.put("connector.auth.mode", "static");
            McpCalls.staticToken(config, "reader", READER, "fs:read");
            McpCalls.staticToken(config, "writer", WRITER, "fs:write");
            McpCalls.staticToken(config, "stranger", STRANGER, "postgres:read");
            return config;
        }
    }

    @Inject
    Gateway gateway;

    @TestHTTPResource("/mcp")
    URI mcp;

    @BeforeEach
    void upstreamServing() throws Exception {
        assertTrue(gateway.supervisor("fs").awaitFirstAttempt(Duration.ofSeconds(60)));
        assertTrue(gateway.supervisor("fs").status().serving(), gateway.supervisor("fs").status().describe());
    }

    @Test
    void readScopeGivesTheUpstreamsReadToolsOnly() {
        McpStreamableTestClient reader = McpCalls.connect(READER);
        try {
            List<String> names = McpCalls.toolNames(reader);
            assertEquals(List.of("fs.directory_tree", "fs.get_file_info", "fs.list_directory", "fs.list_roots",
                    "fs.read_media_file", "fs.read_text_file", "fs.search_files"), names);
            assertEquals(-32602, McpCalls.callExpectingProtocolError(reader, "fs.write_file",
                    Map.of("path", "x.txt", "content", "x")).code());
            assertFalse(McpCalls.call(reader, "fs.read_text_file", Map.of("path", "hello.txt")).isError());
            // The upstream's refusal of arguments that do not fit is its isError result, relayed as it gave it.
            String refused = McpCalls.invalidArguments("read_text_file",
                    McpCalls.call(reader, "fs.read_text_file", Map.of("pathh", "hello.txt")));
            assertTrue(refused.contains("unknown argument 'pathh'"), refused);
        } finally {
            reader.disconnect();
        }
    }

    @Test
    void writeScopeGivesTheUpstreamsWriteToolsAndTheirApprovalStatus() {
        McpStreamableTestClient writer = McpCalls.connect(WRITER);
        try {
            assertEquals(List.of("fs.approval_status", "fs.create_directory", "fs.edit_file", "fs.move_file",
                    "fs.write_file"), McpCalls.toolNames(writer));
            assertEquals(-32602, McpCalls.callExpectingProtocolError(writer, "fs.read_text_file",
                    Map.of("path", "hello.txt")).code());
        } finally {
            writer.disconnect();
        }
    }

    @Test
    void aCallerWithoutAnyScopeForTheUpstreamsIsRefusedWithTheScopesItNeeds() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(mcp)
                .header("Authorization", "Bearer " + STRANGER).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                        + "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":"
                        + "{\"name\":\"t\",\"version\":\"1\"}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, answer.statusCode());
        assertTrue(answer.headers().firstValue("WWW-Authenticate").orElseThrow().contains("scope=\"fs:read\""),
                answer.headers().toString());
    }
}
