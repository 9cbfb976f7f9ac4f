package io.mcpconnectors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.ClientCapability;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * A write confirmation crosses the gateway: the filesystem connector asks for it (MCP elicitation), the gateway
 * carries the question to the caller who made the call and the caller's answer back. Accepting runs the write once;
 * declining runs nothing.
 */
@QuarkusTest
@TestProfile(ElicitedWriteTest.Profile.class)
class ElicitedWriteTest {

    static final String NAME = "elicited-write";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(FilesystemBehindGateway.settings(NAME,
                    Map.of("CONNECTOR_ACCESS_WRITES", "enabled")));
            config.put("connector.access.writes", "enabled");
            return config;
        }
    }

    @Inject
    Gateway gateway;

    McpStreamableTestClient client;

    @BeforeEach
    void connect() throws Exception {
        assertTrue(gateway.supervisor("fs").awaitFirstAttempt(Duration.ofSeconds(60)));
        assertTrue(gateway.supervisor("fs").status().serving(), gateway.supervisor("fs").status().describe());
        client = McpAssured.newStreamableClient()
                .setClientCapabilities(new ClientCapability(ClientCapability.ELICITATION, Map.of()))
                .build().connect();
    }

    @AfterEach
    void disconnect() {
        client.disconnect();
    }

    private JsonObject write(String file, String content) {
        return client.newRequest("tools/call").put("params", new JsonObject().put("name", "fs.write_file")
                .put("arguments", new JsonObject().put("path", file).put("content", content)));
    }

    private void answer(JsonObject request, String action, JsonObject content) {
        JsonObject result = new JsonObject().put("action", action);
        if (content != null) {
            result.put("content", content);
        }
        client.sendAndForget(new JsonObject().put("jsonrpc", "2.0").put("id", request.getValue("id"))
                .put("result", result));
    }

    @Test
    void theConnectorsConfirmationReachesTheCallerAndAcceptingRunsTheWriteOnce() throws Exception {
        Path file = FilesystemBehindGateway.root(NAME).resolve("accepted.txt");
        JsonObject call = write("accepted.txt", "written through the gateway");
        client.sendAndForget(call);
        JsonObject request = client.waitForRequests(1).requests().get(0);
        assertEquals("elicitation/create", request.getString("method"));
        String message = request.getJsonObject("params").getString("message");
        assertTrue(message.contains("Tool: write_file (write: changes data)"), message);
        assertTrue(message.contains("written through the gateway"), message);
        assertEquals("boolean", request.getJsonObject("params").getJsonObject("requestedSchema")
                .getJsonObject("properties").getJsonObject("approve").getString("type"));
        assertFalse(Files.exists(file), "nothing is written while the user decides");

        answer(request, "accept", new JsonObject().put("approve", true));
        JsonObject response = client.waitForResponse(call);
        assertFalse(response.getJsonObject("result").getBoolean("isError"), response.encode());
        assertEquals("written through the gateway", Files.readString(file));
    }

    @Test
    void decliningRunsNothing() {
        Path file = FilesystemBehindGateway.root(NAME).resolve("declined.txt");
        JsonObject call = write("declined.txt", "must not be written");
        client.sendAndForget(call);
        JsonObject request = client.waitForRequests(1).requests().get(0);
        answer(request, "decline", null);
        JsonObject response = client.waitForResponse(call);
        assertTrue(response.getJsonObject("result").getBoolean("isError"), response.encode());
        assertTrue(response.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text")
                .startsWith("Not run: the user declined write_file"), response.encode());
        assertFalse(Files.exists(file));
    }
}
