package io.mcpconnectors.common.auth;

import static io.mcpconnectors.common.test.McpCalls.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.mcpconnectors.common.test.RawMcpHttp.assertTooManyAtOnce;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.RawMcpHttp;
import io.mcpconnectors.common.testkit.TestkitTools.HeldCalls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * A tool call keeps its caller's place among its requests in flight ({@code connector.http.concurrent-requests}, one
 * here) until the call ends, not until its HTTP exchange ends: a caller who hangs up on a running call cannot start
 * another one beside it, while other callers are served; once the call ends the place is back. Requests that start no
 * call, that the MCP layer refuses or that are malformed give their place back when they are answered, once.
 */
@QuarkusTest
@TestProfile(PlaceInFlightAfterHangUpTest.Profile.class)
class PlaceInFlightAfterHangUpTest {

    static final String ERIN = "erin-hang-up-token-0123456789abcdef";
    static final String FRANK = "frank-hang-up-token-0123456789abcde";
    static final String GRACE = "grace-hang-up-token-0123456789abcde";
    static final String HOLD = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\","
            + "\"arguments\":{}}}";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("quarkus.application.name", "connector-testkit"),
                    Map.entry("connector.auth.mode", "static"),
                    Map.entry("connector.http.concurrent-requests", "1"),
                    Map.entry("connector.http.rate-per-minute", "1000"),
                    // Long enough that a held call ends only when the test lets it.
                    Map.entry("connector.limits.timeout", "120s"),
                    Map.entry("connector.data-dir", "target/connector-data/hang-up"),
                    Map.entry("connector.audit.file", "target/audit/hang-up-audit.jsonl"),
                    Map.entry("connector.auth.tokens.erin.sha256", sha256(ERIN)),
                    Map.entry("connector.auth.tokens.erin.scopes", "testkit:read"),
                    Map.entry("connector.auth.tokens.frank.sha256", sha256(FRANK)),
                    Map.entry("connector.auth.tokens.frank.scopes", "testkit:read"),
                    Map.entry("connector.auth.tokens.grace.sha256", sha256(GRACE)),
                    Map.entry("connector.auth.tokens.grace.scopes", "testkit:read"));
        }
    }

    @TestHTTPResource("/mcp")
    URI mcp;

    @Inject
    HeldCalls held;

    private RawMcpHttp mcpHttp;

    @BeforeEach
    void rawMcpHttp() {
        mcpHttp = new RawMcpHttp(mcp, PATIENCE);
    }

    @AfterEach
    void letHeldCallsFinish() {
        held.releaseAll();
    }

    @Test
    void aCallerWhoHangsUpKeepsItsPlaceUntilItsCallEnds() throws Exception {
        String session = mcpHttp.open(ERIN);
        int started = held.started();
        int finished = held.finished();
        try (Socket socket = mcpHttp.postRaw(ERIN, session, HOLD)) {
            mcpHttp.awaitCondition(() -> held.started() > started, "erin's held call started");
        }
        // Hung up while the call runs: the call is still erin's one request in flight, however often erin asks.
        for (int i = 0; i < 5; i++) {
            assertTooManyAtOnce(mcpHttp.post(ERIN, session, echo("second")));
            Thread.sleep(100);
        }
        assertEquals(finished, held.finished(), "erin's first call still runs");
        // Another caller is served meanwhile.
        assertEcho(mcpHttp.post(FRANK, mcpHttp.open(FRANK), echo("frank's turn")), "frank's turn");

        held.releaseAll();
        mcpHttp.awaitCondition(() -> held.finished() > finished, "erin's held call finished");
        assertEcho(mcpHttp.postOnceAPlaceIsFree(ERIN, session, echo("after the call")), "after the call");
    }

    @Test
    void aCallerWhoHangsUpRightAfterSendingDoesNotLoseItsPlace() throws Exception {
        String session = mcpHttp.open(GRACE);
        // The caller is gone before the call could start, or while it starts: either way its place is not lost.
        for (int i = 0; i < 3; i++) {
            mcpHttp.postRaw(GRACE, session, HOLD).close();
        }
        HttpResponse<String> answered = null;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            held.releaseAll();
            answered = mcpHttp.post(GRACE, session, echo("still served"));
            if (answered.statusCode() != 429) {
                break;
            }
            Thread.sleep(50);
        }
        assertEcho(answered, "still served");
        // And its limit is still one: a call it keeps open holds the place, a second one is refused meanwhile.
        assertOneAtATime(GRACE, session);
    }

    @Test
    void requestsThatStartNoCallGiveTheirPlaceBackOnce() throws Exception {
        String session = mcpHttp.open(ERIN);
        // Refused by the MCP layer: a tool that does not exist.
        HttpResponse<String> unknown = mcpHttp.post(ERIN, session, "{\"jsonrpc\":\"2.0\",\"id\":3,"
                + "\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\",\"arguments\":{}}}");
        assertTrue(unknown.body().contains("\"error\""), unknown.body());
        // Malformed: a batch, and a body that is no JSON.
        assertEquals(400, mcpHttp.post(ERIN, session, "[" + echo("a") + "," + echo("b") + "]").statusCode());
        assertEquals(400, mcpHttp.post(ERIN, session, "{not json").statusCode());
        // A call whose arguments are wrong is answered without running.
        HttpResponse<String> invalid = mcpHttp.post(ERIN, session, "{\"jsonrpc\":\"2.0\",\"id\":4,"
                + "\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"count\":\"many\"}}}");
        assertTrue(invalid.body().contains("\"isError\":true"), invalid.body());
        // A listing the caller hangs up on.
        mcpHttp.postRaw(ERIN, session, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}").close();
        // One call after another: each gives its place back before its answer arrives.
        for (int i = 0; i < 5; i++) {
            assertEcho(mcpHttp.postOnceAPlaceIsFree(ERIN, session, echo("in turn " + i)), "in turn " + i);
        }
        // None of them kept the place, and none gave it back twice (which would have let two calls run at once).
        assertOneAtATime(ERIN, session);
    }

    /**
     * A held call the caller waits for takes its one place: a second call is refused until the first ends. A call the
     * caller hung up on earlier may still start late and take the place first: then the check is made again once it
     * has ended.
     */
    private void assertOneAtATime(String token, String session) throws Exception {
        HttpResponse<String> answer = null;
        for (int attempt = 0; attempt < 5 && (answer == null || answer.statusCode() == 429); attempt++) {
            int started = held.started();
            CompletableFuture<HttpResponse<String>> first = mcpHttp.client().sendAsync(mcpHttp.request(token, session)
                    .POST(HttpRequest.BodyPublishers.ofString(HOLD)).build(), HttpResponse.BodyHandlers.ofString());
            mcpHttp.awaitCondition(() -> held.started() > started || first.isDone(), "the held call started");
            if (!first.isDone() || first.get().statusCode() != 429) {
                assertTooManyAtOnce(mcpHttp.post(token, session, echo("beside it")));
            }
            held.releaseAll();
            answer = first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("released"), answer.body());
        assertEcho(mcpHttp.postOnceAPlaceIsFree(token, session, echo("afterwards")), "afterwards");
    }

    private static String echo(String text) {
        return new JsonObject().put("jsonrpc", "2.0").put("id", 2).put("method", "tools/call").put("params",
                new JsonObject().put("name", "echo").put("arguments", new JsonObject().put("text", text))).encode();
    }

    static void assertEcho(HttpResponse<String> response, String text) {
        assertEquals(200, response.statusCode(), response.body());
        JsonObject answer = new JsonObject(OAuthResourceServerTest.json(response.body()));
        assertFalse(answer.getJsonObject("result").getBoolean("isError", false), answer.encode());
        assertEquals(text, answer.getJsonObject("result").getJsonObject("structuredContent").getString("text"),
                answer.encode());
    }

}
