package io.mcpconnectors.common.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.testkit.TestkitConnector;
import io.mcpconnectors.common.testkit.TestkitTools.SourceState;
import io.quarkiverse.mcp.server.ClientCapability;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * Writes confirmed by the user through MCP elicitation (the default mode): the confirmation shows exactly what
 * will happen; accept runs it, decline, cancel and silence do not.
 */
@QuarkusTest
@TestProfile(ApprovalByElicitationTest.Profile.class)
class ApprovalByElicitationTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.access.writes", "enabled", "connector.approval.timeout", "2s",
                    "connector.data-dir", "target/connector-data/approval-by-elicitation");
        }
    }

    @Inject
    SourceState state;

    McpStreamableTestClient client;

    @BeforeEach
    void connect() {
        client = McpAssured.newStreamableClient()
                .setClientCapabilities(new ClientCapability(ClientCapability.ELICITATION, Map.of()))
                .build().connect();
    }

    @AfterEach
    void disconnect() {
        client.disconnect();
    }

    /** Calls touch, returns the elicitation request the connector sent, and leaves the call waiting. */
    JsonObject callAndReceiveConfirmation(JsonObject call) {
        client.sendAndForget(call);
        JsonObject request = client.waitForRequests(1).requests().get(0);
        assertEquals("elicitation/create", request.getString("method"));
        return request;
    }

    JsonObject touch(String note) {
        return client.newRequest("tools/call").put("params", new JsonObject().put("name", "touch")
                .put("arguments", new JsonObject().put("note", note)));
    }

    JsonObject answer(JsonObject request, String action, JsonObject content) {
        JsonObject result = new JsonObject().put("action", action);
        if (content != null) {
            result.put("content", content);
        }
        client.sendAndForget(new JsonObject().put("jsonrpc", "2.0").put("id", request.getValue("id"))
                .put("result", result));
        return null;
    }

    static String text(JsonObject response) {
        return response.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text");
    }

    @Test
    void theConfirmationShowsExactlyWhatWillHappenAndAcceptRunsIt() {
        int before = state.writes.get();
        JsonObject call = touch("hello from the model");
        JsonObject request = callAndReceiveConfirmation(call);
        String message = request.getJsonObject("params").getString("message");
        assertTrue(message.contains("Tool: touch (write: changes data)"), message);
        assertTrue(message.contains("\"note\" : \"hello from the model\""), message);
        assertTrue(message.contains("Would write note 'hello from the model' as write #" + (before + 1)), message);
        assertEquals("boolean", request.getJsonObject("params").getJsonObject("requestedSchema")
                .getJsonObject("properties").getJsonObject("approve").getString("type"));
        assertEquals("approve", request.getJsonObject("params").getJsonObject("requestedSchema")
                .getJsonArray("required").getString(0));
        assertEquals(before, state.writes.get(), "nothing runs while the user decides");

        answer(request, "accept", new JsonObject().put("approve", true));
        JsonObject response = client.waitForResponse(call);
        assertFalse(response.getJsonObject("result").getBoolean("isError"), response.encode());
        assertEquals(before + 1, state.writes.get());
    }

    @Test
    void theConfirmationNeverShowsTheConnectorsOwnCredential() {
        int before = state.writes.get();
        JsonObject call = touch("use key " + TestkitConnector.API_KEY);
        JsonObject request = callAndReceiveConfirmation(call);
        String message = request.getJsonObject("params").getString("message");
        assertFalse(message.contains(TestkitConnector.API_KEY), message);
        assertTrue(message.contains("\"note\" : \"use key [REDACTED]\""), "the arguments: " + message);
        assertTrue(message.contains("Would write note 'use key [REDACTED]'"), "the preview: " + message);
        answer(request, "decline", null);
        client.waitForResponse(call);
        assertEquals(before, state.writes.get());
    }

    @Test
    void declineDoesNotRunIt() {
        assertNotRun("decline", null, "Not run: the user declined touch. Nothing was changed.");
    }

    @Test
    void cancelDoesNotRunIt() {
        assertNotRun("cancel", null, "Not run: the user cancelled touch. Nothing was changed.");
    }

    @Test
    void acceptWithApproveUntickedDoesNotRunIt() {
        assertNotRun("accept", new JsonObject().put("approve", false),
                "Not run: the user declined touch. Nothing was changed.");
    }

    @Test
    void acceptWithoutTheApproveAnswerDoesNotRunIt() {
        assertNotRun("accept", new JsonObject(), "Not run: the user declined touch. Nothing was changed.");
    }

    @Test
    void acceptWithApproveAsTextDoesNotRunIt() {
        assertNotRun("accept", new JsonObject().put("approve", "true"),
                "Not run: the user declined touch. Nothing was changed.");
    }

    @Test
    void acceptWithApproveAsAnObjectDoesNotRunIt() {
        assertNotRun("accept", new JsonObject().put("approve", new JsonObject().put("value", true)),
                "Not run: the user declined touch. Nothing was changed.");
    }

    @Test
    void aConfirmationTheClientAnswersWithAnErrorDoesNotRunIt() {
        int before = state.writes.get();
        JsonObject call = touch("the client fails");
        JsonObject request = callAndReceiveConfirmation(call);
        client.sendAndForget(new JsonObject().put("jsonrpc", "2.0").put("id", request.getValue("id"))
                .put("error", new JsonObject().put("code", -32603).put("message", "no display")));
        JsonObject response = client.waitForResponse(call);
        assertTrue(response.getJsonObject("result").getBoolean("isError"), response.encode());
        // Not the timeout's answer: the client's error ends the wait at once.
        assertEquals("Not run: the confirmation of touch could not be shown to the user.", text(response));
        assertEquals(before, state.writes.get());
    }

    @Test
    void noAnswerWithinTheTimeoutCountsAsDeclined() {
        int before = state.writes.get();
        JsonObject call = touch("nobody home");
        callAndReceiveConfirmation(call);
        JsonObject response = client.waitForResponse(call);
        assertTrue(response.getJsonObject("result").getBoolean("isError"));
        assertTrue(text(response).startsWith("Not run: nobody answered the confirmation of touch within 2 s"),
                text(response));
        assertEquals(before, state.writes.get());
    }

    @Test
    void aClientThatCannotElicitGetsAPendingApprovalInstead() {
        McpStreamableTestClient plain = McpAssured.newConnectedStreamableClient();
        try {
            int before = state.writes.get();
            JsonObject call = plain.newRequest("tools/call").put("params", new JsonObject().put("name", "touch")
                    .put("arguments", new JsonObject().put("note", "no elicitation here")));
            plain.sendAndForget(call);
            JsonObject response = plain.waitForResponse(call);
            assertTrue(text(response).startsWith("NOT RUN YET"), text(response));
            assertTrue(response.getJsonObject("result").getJsonObject("structuredContent").getJsonObject("approval")
                    .getString("id").startsWith("apr_"));
            assertEquals(before, state.writes.get());
        } finally {
            plain.disconnect();
        }
    }

    private void assertNotRun(String action, JsonObject content, String expected) {
        int before = state.writes.get();
        JsonObject call = touch("please do not");
        JsonObject request = callAndReceiveConfirmation(call);
        answer(request, action, content);
        JsonObject response = client.waitForResponse(call);
        assertTrue(response.getJsonObject("result").getBoolean("isError"), response.encode());
        assertEquals(expected, text(response));
        assertEquals(before, state.writes.get());
    }
}
