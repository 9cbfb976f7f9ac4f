package io.mcpconnectors.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.AuditTail;
import io.mcpconnectors.common.test.McpClientTest;
import io.mcpconnectors.common.testkit.TestkitTools.SourceState;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * What a tool reports while it runs reaches the client as MCP notifications: progress with the client's token,
 * log messages at the level the client set; and a call the client cancels stops.
 */
@QuarkusTest
class CallReportTest extends McpClientTest {

    @Inject
    SourceState state;

    @Test
    void progressGoesToTheClientWithItsTokenOnlyWhenItAsked() {
        JsonObject response = sleep(300, "progress-1");
        assertFalse(response.getJsonObject("result").getBoolean("isError"), response.encode());
        List<JsonObject> progress = notifications("notifications/progress");
        assertTrue(progress.size() >= 2, "a first report and the last: " + progress);
        double previous = -1;
        for (JsonObject notification : progress) {
            JsonObject params = notification.getJsonObject("params");
            assertEquals("progress-1", params.getString("progressToken"));
            assertTrue(params.getDouble("progress") > previous, "increasing: " + progress);
            previous = params.getDouble("progress");
        }
        JsonObject last = progress.get(progress.size() - 1).getJsonObject("params");
        assertEquals(300, last.getInteger("progress"));
        assertEquals(300, last.getInteger("total"));
        assertEquals("done", last.getString("message"));

        int before = notifications("notifications/progress").size();
        sleep(100, null);
        assertEquals(before, notifications("notifications/progress").size(), "no token, no progress");
    }

    @Test
    void logMessagesFollowTheLevelTheClientSets() {
        sleep(40, null);
        List<String> info = messages();
        assertTrue(info.contains("sleeping 40 ms"), "INFO is sent at the default level: " + info);
        assertFalse(info.contains("sleeping in steps of 20 ms"), "DEBUG is not: " + info);

        JsonObject setLevel = client.newRequest("logging/setLevel").put("params", new JsonObject().put("level",
                "debug"));
        client.sendAndForget(setLevel);
        client.waitForResponse(setLevel);
        sleep(41, null);
        assertTrue(messages().contains("sleeping in steps of 20 ms"), "DEBUG after logging/setLevel: " + messages());
    }

    @Test
    void aCallTheClientCancelsStopsAndIsAuditedAsCancelled() throws InterruptedException {
        state.sleeperInterrupted.set(false);
        AuditTail audit = AuditTail.from(Path.of("target/audit/runtime-audit.jsonl"));
        JsonObject request = client.newRequest("tools/call").put("params", new JsonObject().put("name", "sleep")
                .put("arguments", new JsonObject().put("millis", 20_000)));
        client.sendAndForget(request);
        Thread.sleep(300);
        client.sendAndForget(client.newMessage("notifications/cancelled").put("params", new JsonObject()
                .put("requestId", request.getValue("id")).put("reason", "the user changed their mind")));
        for (int i = 0; i < 50 && !state.sleeperInterrupted.get(); i++) {
            Thread.sleep(100);
        }
        assertTrue(state.sleeperInterrupted.get(), "the cancelled work was interrupted");
        String records = "";
        for (int i = 0; i < 50 && !records.contains("\"cancelled\""); i++) {
            Thread.sleep(100);
            records = audit.text();
        }
        assertTrue(records.contains("\"tool\":\"sleep\"") && records.contains("\"outcome\":\"cancelled\""), records);
    }

    private JsonObject sleep(int millis, String progressToken) {
        JsonObject params = new JsonObject().put("name", "sleep").put("arguments", new JsonObject().put("millis",
                millis));
        if (progressToken != null) {
            params.put("_meta", new JsonObject().put("progressToken", progressToken));
        }
        JsonObject request = client.newRequest("tools/call").put("params", params);
        client.sendAndForget(request);
        return client.waitForResponse(request);
    }

    private List<JsonObject> notifications(String method) {
        return client.snapshot().notifications().stream().filter(n -> method.equals(n.getString("method"))).toList();
    }

    private List<String> messages() {
        return notifications("notifications/message").stream()
                .map(n -> String.valueOf(n.getJsonObject("params").getValue("data"))).toList();
    }
}
