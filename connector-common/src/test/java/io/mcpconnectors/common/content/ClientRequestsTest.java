package io.mcpconnectors.common.content;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.callExpectingInvalidArguments;
import static io.mcpconnectors.common.test.McpCalls.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.AuditTail;
import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.testkit.TestkitConnector;
import io.quarkiverse.mcp.server.ClientCapability;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A tool asks the client's model (sampling) or its user (elicitation) through {@code call.client()}: the answer
 * comes back to the tool; a client without the capability, an error answer from the client, silence past the
 * call's deadline and cancellation end the call with a clear message. The tool's nested, enumerated and oneOf arguments are checked before it runs.
 */
@QuarkusTest
class ClientRequestsTest {

    static final String KEY = TestkitConnector.API_KEY;

    McpStreamableTestClient client;

    @BeforeEach
    void connect() {
        client = McpAssured.newStreamableClient()
                .setClientCapabilities(new ClientCapability(ClientCapability.SAMPLING, Map.of()),
                        new ClientCapability(ClientCapability.ELICITATION, Map.of()))
                .build().connect();
    }

    @AfterEach
    void disconnect() {
        client.disconnect();
    }

    JsonObject ask(JsonObject arguments) {
        JsonObject call = client.newRequest("tools/call").put("params", new JsonObject().put("name", "ask")
                .put("arguments", arguments));
        client.sendAndForget(call);
        return call;
    }

    JsonObject requestOf(String method) {
        return requestOf(method, 1);
    }

    /** The {@code nth} request the connector sent in this session. */
    JsonObject requestOf(String method, int nth) {
        JsonObject request = client.waitForRequests(nth).requests().get(nth - 1);
        assertEquals(method, request.getString("method"));
        return request;
    }

    void answer(JsonObject request, JsonObject result) {
        client.sendAndForget(new JsonObject().put("jsonrpc", "2.0").put("id", request.getValue("id"))
                .put("result", result));
    }

    static JsonObject structured(JsonObject response) {
        JsonObject result = response.getJsonObject("result");
        assertFalse(result.getBoolean("isError", false), response.encode());
        return result.getJsonObject("structuredContent");
    }

    static String errorText(JsonObject response) {
        JsonObject result = response.getJsonObject("result");
        assertTrue(result.getBoolean("isError"), response.encode());
        return result.getJsonArray("content").getJsonObject(0).getString("text");
    }

    @Test
    void samplingSendsTheMessagesAndReturnsTheModelsText() {
        JsonObject call = ask(new JsonObject().put("mode", "sample").put("question", "What is 2+2?"));
        JsonObject request = requestOf("sampling/createMessage");
        JsonObject params = request.getJsonObject("params");
        assertEquals(50, params.getInteger("maxTokens"));
        assertEquals("Be brief.", params.getString("systemPrompt"));
        assertEquals("What is 2+2?", params.getJsonArray("messages").getJsonObject(0).getJsonObject("content")
                .getString("text"));
        answer(request, new JsonObject().put("role", "assistant").put("model", "m").put("content",
                new JsonObject().put("type", "text").put("text", "4")));
        assertEquals("4", structured(client.waitForResponse(call)).getString("answer"));
    }

    @Test
    void elicitationShowsTheFormAndAcceptReturnsTheValues() {
        JsonObject call = ask(new JsonObject().put("mode", "elicit").put("question", "How many?")
                .put("form", new JsonObject().put("choices", new JsonArray().add("red").add("blue")).put("initial", 3)));
        JsonObject request = requestOf("elicitation/create");
        JsonObject schema = request.getJsonObject("params").getJsonObject("requestedSchema");
        assertEquals(new JsonArray().add("red").add("blue"), schema.getJsonObject("properties").getJsonObject("pick")
                .getJsonArray("enum"));
        assertEquals("integer", schema.getJsonObject("properties").getJsonObject("count").getString("type"));
        assertEquals(3, schema.getJsonObject("properties").getJsonObject("count").getInteger("default"));
        assertEquals(new JsonArray().add("pick"), schema.getJsonArray("required"));
        answer(request, new JsonObject().put("action", "accept").put("content", new JsonObject().put("pick", "blue")
                .put("count", 5)));
        JsonObject result = structured(client.waitForResponse(call));
        assertEquals("ACCEPT", result.getString("action"));
        assertEquals("blue", result.getJsonObject("values").getString("pick"));
        assertEquals(5, result.getJsonObject("values").getInteger("count"));
    }

