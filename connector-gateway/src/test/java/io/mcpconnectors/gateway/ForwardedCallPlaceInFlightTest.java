package io.mcpconnectors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.mcpconnectors.common.test.RawMcpHttp.assertTooManyAtOnce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.ConnectorProcess;
import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.RawMcpHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * A call the gateway forwards keeps its caller's place among its requests in flight
 * ({@code connector.http.concurrent-requests}, one here) until the upstream answers, not until the caller's HTTP
 * exchange ends: a caller who hangs up on a call held up at the upstream cannot start another one beside it, while
 * other callers are served; once the upstream answers, the place is back. Requests the gateway refuses before
 * forwarding give their place back when answered. A caller's own cancellation needs no free place.
 */
@QuarkusTest
@TestProfile(ForwardedCallPlaceInFlightTest.Profile.class)
class ForwardedCallPlaceInFlightTest {

    static final String ALICE = "alice-forwarded-hang-up-token-0123";
    static final String BOB = "bob-forwarded-hang-up-token-012345";
    static final Path DIR = Path.of("target", "gateway-tests", "forwarded-hang-up").toAbsolutePath();
    static final Path RECEIVED = DIR.resolve("scripted.in");
    static final Duration PATIENCE = Duration.ofSeconds(30);

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Upstreams.directory("forwarded-hang-up");
                int port = ConnectorProcess.freePort();
                Map<String, String> config = new HashMap<>();
                config.put("quarkus.http.test-port", String.valueOf(port));
                config.put("connector.gateway.issuer", "http://127.0.0.1:" + port);
                config.put("connector.gateway.allow-unpinned", "true");
                config.put("connector.gateway.upstreams.scripted.command", ConnectorProcess.javaCommandLine()
                        + " -cp '" + System.getProperty("java.class.path") + "' " + ScriptedUpstream.class.getName()
                        + " held '" + dir.resolve("scripted.in") + "'");
                config.put("connector.auth.mode", "static");
                McpCalls.staticToken(config, "alice", ALICE, "scripted:read");
                McpCalls.staticToken(config, "bob", BOB, "scripted:read");
                config.put("connector.http.concurrent-requests", "1");
                config.put("connector.http.rate-per-minute", "1000");
                // Long enough that the held call ends only when the upstream is let answer.
                config.put("connector.limits.timeout", "120s");
                config.put("connector.data-dir", dir.resolve("gateway-data").toString());
                config.put("connector.audit.file", dir.resolve("audit.jsonl").toString());
                return config;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    Gateway gateway;

    @TestHTTPResource("/mcp")
    URI mcp;

    private RawMcpHttp mcpHttp;

    @BeforeEach
    void rawMcpHttp() {
        mcpHttp = new RawMcpHttp(mcp, PATIENCE);
    }

    @BeforeEach
    void upstreamServing() throws InterruptedException, IOException {
        // Calls held at the upstream wait again (the test before let them answer).
        Files.deleteIfExists(Path.of(RECEIVED + ScriptedUpstream.RELEASED));
        assertTrue(gateway.supervisor("scripted").awaitFirstAttempt(Duration.ofSeconds(60)));
        assertTrue(gateway.supervisor("scripted").status().serving(), gateway.supervisor("scripted").status()
                .describe());
    }

    @AfterEach
    void upstreamReleased() throws IOException {
        Files.writeString(Path.of(RECEIVED + ScriptedUpstream.RELEASED), "");
    }

