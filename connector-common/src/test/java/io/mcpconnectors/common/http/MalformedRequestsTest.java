package io.mcpconnectors.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * Malformed requests on Streamable HTTP get a JSON-RPC error with a 4xx status, never a 500 or no answer, and the
 * server keeps serving; params a method cannot use are answered with -32602 naming the field; responses carry the
 * integer id of the server's request; subscriptions to resources that cannot be watched are answered.
 */
@QuarkusTest
class MalformedRequestsTest {

    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    @TestHTTPResource("/mcp")
    URI mcp;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static String req(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\"" + (params == null ? "" : ",\"params\":"
                + params) + "}";
    }

    /** Requests whose params the method cannot use, and the field the answer names. */
    static final Map<String, String> INVALID_PARAMS = invalidParams();

    static Map<String, String> invalidParams() {
        String client = "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(req("tools/call", null), "params.name");
        cases.put(req("tools/call", "{}"), "params.name");
        cases.put(req("tools/call", "{\"name\":null}"), "params.name");
        cases.put(req("tools/call", "{\"name\":\"\"}"), "params.name");
        cases.put(req("tools/call", "{\"name\":123,\"arguments\":{}}"), "params.name");
        cases.put(req("tools/call", "{\"name\":{\"a\":1}}"), "params.name");
        cases.put(req("tools/call", "{\"name\":\"echo\",\"arguments\":\"x\"}"), "params.arguments");
        cases.put(req("tools/call", "{\"name\":\"echo\",\"arguments\":[1]}"), "params.arguments");
        cases.put(req("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"a\"},\"_meta\":\"x\"}"),
                "params._meta");
        cases.put(req("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"a\"},\"_meta\":{\"progressToken\""
                + ":{\"a\":1}}}"), "params._meta.progressToken");
        cases.put(req("prompts/get", "{}"), "params.name");
        cases.put(req("prompts/get", "{\"name\":\"x\",\"arguments\":[1]}"), "params.arguments");
        cases.put(req("prompts/get", "{\"name\":\"x\",\"arguments\":{\"a\":\"ok\",\"b\":1}}"), "params.arguments.b");
        cases.put(req("resources/read", "{}"), "params.uri");
        cases.put(req("resources/read", "{\"uri\":5}"), "params.uri");
        cases.put(req("resources/subscribe", "{\"uri\":[\"a\"]}"), "params.uri");
        cases.put(req("resources/unsubscribe", "{\"uri\":null}"), "params.uri");
        cases.put(req("completion/complete", "{}"), "params.ref");
        cases.put(req("completion/complete", "{\"ref\":\"x\",\"argument\":5}"), "params.ref");
        cases.put(req("completion/complete", "{\"ref\":{},\"argument\":{\"name\":\"a\",\"value\":\"b\"}}"),
                "params.ref.type");
        cases.put(req("completion/complete", "{\"ref\":{\"type\":\"ref/prompt\"},\"argument\":{\"name\":\"a\","
                + "\"value\":\"b\"}}"), "params.ref.name");
        cases.put(req("completion/complete", "{\"ref\":{\"type\":\"ref/resource\",\"uri\":7},\"argument\":{\"name\""
                + ":\"a\",\"value\":\"b\"}}"), "params.ref.uri");
        cases.put(req("completion/complete", "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"p\"},\"argument\":5}"),
                "params.argument");
        cases.put(req("completion/complete", "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"p\"},\"argument\":"
                + "{\"name\":\"a\"}}"), "params.argument.value");
        cases.put(req("completion/complete", "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"p\"},\"argument\":"
                + "{\"name\":null,\"value\":\"v\"}}"), "params.argument.name");
        cases.put(req("initialize", "{\"protocolVersion\":5,\"capabilities\":\"x\",\"clientInfo\":[]}"),
                "params.protocolVersion");
        cases.put(req("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":\"x\"," + client + "}}"),
                "params.capabilities");
        cases.put(req("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":[]}"),
                "params.clientInfo");
        cases.put(req("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":"
                + "{\"version\":\"1\"}}"), "params.clientInfo.name");
        cases.put(req("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":"
                + "{\"name\":\"t\"}}"), "params.clientInfo.version");
        cases.put(req("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{}," + client
                + ",\"icons\":[{\"src\":1}]}}"), "params.clientInfo.icons[0].src");
        cases.put(req("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{}," + client
                + ",\"icons\":[{\"src\":\"a.png\",\"theme\":\"blue\"}]}}"), "params.clientInfo.icons[0].theme");
        cases.put(req("logging/setLevel", "{}"), "params.level");
        cases.put(req("logging/setLevel", "{\"level\":5}"), "params.level");
        cases.put(req("logging/setLevel", "{\"level\":\"verbose\"}"), "params.level must be one of debug, info,");
        return cases;
    }

