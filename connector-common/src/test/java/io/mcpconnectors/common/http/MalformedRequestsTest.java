package io.mcpconnectors.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * Malformed requests on Streamable HTTP get a JSON-RPC error with a 4xx status, never a 500 or no answer, and the
 * server keeps serving; subscriptions to resources that cannot be watched are answered.
 */
@QuarkusTest
class MalformedRequestsTest {

    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    @TestHTTPResource("/mcp")
    URI mcp;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
