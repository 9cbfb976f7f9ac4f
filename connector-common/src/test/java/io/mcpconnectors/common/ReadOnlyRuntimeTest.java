package io.mcpconnectors.common;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.callExpectingInvalidArguments;
import static io.mcpconnectors.common.test.McpCalls.callExpectingProtocolError;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static io.mcpconnectors.common.test.McpCalls.toolNames;
import static io.mcpconnectors.common.test.McpCalls.tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpClientTest;
import io.mcpconnectors.common.testkit.TestkitTools.SourceState;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkiverse.mcp.server.test.McpAssured.McpError;
import io.quarkiverse.mcp.server.test.McpAssured.ToolInfo;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** The runtime with its defaults: writes disabled, every call wrapped. */
@QuarkusTest
class ReadOnlyRuntimeTest extends McpClientTest {

    @Inject
    SourceState state;

    @TestHTTPResource("/")
    URI base;


    @Test
    void listsOnlyReadToolsByDefault() {
        assertEquals(List.of("ask", "echo", "hold", "many", "oversized", "sleep"), toolNames(client));
    }

    @Test
    void derivesReadAnnotationsFromAccessClass() {
        ToolInfo echo = tools(client).stream().filter(t -> t.name().equals("echo")).findFirst().orElseThrow();
        assertTrue(echo.annotations().orElseThrow().readOnlyHint());
        assertFalse(echo.annotations().orElseThrow().destructiveHint());
        assertTrue(echo.annotations().orElseThrow().idempotentHint());
        assertFalse(echo.annotations().orElseThrow().openWorldHint());
        assertEquals("boolean",
                echo.outputSchema().getJsonObject("properties").getJsonObject("truncated").getString("type"));
        assertEquals(false, echo.inputSchema().getBoolean("additionalProperties"));
        assertEquals(List.of("text"), echo.inputSchema().getJsonArray("required").getList());
    }

    @Test
    void unregisteredWriteToolCannotBeCalled() {
        McpError error = callExpectingProtocolError(client, "touch", Map.of());
        assertEquals(-32602, error.code());
        assertEquals(0, state.writes.get());
    }

    @Test
    void rejectsUnknownArgumentWithAnErrorResult() {
        String error = callExpectingInvalidArguments(client, "echo", Map.of("text", "a", "bogus", 1));
        assertEquals("Invalid arguments for tool echo: unknown argument 'bogus'; accepted: [text, count, token,"
                + " password, tags]", error);
    }

    @Test
    void rejectsMissingRequiredArgumentWithAnErrorResult() {
        String error = callExpectingInvalidArguments(client, "echo", Map.of());
        assertTrue(error.contains("missing required argument 'text'"), error);
    }

    @Test
    void rejectsWrongArgumentTypeWithAnErrorResult() {
        String error = callExpectingInvalidArguments(client, "echo", Map.of("text", "a", "count", "three"));
        assertTrue(error.contains("'count' must be an integer, got a string"), error);
        String list = callExpectingInvalidArguments(client, "echo", Map.of("text", "a", "tags", List.of(1, 2)));
        assertTrue(list.contains("an array of strings"), list);
    }

    @Test
    void turnsToolRefusalIntoIsErrorResult() {
        assertEquals("echo refuses 'fail': say something else.", error(call(client, "echo", Map.of("text", "fail"))));
    }

    @Test
    void hidesInternalFailureDetailsFromTheClient() {
        String message = error(call(client, "echo", Map.of("text", "explode")));
        assertTrue(message.contains("internal error (reference "), message);
        assertFalse(message.contains("hunter2"), message);
        assertFalse(message.contains("IllegalStateException"), message);
    }

    @Test
    void cancelsCallThatOverrunsTheTimeout() throws Exception {
        long start = System.nanoTime();
        String message = error(call(client, "sleep", Map.of("millis", 20_000)));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(message.contains("connector.limits.timeout"), message);
        assertTrue(tookMs < 15_000, "answered after " + tookMs + " ms");
        for (int i = 0; i < 50 && !state.sleeperInterrupted.get(); i++) {
            Thread.sleep(100);
        }
        assertTrue(state.sleeperInterrupted.get(), "the overrunning work was interrupted");
    }

    @Test
    void capsItemsAndSaysWhichLimitApplied() {
        JsonObject result = ok(call(client, "many", Map.of("n", 10)));
        assertEquals(5, result.getJsonArray("items").size());
        assertTrue(result.getBoolean("truncated"));
        assertEquals("connector.limits.max-items", result.getJsonObject("limit").getString("name"));
        assertEquals(5, result.getJsonObject("limit").getInteger("value"));
    }

