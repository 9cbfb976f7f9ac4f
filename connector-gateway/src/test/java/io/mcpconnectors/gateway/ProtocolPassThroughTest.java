package io.mcpconnectors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.ConnectorProcess;
import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * The protocol passes through the gateway, both ways: an upstream's progress and log messages during a call reach
 * the caller of that call, and a caller's cancellation reaches the upstream as a cancellation of the request the
 * gateway sent it. An upstream offering a tool whose name imitates another (a capital I for an l) is refused even when
 * unpinned, while the other upstream keeps being served.
 */
@QuarkusTest
@TestProfile(ProtocolPassThroughTest.Profile.class)
class ProtocolPassThroughTest extends McpClientTest {

    static final Path DIR = Path.of("target", "gateway-tests", "pass-through").toAbsolutePath();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir = Upstreams.directory("pass-through");
            String java = ConnectorProcess.javaCommandLine() + " -cp '" + System.getProperty("java.class.path")
                    + "' " + ScriptedUpstream.class.getName();
            Map<String, String> config = new HashMap<>();
            config.put("connector.gateway.allow-unpinned", "true");
            config.put("connector.gateway.upstreams.scripted.command", java + " plain '" + dir.resolve("scripted.in")
                    + "'");
            config.put("connector.gateway.upstreams.mimic.command", java + " lookalike '" + dir.resolve("mimic.in")
                    + "'");
            config.put("connector.data-dir", dir.resolve("gateway-data").toString());
            config.put("connector.audit.file", dir.resolve("audit.jsonl").toString());
            return config;
        }
    }

    @Inject
    Gateway gateway;

    @BeforeEach
    void upstreamsTried() throws Exception {
        assertTrue(gateway.supervisor("scripted").awaitFirstAttempt(Duration.ofSeconds(60)));
        assertTrue(gateway.supervisor("mimic").awaitFirstAttempt(Duration.ofSeconds(60)));
        assertTrue(gateway.supervisor("scripted").status().serving(), gateway.supervisor("scripted").status().describe());
    }

    @Test
    void anUpstreamWithALookalikeToolNameIsRefusedEvenUnpinned() {
        UpstreamStatus mimic = gateway.supervisor("mimic").status();
        assertEquals(UpstreamStatus.State.REFUSED, mimic.state());
        assertTrue(mimic.detail().contains("tool name 'read_fiIe' is not a plain name"), mimic.detail());
        assertEquals(List.of("scripted.progress_steps", "scripted.wait_until_cancelled"), McpCalls.toolNames(client));
    }

    @Test
    void progressAndLogMessagesOfACallReachItsCaller() {
        JsonObject call = client.newRequest("tools/call").put("params", new JsonObject()
                .put("name", "scripted.progress_steps").put("arguments", new JsonObject())
                .put("_meta", new JsonObject().put("progressToken", "caller-token-1")));
        client.sendAndForget(call);
        JsonObject response = client.waitForResponse(call);
        assertEquals("done", response.getJsonObject("result").getJsonArray("content").getJsonObject(0)
                .getString("text"));
        List<JsonObject> notifications = client.waitForNotifications(4).notifications();
        List<JsonObject> progress = notifications.stream()
                .filter(n -> n.getString("method").equals("notifications/progress")).toList();
        assertEquals(3, progress.size(), notifications.toString());
        assertEquals("caller-token-1", progress.get(0).getJsonObject("params").getString("progressToken"));
        assertEquals("step 3", progress.get(2).getJsonObject("params").getString("message"));
        assertTrue(notifications.stream().anyMatch(n -> n.getString("method").equals("notifications/message")
                && "working on it".equals(n.getJsonObject("params").getString("data"))), notifications.toString());
    }

    @Test
    void aCancelledCallIsCancelledUpstream() throws Exception {
        JsonObject call = client.newRequest("tools/call").put("params", new JsonObject()
                .put("name", "scripted.wait_until_cancelled").put("arguments", new JsonObject()));
        client.sendAndForget(call);
        Path received = DIR.resolve("scripted.in");
        String upstreamId = awaitLine(received, "\"wait_until_cancelled\"").getValue("id").toString();

        client.sendAndForget(new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/cancelled")
                .put("params", new JsonObject().put("requestId", call.getValue("id")).put("reason", "changed my mind")));

        JsonObject cancelled = awaitLine(received, "notifications/cancelled");
        assertEquals(upstreamId, cancelled.getJsonObject("params").getValue("requestId").toString());
        JsonObject record = awaitLine(DIR.resolve("audit.jsonl"), "scripted.wait_until_cancelled");
        assertEquals("cancelled by the caller", record.getString("message"));
        assertEquals("done", McpCalls.text(McpCalls.call(client, "scripted.progress_steps", Map.of())),
                "the session goes on");
    }

    /** The first line of a file (written by another process) that contains the text, waiting for it to appear. */
    private static JsonObject awaitLine(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                var line = Files.readAllLines(file).stream().filter(l -> l.contains(text)).findFirst();
                if (line.isPresent()) {
                    return new JsonObject(line.get());
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line with " + text + " in " + file);
    }
}
