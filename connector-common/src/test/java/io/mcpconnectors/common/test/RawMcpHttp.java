package io.mcpconnectors.common.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.vertx.core.json.JsonObject;

/**
 * Plain Streamable HTTP requests to a connector's {@code /mcp} endpoint, for tests that need what the McpAssured client
 * does not give: the status and headers of every answer, a caller who hangs up, requests sent side by side.
 */
public final class RawMcpHttp {

    /** An initialize request of a client that declares no capabilities. */
    public static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":"
            + "\"1\"}}}";
    public static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    private final URI mcp;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Requests to {@code mcp}, each answered within {@code timeout}. */
    public RawMcpHttp(URI mcp, Duration timeout) {
        this.mcp = mcp;
        this.timeout = timeout;
    }

    /** The HTTP/1.1 client the requests are sent with, for requests sent without waiting for their answer. */
    public HttpClient client() {
        return http;
    }

    /** A session opened with this bearer token: initialize, then notifications/initialized. */
    public String open(String token) throws Exception {
        return opened(token, post(token, null, INITIALIZE));
    }

    /** The session {@code init}, a successful answer to initialize, opened: notifications/initialized sent. */
    public String opened(String token, HttpResponse<String> init) throws Exception {
        assertEquals(200, init.statusCode(), init.body());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        HttpResponse<String> initialized = post(token, session, INITIALIZED);
        assertTrue(initialized.statusCode() < 300, initialized.statusCode() + " " + initialized.body());
        return session;
    }

    /** A JSON-RPC body posted with the bearer token, in the session unless it is null. */
    public HttpResponse<String> post(String token, String session, String body) throws Exception {
        return http.send(request(token, session).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request to {@code /mcp} with the bearer token, in the session unless it is null. */
    public HttpRequest.Builder request(String token, String session) {
        HttpRequest.Builder request = HttpRequest.newBuilder(mcp).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token);
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return request;
    }

    /** A request sent on a connection of its own, which the caller closes when it is done with it. */
    public Socket postRaw(String token, String session, String body) throws IOException {
        Socket socket = new Socket(mcp.getHost(), mcp.getPort());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /mcp HTTP/1.1\r\nHost: " + mcp.getHost() + ":" + mcp.getPort() + "\r\n"
                + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "Authorization: Bearer " + token + "\r\nMcp-Session-Id: " + session + "\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        return socket;
    }

    /** The answer to a request once the caller has a free place again (429 until then), within the timeout. */
    public HttpResponse<String> postOnceAPlaceIsFree(String token, String session, String body) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> response = post(token, session, body);
        while (response.statusCode() == 429 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            response = post(token, session, body);
        }
        return response;
    }

    /** Waits, within the timeout, until {@code condition} holds; fails naming {@code what} if it never does. */
    public void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    /** A refusal for lack of a free place in {@code connector.http.concurrent-requests}, as a client receives it. */
    public static void assertTooManyAtOnce(HttpResponse<String> response) {
        assertEquals(429, response.statusCode(), response.body());
        assertEquals("1", response.headers().firstValue("Retry-After").orElse(""));
        JsonObject body = new JsonObject(response.body());
        assertEquals("too_many_concurrent_requests", body.getString("error"), body.encode());
        assertTrue(body.getString("message").contains("connector.http.concurrent-requests"), body.encode());
        assertFalse(response.body().contains("Exception"), response.body());
    }
}
