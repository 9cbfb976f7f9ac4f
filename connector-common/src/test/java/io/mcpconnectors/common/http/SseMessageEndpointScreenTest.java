package io.mcpconnectors.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * The legacy SSE transport (served when callers do not authenticate) has its own message endpoint; malformed messages
 * posted there get their JSON-RPC error, in the POST's answer and on the connection's event stream where SSE clients
 * read answers, never an HTTP 500, and the connection keeps serving.
 */
@QuarkusTest
class SseMessageEndpointScreenTest {

    @TestHTTPResource("/")
    URI root;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void malformedMessagesOnTheSseTransportGetTheirJsonRpcErrorNever500() throws Exception {
        HttpRequest sse = HttpRequest.newBuilder(root.resolve("/mcp/sse")).header("Accept", "text/event-stream").GET()
                .build();
        HttpResponse<Stream<String>> stream = http.send(sse, HttpResponse.BodyHandlers.ofLines());
        Iterator<String> lines = stream.body().iterator();
        String endpoint = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:")) {
                endpoint = line.substring(5).strip();
                break;
            }
        }
        assertNotNull(endpoint);
        BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data:")) {
                    events.add(new JsonObject(line.substring(5).strip()));
                }
            }
        });
        reader.setDaemon(true);
        reader.start();
        URI messages = endpoint.startsWith("http") ? URI.create(endpoint) : root.resolve(endpoint);

        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put("[]", -32600);
        cases.put("\"x\"", -32600);
        cases.put("42", -32600);
        cases.put("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":\"x\"}", -32602);
        cases.put("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":5}", -32600);
        cases.put("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{}}", -32602);
        cases.put("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"completion/complete\",\"params\":{\"ref\":\"x\"}}", -32602);
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            HttpResponse<String> r = post(messages, c.getKey());
            if (r.statusCode() >= 500) {
                bad.add(c.getKey() + " -> " + r.statusCode());
                continue;
            }
            assertEquals(400, r.statusCode(), c.getKey() + " -> " + r.body());
            assertEquals(c.getValue(), new JsonObject(r.body()).getJsonObject("error").getInteger("code"), r.body());
            JsonObject onStream = events.poll(5, TimeUnit.SECONDS);
            assertNotNull(onStream, "the error of " + c.getKey() + " on the event stream");
            assertEquals(c.getValue(), onStream.getJsonObject("error").getInteger("code"), onStream.encode());
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));

        post(messages, "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"initialize\",\"params\":" + "{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        assertEquals(10, events.poll(5, TimeUnit.SECONDS).getInteger("id"));
        post(messages, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        post(messages, "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/list\"}");
        JsonObject list = events.poll(5, TimeUnit.SECONDS);
        assertEquals(11, list.getInteger("id"), list.encode());
        assertTrue(list.getJsonObject("result").getJsonArray("tools").size() > 0, list.encode());
        stream.body().close();
    }

    private HttpResponse<String> post(URI messages, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(messages).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
