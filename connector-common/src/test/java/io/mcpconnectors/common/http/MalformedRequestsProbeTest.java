package io.mcpconnectors.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Security review (review-security): messages whose envelope passes the screen but whose content the MCP layer
 * mishandles. Each must get an answer that is not an HTTP 500 and arrive within a few seconds.
 */
@QuarkusTest
class MalformedRequestsProbeTest {

    @TestHTTPResource("/mcp")
    URI mcp;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static String req(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\"" + (params == null ? "" : ",\"params\":" + params) + "}";
    }

    @Test
    void probe() throws Exception {
        HttpResponse<String> init = post(null, MalformedRequestsTest.INITIALIZE.getBytes(StandardCharsets.UTF_8), "application/json");
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(StandardCharsets.UTF_8), "application/json");

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
        cases.put("tools/call _meta string", req("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"a\"},\"_meta\":\"x\"}").getBytes());
        cases.put("tools/call progressToken obj", req("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"a\"},\"_meta\":{\"progressToken\":{\"a\":1}}}").getBytes());
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
        cases.put("initialize again", MalformedRequestsTest.INITIALIZE.getBytes());
        cases.put("initialize bad caps", req("initialize", "{\"protocolVersion\":5,\"capabilities\":\"x\",\"clientInfo\":[]}").getBytes());
        cases.put("unknown method", req("no/such", "{}").getBytes());
        cases.put("notification bad cancel", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":{\"a\":1}}}".getBytes());
        cases.put("response unknown id", "{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":{}}".getBytes());
        cases.put("response with error garbage", "{\"jsonrpc\":\"2.0\",\"id\":999,\"error\":5}".getBytes());
        cases.put("response with string id", "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":5}".getBytes());
        cases.put("id null request", "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}".getBytes());
        cases.put("BOM", concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, req("ping", null).getBytes()));
        cases.put("UTF-16BE", req("ping", null).getBytes(StandardCharsets.UTF_16BE));
        cases.put("UTF-16LE", req("ping", null).getBytes(StandardCharsets.UTF_16LE));
        cases.put("UTF-32", req("ping", null).getBytes(java.nio.charset.Charset.forName("UTF-32BE")));
        cases.put("comment", "{\"jsonrpc\":\"2.0\",/*c*/\"id\":7,\"method\":\"ping\"}".getBytes());
        cases.put("deep params 900", req("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"a\",\"tags\":" + "[".repeat(900) + "]".repeat(900) + "}}").getBytes());
        cases.put("deep params 990 obj", req("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"a\",\"x\":" + "{\"a\":".repeat(990) + "1" + "}".repeat(990) + "}}").getBytes());
        cases.put("deep 2000", req("ping", "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}").getBytes());
        cases.put("nul in method", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\\u0000\"}".getBytes());
        cases.put("escaped method name", "{\"jsonrpc\":\"2.0\",\"id\":7,\"meth\\u006fd\":\"ping\"}".getBytes());
        cases.put("dup params", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":{},\"params\":[1]}".getBytes());
        cases.put("dup params rev", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":[1],\"params\":{}}".getBytes());
        cases.put("dup jsonrpc", "{\"jsonrpc\":\"2.0\",\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}".getBytes());
        cases.put("float id", "{\"jsonrpc\":\"2.0\",\"id\":1.0,\"method\":\"ping\"}".getBytes());
        cases.put("big string arg", req("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"" + "a".repeat(200_000) + "\"}}").getBytes());
        cases.put("invalid utf8", concat("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"x\":\"".getBytes(), new byte[] { (byte) 0xC3, (byte) 0x28 }, "\"}".getBytes()));
        cases.put("subscribe exact template uri", req("resources/subscribe", "{\"uri\":\"testkit://a/b\"}").getBytes());
        cases.put("subscribe uri twice", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"a\",\"uri\":5}}".getBytes());
        cases.put("subscribe uri nested", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/subscribe\",\"params\":{\"uri\":5}}".getBytes());
        cases.put("subscribe params null", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/subscribe\",\"params\":null}".getBytes());
        cases.put("params null ping", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":null}".getBytes());
        cases.put("elicitation response bogus", "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"action\":5}}".getBytes());

        List<String> bad = new ArrayList<>();
        for (String ct : List.of("application/json", "text/plain")) {
            for (Map.Entry<String, byte[]> c : cases.entrySet()) {
                for (String s : new String[] { session, null }) {
                    long t0 = System.nanoTime();
                    String line;
                    try {
                        HttpResponse<String> r = post(s, c.getValue(), ct);
                        long ms = (System.nanoTime() - t0) / 1_000_000;
                        String body = r.body() == null ? "" : r.body().replace('\n', ' ');
                        line = r.statusCode() + " " + ms + "ms " + body.substring(0, Math.min(220, body.length()));
                        if (r.statusCode() >= 500 || ms > 3000 || body.isEmpty() && r.statusCode() == 200) {
                            bad.add(c.getKey() + (s == null ? " [no session]" : " [session]") + " " + ct + ": " + line);
                        }
                    } catch (java.net.http.HttpTimeoutException e) {
                        line = "TIMEOUT";
                        bad.add(c.getKey() + (s == null ? " [no session]" : " [session]") + " " + ct + ": TIMEOUT");
                    }
                    System.out.println("PROBE " + ct + " " + (s == null ? "nosess " : "sess ") + c.getKey() + " -> " + line);
                }
            }
        }
        // the session still works
        HttpResponse<String> list = post(session, req("tools/list", null).getBytes(), "application/json");
        System.out.println("PROBE after: " + list.statusCode());
        bad.forEach(b -> System.out.println("BAD " + b));
        assertEquals(200, list.statusCode());
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
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
}