    @Test
    void declineAndCancelReachTheToolWithoutValues() {
        int nth = 0;
        for (String action : List.of("decline", "cancel")) {
            JsonObject call = ask(new JsonObject().put("mode", "elicit").put("question", "Sure?"));
            answer(requestOf("elicitation/create", ++nth), new JsonObject().put("action", action));
            JsonObject result = structured(client.waitForResponse(call));
            assertEquals(action.toUpperCase(), result.getString("action"));
            assertTrue(result.getJsonObject("values").isEmpty(), result.encode());
        }
    }

    void answerWithError(JsonObject request, int code, String message) {
        client.sendAndForget(new JsonObject().put("jsonrpc", "2.0").put("id", request.getValue("id"))
                .put("error", new JsonObject().put("code", code).put("message", message)));
    }

    @Test
    void aSamplingRequestTheClientAnswersWithAnErrorEndsTheCallWithTheClientsMessage() {
        JsonObject call = ask(new JsonObject().put("mode", "sample").put("question", "What is 2+2?"));
        answerWithError(requestOf("sampling/createMessage"), -1, "User rejected sampling request");
        // Before the client's error was passed on, the call ran into its deadline ("ask did not finish within").
        assertEquals("The client refused or failed ask's sampling request: User rejected sampling request.",
                errorText(client.waitForResponse(call)));
        // The session goes on: the next request is answered as usual.
        JsonObject next = ask(new JsonObject().put("mode", "sample").put("question", "And 3+3?"));
        answer(requestOf("sampling/createMessage", 2), new JsonObject().put("role", "assistant").put("model", "m")
                .put("content", new JsonObject().put("type", "text").put("text", "6")));
        assertEquals("6", structured(client.waitForResponse(next)).getString("answer"));
    }

    @Test
    void anElicitationRequestTheClientAnswersWithAnErrorEndsTheCallWithTheClientsMessage() {
        JsonObject call = ask(new JsonObject().put("mode", "elicit").put("question", "How many?"));
        answerWithError(requestOf("elicitation/create"), -32603, "the form could not be shown");
        assertEquals("The client refused or failed ask's question to the user (elicitation request): the form could"
                + " not be shown.", errorText(client.waitForResponse(call)));
    }

    @Test
    void aClientWithoutTheCapabilitiesGetsAClearError() {
        McpStreamableTestClient plain = McpCalls.connect();
        try {
            assertEquals("ask needs to ask the client's model (MCP sampling), and this client did not declare the"
                    + " sampling capability. Use a client that supports sampling.",
                    error(call(plain, "ask", Map.of("mode", "sample", "question", "hi"))));
            assertTrue(error(call(plain, "ask", Map.of("mode", "elicit", "question", "hi")))
                    .contains("did not declare the elicitation capability"));
        } finally {
            plain.disconnect();
        }
    }

    @Test
    void aQuestionNobodyAnswersEndsAtTheCallsDeadline() {
        JsonObject call = ask(new JsonObject().put("mode", "sample").put("question", "anyone?"));
        requestOf("sampling/createMessage");
        assertTrue(errorText(client.waitForResponse(call)).startsWith("ask did not finish within 1000 ms"));
    }

    @Test
    void aCallCancelledWhileItsQuestionWaitsStops() throws InterruptedException {
        AuditTail audit = AuditTail.from(Path.of("target/audit/runtime-audit.jsonl"));
        JsonObject call = ask(new JsonObject().put("mode", "elicit").put("question", "still there?"));
        requestOf("elicitation/create");
        client.sendAndForget(client.newMessage("notifications/cancelled").put("params", new JsonObject()
                .put("requestId", call.getValue("id")).put("reason", "changed my mind")));
        String records = "";
        for (int i = 0; i < 50 && !(records.contains("\"tool\":\"ask\"") && records.contains("\"cancelled\"")); i++) {
            Thread.sleep(100);
            records = audit.text();
        }
        assertTrue(records.contains("\"tool\":\"ask\"") && records.contains("\"outcome\":\"cancelled\""), records);
    }