    @Test
    void capsBytesAndSaysWhichLimitApplied() {
        JsonObject result = ok(call(client, "many", Map.of("n", 4, "size", 1000)));
        assertEquals(2, result.getJsonArray("items").size());
        assertTrue(result.getBoolean("truncated"));
        assertEquals("connector.limits.max-bytes", result.getJsonObject("limit").getString("name"));
    }

    @Test
    void marksCompleteResultAsNotTruncated() {
        JsonObject result = ok(call(client, "many", Map.of("n", 3)));
        assertEquals(3, result.getJsonArray("items").size());
        assertFalse(result.getBoolean("truncated"));
        assertFalse(result.containsKey("limit"));
    }

    @Test
    void refusesResultThatIgnoresTheByteCap() {
        String message = error(call(client, "oversized", Map.of()));
        assertTrue(message.contains("connector.limits.max-bytes"), message);
    }

    @Test
    void rendersStructuredResultAsTextToo() {
        ToolResponse response = call(client, "echo", Map.of("text", "hi"));
        assertEquals(new JsonObject().put("text", "hi").put("truncated", false), new JsonObject(McpCalls.text(response)));
        assertEquals("hi", ok(response).getString("text"));
    }

    @Test
    void auditsEveryCallWithSecretsRedacted() throws Exception {
        call(client, "echo", Map.of("text", "audited-call", "token", "tok-SECRET-1", "password", "pw-SECRET-2"));
        Path audit = Path.of("target/audit/runtime-audit.jsonl");
        List<String> lines = Files.readAllLines(audit);
        assertFalse(String.join("\n", lines).contains("SECRET"), "no secret in the audit file");
        JsonObject record = lines.stream().map(JsonObject::new)
                .filter(r -> r.getJsonObject("arguments") != null
                        && "audited-call".equals(r.getJsonObject("arguments").getString("text"))).findFirst()
                .orElseThrow();
        assertEquals("testkit", record.getString("connector"));
        assertEquals("echo", record.getString("tool"));
        assertEquals("READ", record.getString("access"));
        assertEquals("ok", record.getString("outcome"));
        assertEquals("[REDACTED]", record.getJsonObject("arguments").getString("token"));
        assertEquals("[REDACTED]", record.getJsonObject("arguments").getString("password"));
        assertNotNull(record.getString("session"));
        assertNotNull(record.getString("timestamp"));
        assertTrue(record.containsKey("principal"));
        assertTrue(record.getDouble("duration_ms") >= 0);
        assertEquals(1, record.getLong("items"));
        assertTrue(record.getLong("bytes") > 0);
    }

    @Test
    void auditsRefusedAndInvalidCalls() throws Exception {
        callExpectingInvalidArguments(client, "echo", Map.of("text", "invalid-call", "bogus", true));
        List<String> lines = Files.readAllLines(Path.of("target/audit/runtime-audit.jsonl"));
        assertTrue(lines.stream().map(JsonObject::new).anyMatch(r -> "invalid".equals(r.getString("outcome"))
                && "invalid-call".equals(r.getJsonObject("arguments").getString("text"))));
    }

    @Test
    void rejectsForeignBrowserOrigin() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
        HttpResponse<String> foreign = http.send(post(init, "https://evil.example"), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, foreign.statusCode());
        HttpResponse<String> allowed = http.send(post(init, "https://allowed.example"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, allowed.statusCode(), allowed.body());
        // A page served by this same host and port is not a rebinding; another local port is another origin.
        String self = "http://" + base.getHost() + ":" + base.getPort();
        HttpResponse<String> same = http.send(post(init, self), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, same.statusCode(), self + " " + same.headers().map() + " " + same.body());
        assertEquals(403, http.send(post(init, "http://" + base.getHost() + ":" + (base.getPort() + 1)),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void reportsReadinessOfTheSource() throws Exception {
        HttpResponse<String> ready = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("/q/health/ready")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode());
        JsonObject health = new JsonObject(ready.body());
        // The file store uses no database: no datasource check, only the data source's own.
        assertEquals(List.of("testkit-source"), health.getJsonArray("checks").stream()
                .map(check -> ((JsonObject) check).getString("name")).toList(), ready.body());
    }

    private HttpRequest post(String body, String origin) {
        return HttpRequest.newBuilder(base.resolve("/mcp")).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