    @Test
    void aCallerWhoHangsUpOnAForwardedCallKeepsItsPlaceUntilTheUpstreamAnswers() throws Exception {
        String session = mcpHttp.open(ALICE);
        // Refused before anything is forwarded: a tool the gateway does not serve, a batch. Neither keeps the place.
        HttpResponse<String> unknown = mcpHttp.post(ALICE, session, call("scripted.no_such_tool"));
        assertTrue(unknown.body().contains("\"error\""), unknown.body());
        assertEquals(400, mcpHttp.post(ALICE, session, "[" + call("scripted.progress_steps") + "]").statusCode());
        assertDone(mcpHttp.post(ALICE, session, call("scripted.progress_steps")));

        // Counted: a call held in the other test may already be in the upstream's record.
        long held = receivedCount("\"hold_until_released\"");
        try (Socket socket = mcpHttp.postRaw(ALICE, session, call("scripted.hold_until_released"))) {
            mcpHttp.awaitCondition(() -> receivedCount("\"hold_until_released\"") > held,
                    "the call reached the upstream");
        }
        // Hung up while the upstream holds the call: it is still alice's one request in flight.
        for (int i = 0; i < 5; i++) {
            assertTooManyAtOnce(mcpHttp.post(ALICE, session, call("scripted.progress_steps")));
            Thread.sleep(100);
        }
        // Another caller is served meanwhile.
        assertDone(mcpHttp.post(BOB, mcpHttp.open(BOB), call("scripted.progress_steps")));

        // Once the upstream answers, the place is back.
        upstreamReleased();
        assertDone(mcpHttp.postOnceAPlaceIsFree(ALICE, session, call("scripted.progress_steps")));
    }

    @Test
    void aCallerCancelsAForwardedCallThatHoldsItsOnlyPlace() throws Exception {
        String session = mcpHttp.open(BOB);
        long held = receivedCount("\"hold_until_released\"");
        long cancels = receivedCount("notifications/cancelled");
        String hold = new JsonObject().put("jsonrpc", "2.0").put("id", 9).put("method", "tools/call").put("params",
                new JsonObject().put("name", "scripted.hold_until_released").put("arguments", new JsonObject()))
                .encode();
        mcpHttp.client().sendAsync(mcpHttp.request(BOB, session).POST(HttpRequest.BodyPublishers.ofString(hold))
                .build(), HttpResponse.BodyHandlers.ofString());
        mcpHttp.awaitCondition(() -> receivedCount("\"hold_until_released\"") > held, "the call reached the upstream");

        // The call holds bob's only place: another call is refused, also one dressed as a response.
        assertTooManyAtOnce(mcpHttp.post(BOB, session, call("scripted.progress_steps")));
        assertTooManyAtOnce(mcpHttp.post(BOB, session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"scripted.progress_steps\",\"arguments\":{}},\"result\":{}}"));

        // Bob's cancellation of its own call is taken, and goes on to the upstream.
        HttpResponse<String> cancelled = mcpHttp.post(BOB, session, "{\"jsonrpc\":\"2.0\",\"method\":"
                + "\"notifications/cancelled\",\"params\":{\"requestId\":9,\"reason\":\"no longer needed\"}}");
        assertEquals(202, cancelled.statusCode(), cancelled.body());
        mcpHttp.awaitCondition(() -> receivedCount("notifications/cancelled") > cancels, "the upstream was told");

        // The cancelled call gave the place back, though the upstream has not answered it.
        assertDone(mcpHttp.postOnceAPlaceIsFree(BOB, session, call("scripted.progress_steps")));
    }

    private static long receivedCount(String text) {
        try {
            return Files.exists(RECEIVED) ? Files.readAllLines(RECEIVED).stream().filter(l -> l.contains(text))
                    .count() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String call(String tool) {
        return new JsonObject().put("jsonrpc", "2.0").put("id", 2).put("method", "tools/call").put("params",
                new JsonObject().put("name", tool).put("arguments", new JsonObject())).encode();
    }

    private static void assertDone(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        JsonObject answer = new JsonObject(json(response.body()));
        JsonObject result = answer.getJsonObject("result");
        assertFalse(result.getBoolean("isError", false), answer.encode());
        assertEquals("done", result.getJsonArray("content").getJsonObject(0).getString("text"), answer.encode());
    }

    /** The JSON of an answer sent as plain JSON or as one server-sent event. */
    private static String json(String body) {
        String trimmed = body.trim();
        return trimmed.startsWith("{") ? trimmed : trimmed.lines().filter(l -> l.startsWith("data:"))
                .map(l -> l.substring(5).trim()).reduce((first, last) -> last).orElse(trimmed);
    }
}