    @Test
    void nestedEnumeratedAndOneOfArgumentsAreCheckedBeforeTheToolRuns() {
        String error = callExpectingInvalidArguments(client, "ask", Map.of("mode", "shout", "question", "q"));
        assertTrue(error.endsWith("argument 'mode' must be one of [sample, elicit], got 'shout'"), error);
        error = callExpectingInvalidArguments(client, "ask", Map.of("mode", "elicit", "question", "q",
                "form", Map.of("choices", List.of())));
        assertTrue(error.endsWith("argument 'form.choices' must have at least 1 item, got 0"), error);
        error = callExpectingInvalidArguments(client, "ask", Map.of("mode", "elicit", "question", "q",
                "form", Map.of("choices", List.of("a"), "initial", true)));
        assertTrue(error.endsWith("argument 'form.initial' must be one of: an integer; a string, got a"
                + " boolean"), error);
        error = callExpectingInvalidArguments(client, "ask", Map.of("mode", "elicit", "question", "q",
                "form", Map.of("choices", List.of("a"), "colour", "red")));
        assertTrue(error.endsWith("argument 'form' has the unknown property 'colour'; accepted: [choices,"
                + " initial]"), error);
        error = callExpectingInvalidArguments(client, "ask", Map.of("mode", "elicit", "question", "q",
                "form", Map.of("choices", List.of("a", 2))));
        assertTrue(error.endsWith("argument 'form.choices[1]' must be a string, got a number"), error);
    }

