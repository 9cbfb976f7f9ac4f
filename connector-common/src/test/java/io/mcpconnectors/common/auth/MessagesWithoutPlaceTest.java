package io.mcpconnectors.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.mcpconnectors.common.test.RawMcpHttp.assertTooManyAtOnce;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.RawMcpHttp;
import io.mcpconnectors.common.testkit.TestkitTools.HeldCalls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * A caller whose places in flight ({@code connector.http.concurrent-requests}, one here) are all held by its running
 * calls can still send what starts no work: its {@code notifications/cancelled} stops its own call, and its answer to
 * an elicitation reaches the call waiting for it. Anything that starts work, also in disguise, is still refused with
 * 429 meanwhile.
 */
@QuarkusTest
@TestProfile(PlaceInFlightAfterHangUpTest.Profile.class)
class MessagesWithoutPlaceTest {

    static final String ERIN = PlaceInFlightAfterHangUpTest.ERIN;
    static final String FRANK = PlaceInFlightAfterHangUpTest.FRANK;
    static final Duration PATIENCE = PlaceInFlightAfterHangUpTest.PATIENCE;
    static final Path AUDIT = Path.of("target/audit/hang-up-audit.jsonl");
    static final String INITIALIZE_ELICITING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"elicitation\":{}},"
            + "\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";

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
    void aCallerCancelsItsOwnCallWhileTheCallHoldsItsOnlyPlace() throws Exception {
        String session = open(ERIN, RawMcpHttp.INITIALIZE);
        long cancelledBefore = cancelledHoldCalls();
        int started = held.started();
        int finished = held.finished();
        CompletableFuture<HttpResponse<String>> call = mcpHttp.client().sendAsync(mcpHttp.request(ERIN, session)
                .POST(HttpRequest.BodyPublishers.ofString(hold(7))).build(), HttpResponse.BodyHandlers.ofString());
        mcpHttp.awaitCondition(() -> held.started() > started, "erin's held call started");

        // Work is still refused while the call holds the place, also a request dressed as a response or a
        // notification, and a batch.
        assertTooManyAtOnce(mcpHttp.post(ERIN, session, echo("beside it")));
        assertTooManyAtOnce(mcpHttp.post(ERIN, session, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"hold\",\"arguments\":{}},\"result\":{}}"));
        assertTooManyAtOnce(mcpHttp.post(ERIN, session, "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"hold\",\"arguments\":{}}}"));
        assertTooManyAtOnce(mcpHttp.post(ERIN, session, "{\"jsonrpc\":\"2.0\",\"id\":\"6\",\"result\":{}}"));
        assertTooManyAtOnce(mcpHttp.post(ERIN, session, "[" + cancel(7) + "]"));
        assertTooManyAtOnce(mcpHttp.post(ERIN, session, "{not json"));
        assertEquals(started + 1, held.started(), "none of them started a call");

        // An answer to a request the server never sent is taken and changes nothing.
        HttpResponse<String> stray = mcpHttp.post(ERIN, session, "{\"jsonrpc\":\"2.0\",\"id\":987654,\"result\":{}}");
        assertTrue(stray.statusCode() == 202 || stray.statusCode() == 200, stray.statusCode() + " " + stray.body());
        assertEquals(finished, held.finished(), "the call still runs");
        assertFalse(call.isDone(), "the call is still unanswered");

        // Its own cancellation gets through, and stops the call.
        HttpResponse<String> cancelled = mcpHttp.post(ERIN, session, cancel(7));
        assertEquals(202, cancelled.statusCode(), cancelled.body());
        mcpHttp.awaitCondition(() -> held.finished() > finished, "erin's held call stopped");
        mcpHttp.awaitCondition(() -> cancelledHoldCalls() > cancelledBefore, "the call is on record as cancelled");
        assertEquals(started + 1, held.started(), "nothing else started");

        // The place is back: the next call is served.
        PlaceInFlightAfterHangUpTest.assertEcho(
                mcpHttp.postOnceAPlaceIsFree(ERIN, session, echo("after cancelling")), "after cancelling");
    }

    @Test
    void anElicitationAnsweredWhileTheCallHoldsTheOnlyPlaceReachesTheCall() throws Exception {
        String session = open(FRANK, INITIALIZE_ELICITING);
        String ask = new JsonObject().put("jsonrpc", "2.0").put("id", 8).put("method", "tools/call").put("params",
                new JsonObject().put("name", "ask").put("arguments", new JsonObject().put("mode", "elicit")
                        .put("question", "Go ahead?"))).encode();
        HttpResponse<Stream<String>> call = mcpHttp.client().sendAsync(mcpHttp.request(FRANK, session)
                .POST(HttpRequest.BodyPublishers.ofString(ask)).build(), HttpResponse.BodyHandlers.ofLines())
                .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, call.statusCode());
        Iterator<String> events = call.body().iterator();
        JsonObject question = nextMessage(events);
        assertNotNull(question, "the elicitation was sent");
        assertEquals("elicitation/create", question.getString("method"), question.encode());

        // The call waits for the answer and holds frank's only place meanwhile.
        assertTooManyAtOnce(mcpHttp.post(FRANK, session, echo("beside it")));
        HttpResponse<String> answered = mcpHttp.post(FRANK, session, new JsonObject().put("jsonrpc", "2.0")
                .put("id", question.getValue("id")).put("result", new JsonObject().put("action", "accept")
                        .put("content", new JsonObject().put("pick", "yes"))).encode());
        assertTrue(answered.statusCode() == 202 || answered.statusCode() == 200,
                answered.statusCode() + " " + answered.body());

        JsonObject result = nextMessage(events);
        assertNotNull(result, "the call was answered");
        assertEquals(8, result.getInteger("id"), result.encode());
        JsonObject values = result.getJsonObject("result").getJsonObject("structuredContent");
        assertEquals("ACCEPT", values.getString("action"), result.encode());
        assertEquals("yes", values.getJsonObject("values").getString("pick"), result.encode());
        PlaceInFlightAfterHangUpTest.assertEcho(
                mcpHttp.postOnceAPlaceIsFree(FRANK, session, echo("after answering")), "after answering");
    }

    /** The next JSON-RPC message on an event stream, or null when the stream ends first. */
    private static JsonObject nextMessage(Iterator<String> lines) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:")) {
                return new JsonObject(line.substring("data:".length()).trim());
            }
        }
        return null;
    }

    private static long cancelledHoldCalls() {
        try {
            return Files.exists(AUDIT) ? Files.readAllLines(AUDIT).stream()
                    .filter(l -> l.contains("\"tool\":\"hold\"") && l.contains("\"outcome\":\"cancelled\"")).count() : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static String hold(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"hold\","
                + "\"arguments\":{}}}";
    }

    private static String cancel(int id) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":" + id
                + ",\"reason\":\"no longer needed\"}}";
    }

    private static String echo(String text) {
        return new JsonObject().put("jsonrpc", "2.0").put("id", 2).put("method", "tools/call").put("params",
                new JsonObject().put("name", "echo").put("arguments", new JsonObject().put("text", text))).encode();
    }

    private String open(String token, String initialize) throws Exception {
        return mcpHttp.opened(token, mcpHttp.postOnceAPlaceIsFree(token, null, initialize));
    }
}