    @Test
    void bodiesThatAreNotOneJsonRpcObjectGet400InvalidRequest() throws Exception {
        for (String body : List.of("[]", "[1]", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]",
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}, 5]", "\"a string\"", "42", "null", "true")) {
            expectError(post(null, body), 400, -32600, body);
        }
    }

    @Test
    void unparseableAndEmptyBodiesGet400ParseError() throws Exception {
        for (String body : List.of("", "{not json", "{\"jsonrpc\":\"2.0\",\"id\":1,", "{} {}")) {
            expectError(post(null, body), 400, -32700, body);
        }
    }

    @Test
    void envelopesOfTheWrongShapeGet400() throws Exception {
        Map<String, Integer> cases = Map.of(
                "{\"id\":1,\"method\":\"ping\"}", -32600,
                "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", -32600,
                "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}", -32600,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}", -32600,
                "{\"jsonrpc\":\"2.0\",\"id\":1}", -32600,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":\"x\"}", -32602);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            expectError(post(null, c.getKey()), 400, c.getValue(), c.getKey());
        }
    }

    @Test
    void inASessionNonObjectParamsAndUnwatchableSubscriptionsAreAnsweredAndTheSessionGoesOn() throws Exception {
        HttpResponse<String> init = post(null, INITIALIZE);
        assertEquals(200, init.statusCode(), init.body());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

        expectError(post(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":[1]}"), 400,
                -32602, "array params");
        expectError(post(session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/subscribe\",\"params\":"
                + "{\"uri\":\"testkit://nothing/to/watch\"}}"), 200, -32002, "subscribe");
        expectError(post(session, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"resources/unsubscribe\",\"params\":"
                + "{\"uri\":\"testkit://nothing/to/watch\"}}"), 200, -32002, "unsubscribe");
        expectError(post(session, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"resources/subscribe\"}"), 400, -32602,
                "subscribe without params");

        HttpResponse<String> list = post(session, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/list\"}");
        assertEquals(200, list.statusCode(), list.body());
        assertNotNull(new JsonObject(json(list.body())).getJsonObject("result").getJsonArray("tools"));
    }

    @Test
    void paramsAMethodCannotUseGet400InvalidParamsNamingTheField() throws Exception {
        HttpResponse<String> init = post(null, INITIALIZE);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        for (Map.Entry<String, String> c : INVALID_PARAMS.entrySet()) {
            for (String s : new String[] { session, null }) {
                HttpResponse<String> response = post(s, c.getKey());
                expectError(response, 400, -32602, c.getKey());
                JsonObject answer = new JsonObject(json(response.body()));
                assertEquals(7, answer.getInteger("id"), c.getKey());
                String message = answer.getJsonObject("error").getString("message");
                assertTrue(message.startsWith("Invalid params: ") && (message.contains(c.getValue() + " ")
                        || message.contains(c.getValue() + ",")),
                        c.getKey() + " -> " + message);
            }
        }
        HttpResponse<String> list = post(session, req("tools/list", null));
        assertEquals(200, list.statusCode(), list.body());
    }

    @Test
    void paramsTheMethodCanUseStillReachIt() throws Exception {
        HttpResponse<String> init = post(null, INITIALIZE.replace("\"version\":\"1\"}", "\"version\":\"1\","
                + "\"icons\":[{\"src\":\"https://example.com/i.png\",\"sizes\":[\"48x48\"],\"theme\":\"DARK\"}]}"));
        assertEquals(200, init.statusCode(), init.body());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        HttpResponse<String> call = post(session, req("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"},"
                + "\"_meta\":{\"progressToken\":\"p1\"}}"));
        assertEquals(200, call.statusCode(), call.body());
        assertEquals("hi", new JsonObject(json(call.body())).getJsonObject("result").getJsonObject("structuredContent")
                .getString("text"), call.body());
        HttpResponse<String> noArguments = post(session, req("tools/call", "{\"name\":\"echo\",\"arguments\":null}"));
        // Null arguments are no arguments: the call reaches the tool's own argument check, whose refusal is an
        // isError result (MCP SEP-1303).
        assertEquals(200, noArguments.statusCode(), noArguments.body());
        JsonObject refused = new JsonObject(json(noArguments.body())).getJsonObject("result");
        assertTrue(refused.getBoolean("isError"), noArguments.body());
        assertTrue(refused.getJsonArray("content").getJsonObject(0).getString("text")
                .equals("Invalid arguments for tool echo: missing required argument 'text'"), noArguments.body());
        HttpResponse<String> level = post(session, req("logging/setLevel", "{\"level\":\"info\"}"));
        assertEquals(200, level.statusCode(), level.body());
        HttpResponse<String> response = post(session, "{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":{}}");
        assertTrue(response.statusCode() < 300, "a response to no pending request is dropped quietly: "
                + response.statusCode());
    }

    @Test
    void responsesCarryTheIntegerIdOfTheServersRequestOrGet400InvalidRequest() throws Exception {
        HttpResponse<String> init = post(null, INITIALIZE);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        for (String body : List.of("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":5}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"result\":{}}", "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"result\":{}}",
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":{}}", "{\"jsonrpc\":\"2.0\",\"result\":{}}",
                "{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234567890,\"result\":{}}",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":5}", "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":5}",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{},\"error\":{\"code\":1,\"message\":\"m\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"result\":{}}")) {
            for (String s : new String[] { session, null }) {
                expectError(post(s, body), 400, -32600, body);
            }
        }
        HttpResponse<String> list = post(session, req("tools/list", null));
        assertEquals(200, list.statusCode(), list.body());
    }

    /**
     * Every message from the security review (review-security), well enveloped or not, in a session and without one,
     * as JSON and as text/plain: an answer that is not an HTTP 500, within seconds (a request the MCP layer never
     * answers shows as a timeout), and the session still serves afterwards.
     */
    @Test
    void everyMessageIsAnsweredWithinSecondsNeverWithA500AndTheSessionGoesOn() throws Exception {
        HttpResponse<String> init = post(null, INITIALIZE.getBytes(StandardCharsets.UTF_8), "application/json");
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(StandardCharsets.UTF_8),
                "application/json");

        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("huge id", "{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234567890,\"method\":\"ping\"}".getBytes());
        cases.put("long id", "{\"jsonrpc\":\"2.0\",\"id\":12345678901234,\"method\":\"ping\"}".getBytes());
        cases.put("negative id", "{\"jsonrpc\":\"2.0\",\"id\":-1,\"method\":\"ping\"}".getBytes());
        cases.put("tools/call name number", req("tools/call", "{\"name\":123,\"arguments\":{}}").getBytes());
        cases.put("tools/call name null", req("tools/call", "{\"name\":null}").getBytes());
        cases.put("tools/call no name", req("tools/call", "{}").getBytes());
        cases.put("tools/call no params", req("tools/call", null).getBytes());
        cases.put("tools/call args string", req("tools/call", "{\"name\":\"echo\",\"arguments\":\"x\"}").getBytes());
        cases.put("tools/call args array", req("tools/call", "{\"name\":\"echo\",\"arguments\":[1]}").getBytes());
        cases.put("tools/call name object", req("tools/call", "{\"name\":{\"a\":1}}").getBytes());
        cases.put("tools/call _meta string", req("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"a\"},"
                + "\"_meta\":\"x\"}").getBytes());
        cases.put("tools/call progressToken obj", req("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"a\"},"
                + "\"_meta\":{\"progressToken\":{\"a\":1}}}").getBytes());
        cases.put("tools/list cursor number", req("tools/list", "{\"cursor\":5}").getBytes());
        cases.put("tools/list cursor garbage", req("tools/list", "{\"cursor\":\"!!!notbase64\"}").getBytes());
        cases.put("resources/read uri number", req("resources/read", "{\"uri\":5}").getBytes());
        cases.put("resources/read no uri", req("resources/read", "{}").getBytes());
        cases.put("resources/read bad template", req("resources/read", "{\"uri\":\"testkit://%%%\"}").getBytes());
        cases.put("resources/templates/list", req("resources/templates/list", "{\"cursor\":[]}").getBytes());
        cases.put("prompts/get no name", req("prompts/get", "{}").getBytes());
        cases.put("prompts/get args array", req("prompts/get", "{\"name\":\"x\",\"arguments\":[1]}").getBytes());
        cases.put("logging/setLevel bad", req("logging/setLevel", "{\"level\":\"nope\"}").getBytes());
        cases.put("logging/setLevel number", req("logging/setLevel", "{\"level\":5}").getBytes());
        cases.put("completion/complete bad", req("completion/complete", "{\"ref\":\"x\",\"argument\":5}").getBytes());
        cases.put("completion/complete empty", req("completion/complete", "{}").getBytes());
        cases.put("initialize again", INITIALIZE.getBytes());
        cases.put("initialize bad caps", req("initialize", "{\"protocolVersion\":5,\"capabilities\":\"x\",\"clientInfo\":[]}")
                .getBytes());
        cases.put("unknown method", req("no/such", "{}").getBytes());
        cases.put("notification bad cancel", ("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
                + "{\"requestId\":{\"a\":1}}}").getBytes());
        cases.put("response unknown id", "{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":{}}".getBytes());
        cases.put("response with error garbage", "{\"jsonrpc\":\"2.0\",\"id\":999,\"error\":5}".getBytes());
        cases.put("response with string id", "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":5}".getBytes());
        cases.put("id null request", "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}".getBytes());
        cases.put("BOM", concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, req("ping", null).getBytes()));
        cases.put("UTF-16BE", req("ping", null).getBytes(StandardCharsets.UTF_16BE));
        cases.put("UTF-16LE", req("ping", null).getBytes(StandardCharsets.UTF_16LE));
        cases.put("UTF-32", req("ping", null).getBytes(Charset.forName("UTF-32BE")));
        cases.put("comment", "{\"jsonrpc\":\"2.0\",/*c*/\"id\":7,\"method\":\"ping\"}".getBytes());
        cases.put("deep params 900", req("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"a\",\"tags\":"
                + "[".repeat(900) + "]".repeat(900) + "}}").getBytes());
        cases.put("deep params 990 obj", req("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"a\",\"x\":"
                + "{\"a\":".repeat(990) + "1" + "}".repeat(990) + "}}").getBytes());
        cases.put("deep 2000", req("ping", "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}").getBytes());
        cases.put("nul in method", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\\u0000\"}".getBytes());
        cases.put("escaped method name", "{\"jsonrpc\":\"2.0\",\"id\":7,\"meth\\u006fd\":\"ping\"}".getBytes());
        cases.put("dup params", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":{},\"params\":[1]}"
                .getBytes());
        cases.put("dup params rev", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":[1],\"params\":{}}"
                .getBytes());
        cases.put("dup jsonrpc", "{\"jsonrpc\":\"2.0\",\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}".getBytes());
        cases.put("float id", "{\"jsonrpc\":\"2.0\",\"id\":1.0,\"method\":\"ping\"}".getBytes());
        cases.put("big string arg", req("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\""
                + "a".repeat(200_000) + "\"}}").getBytes());
        cases.put("invalid utf8", concat("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"x\":\"".getBytes(),
                new byte[] { (byte) 0xC3, (byte) 0x28 }, "\"}".getBytes()));
        cases.put("subscribe exact template uri", req("resources/subscribe", "{\"uri\":\"testkit://a/b\"}").getBytes());
        cases.put("subscribe uri twice", ("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/subscribe\",\"params\":"
                + "{\"uri\":\"a\",\"uri\":5}}").getBytes());
        cases.put("subscribe uri nested", ("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/subscribe\",\"params\":"
                + "{\"uri\":5}}").getBytes());
        cases.put("subscribe params null", ("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/subscribe\","
                + "\"params\":null}").getBytes());
        cases.put("params null ping", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":null}"
                .getBytes());
        cases.put("elicitation response bogus", "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"action\":5}}".getBytes());

        List<String> bad = new ArrayList<>();
        for (String ct : List.of("application/json", "text/plain")) {
            for (Map.Entry<String, byte[]> c : cases.entrySet()) {
                for (String s : new String[] { session, null }) {
                    String where = c.getKey() + (s == null ? " [no session]" : " [session]") + " " + ct;
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = post(s, c.getValue(), ct);
                        long ms = (System.nanoTime() - t0) / 1_000_000;
                        String body = r.body() == null ? "" : r.body().replace('\n', ' ');
                        if (r.statusCode() >= 500 || ms > 3000 || body.isEmpty() && r.statusCode() == 200) {
                            bad.add(where + ": " + r.statusCode() + " " + ms + "ms "
                                    + body.substring(0, Math.min(220, body.length())));
                        }
                    } catch (HttpTimeoutException e) {
                        bad.add(where + ": TIMEOUT");
                    }
                }
            }
        }
        HttpResponse<String> list = post(session, req("tools/list", null).getBytes(), "application/json");
        assertEquals(200, list.statusCode());
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    HttpResponse<String> post(String session, byte[] body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(mcp).timeout(Duration.ofSeconds(6))
                .header("Content-Type", contentType).header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expectError(HttpResponse<String> response, int status, int code, String what) {
        assertEquals(status, response.statusCode(), what + " -> " + response.body());
        JsonObject answer = new JsonObject(json(response.body()));
        assertEquals("2.0", answer.getString("jsonrpc"), what);
        assertEquals(code, answer.getJsonObject("error").getInteger("code"), what + " -> " + response.body());
        assertTrue(answer.getJsonObject("error").getString("message").length() > 10, what);
    }

    private HttpResponse<String> post(String session, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(mcp).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String json(String body) {
        String trimmed = body.trim();
        return trimmed.startsWith("{") ? trimmed : trimmed.lines().filter(l -> l.startsWith("data:"))
                .map(l -> l.substring(5).trim()).findFirst().orElse(trimmed);
    }
}