    @Test
    void theInputSchemaIsJsonSchema202012WithTheNestedShape() {
        JsonObject schema = McpCalls.tools(client).stream().filter(t -> t.name().equals("ask")).findFirst()
                .orElseThrow().inputSchema();
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.getString("$schema"));
        JsonObject form = schema.getJsonObject("properties").getJsonObject("form");
        assertEquals(false, form.getBoolean("additionalProperties"));
        assertEquals(1, form.getJsonObject("properties").getJsonObject("choices").getInteger("minItems"));
        assertEquals(2, form.getJsonObject("properties").getJsonObject("initial").getJsonArray("oneOf").size());
        assertEquals(new JsonArray().add("sample").add("elicit"), schema.getJsonObject("properties")
                .getJsonObject("mode").getJsonArray("enum"));
    }

    @Test
    void theQuestionAndEveryTextOfTheFormAreScrubbedOfTheConnectorsCredential() {
        JsonObject call = ask(new JsonObject().put("mode", "elicit").put("question", "Rotate " + KEY + "?")
                .put("form", new JsonObject().put("choices", new JsonArray().add("keep").add(KEY)).put("initial", KEY)));
        JsonObject request = requestOf("elicitation/create");
        assertFalse(request.encode().contains(KEY), request.encode());
        JsonObject properties = request.getJsonObject("params").getJsonObject("requestedSchema")
                .getJsonObject("properties");
        assertEquals(new JsonArray().add("keep").add("[REDACTED]"), properties.getJsonObject("pick")
                .getJsonArray("enum"));
        assertEquals("[REDACTED]", properties.getJsonObject("count").getString("default"));
        answer(request, new JsonObject().put("action", "cancel"));
        assertEquals("CANCEL", structured(client.waitForResponse(call)).getString("action"));
    }

    @Test
    void aSamplingRequestIsScrubbedOfTheConnectorsCredential() {
        JsonObject call = ask(new JsonObject().put("mode", "sample").put("question", "Summarise: key=" + KEY));
        JsonObject request = requestOf("sampling/createMessage");
        assertFalse(request.encode().contains(KEY), request.encode());
        assertEquals("Summarise: key=[REDACTED]", request.getJsonObject("params").getJsonArray("messages")
                .getJsonObject(0).getJsonObject("content").getString("text"));
        answer(request, new JsonObject().put("role", "assistant").put("model", "m").put("content",
                new JsonObject().put("type", "text").put("text", "ok")));
        assertEquals("ok", structured(client.waitForResponse(call)).getString("answer"));
    }

    @Test
    void anAnswerOfAnotherKindThanItsFieldIsAClearError() {
        JsonObject call = ask(new JsonObject().put("mode", "elicit").put("question", "Which?")
                .put("form", new JsonObject().put("choices", new JsonArray().add("red").add("blue")).put("initial", 1)));
        answer(requestOf("elicitation/create"), new JsonObject().put("action", "accept").put("content",
                new JsonObject().put("pick", new JsonObject().put("$where", "sleep(1)")).put("count", 2)));
        assertEquals("The client's answer to ask's question to the user does not fit its form: field 'pick' must be"
                + " one of [red, blue], got an object. Answer the form again.", errorText(client.waitForResponse(call)));
    }

    @Test
    void anAnswerOutsideTheChoicesOrOfTheWrongNumberKindIsRefused() {
        JsonObject call = ask(new JsonObject().put("mode", "elicit").put("question", "Which?")
                .put("form", new JsonObject().put("choices", new JsonArray().add("red")).put("initial", 1)));
        answer(requestOf("elicitation/create", 1), new JsonObject().put("action", "accept").put("content",
                new JsonObject().put("pick", "green")));
        assertTrue(errorText(client.waitForResponse(call)).contains("field 'pick' must be one of [red], got a value"
                + " outside them"));
        call = ask(new JsonObject().put("mode", "elicit").put("question", "How many?")
                .put("form", new JsonObject().put("choices", new JsonArray().add("red")).put("initial", 1)));
        answer(requestOf("elicitation/create", 2), new JsonObject().put("action", "accept").put("content",
                new JsonObject().put("pick", "red").put("count", 2.5)));
        assertTrue(errorText(client.waitForResponse(call)).contains("field 'count' must be an integer, got a number"));
    }

    @Test
    void valuesTheFormDidNotAskForAreLeftOut() {
        JsonObject call = ask(new JsonObject().put("mode", "elicit").put("question", "Which?")
                .put("form", new JsonObject().put("choices", new JsonArray().add("red")).put("initial", 1)));
        answer(requestOf("elicitation/create"), new JsonObject().put("action", "accept").put("content",
                new JsonObject().put("pick", "red").put("count", 3.0).put("admin", true)));
        JsonObject values = structured(client.waitForResponse(call)).getJsonObject("values");
        assertEquals(new JsonObject().put("pick", "red").put("count", 3), values);
    }

    @Test
    void aQuestionGoesOnlyToTheCallersSession() {
        McpStreamableTestClient other = McpAssured.newStreamableClient()
                .setClientCapabilities(new ClientCapability(ClientCapability.SAMPLING, Map.of()),
                        new ClientCapability(ClientCapability.ELICITATION, Map.of()))
                .build().connect();
        try {
            JsonObject call = ask(new JsonObject().put("mode", "sample").put("question", "mine?"));
            answer(requestOf("sampling/createMessage"), new JsonObject().put("role", "assistant").put("model", "m")
                    .put("content", new JsonObject().put("type", "text").put("text", "yes")));
            assertEquals("yes", structured(client.waitForResponse(call)).getString("answer"));
            assertEquals(List.of(), other.snapshot().requests());
        } finally {
            other.disconnect();
        }
    }

    @Test
    void anErrorAnswerQuotingTheCredentialEndsTheCallWithoutIt() {
        AuditTail audit = AuditTail.from(Path.of("target/audit/runtime-audit.jsonl"));
        JsonObject call = ask(new JsonObject().put("mode", "sample").put("question", "hi"));
        JsonObject request = requestOf("sampling/createMessage");
        client.sendAndForget(new JsonObject().put("jsonrpc", "2.0").put("id", request.getValue("id"))
                .put("error", new JsonObject().put("code", -1).put("message", "model refused key " + KEY)));
        JsonObject response = client.waitForResponse(call);
        assertTrue(response.getJsonObject("result").getBoolean("isError"), response.encode());
        assertFalse(response.encode().contains(KEY), response.encode());
        assertFalse(audit.text().contains(KEY));
    }

    @Test
    void aHugeAnswerFromTheModelIsHeldToTheByteCap() {
        JsonObject call = ask(new JsonObject().put("mode", "sample").put("question", "ramble"));
        answer(requestOf("sampling/createMessage"), new JsonObject().put("role", "assistant").put("model", "m")
                .put("content", new JsonObject().put("type", "text").put("text", "x".repeat(200_000))));
        assertTrue(errorText(client.waitForResponse(call)).contains("more than connector.limits.max-bytes"));
    }
}
