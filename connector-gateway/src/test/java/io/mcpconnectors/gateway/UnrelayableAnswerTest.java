package io.mcpconnectors.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * Every call the gateway forwards is in its audit chain, however the connector answers: here the connector ran the
 * call and answered with a resource link that has no name (MCP requires one), which the gateway cannot relay. The
 * call is audited, and the caller gets an isError result naming the upstream rather than a bare internal error.
 */
@QuarkusTest
@TestProfile(UnrelayableAnswerTest.Profile.class)
class UnrelayableAnswerTest extends McpClientTest {

    static final Path DIR = Path.of("target", "gateway-tests", "unrelayable").toAbsolutePath();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir = Upstreams.directory("unrelayable");
            Map<String, String> config = new HashMap<>();
            config.put("connector.gateway.allow-unpinned", "true");
            config.put("connector.gateway.upstreams.alpha.command", ChattyUpstream.command("alpha"));
            config.put("connector.data-dir", dir.resolve("gateway-data").toString());
            config.put("connector.audit.file", dir.resolve("audit.jsonl").toString());
            return config;
        }
    }

    @Inject
    Gateway gateway;

    @Test
    void aCallWhoseAnswerTheGatewayCannotRelayIsStillAuditedAndAnsweredAsAnError() throws Exception {
        assertTrue(gateway.supervisor("alpha").awaitFirstAttempt(Duration.ofSeconds(60)));
        assertTrue(gateway.supervisor("alpha").status().serving(), gateway.supervisor("alpha").status().describe());
        JsonObject request = client.newRequest("tools/call").put("params", new JsonObject().put("name", "alpha.odd_link")
                .put("arguments", new JsonObject()));
        client.sendAndForget(request);
        JsonObject response = client.waitForResponse(request);

        assertTrue(awaitAuditLine("alpha.odd_link"), "the forwarded call alpha.odd_link ran at the connector but is"
                + " missing from the gateway's audit trail; the client got " + response.encode());
        assertTrue(response.containsKey("result") && response.getJsonObject("result").getBoolean("isError", false),
                "an isError result naming the upstream, not a bare internal error: " + response.encode());
    }

    private static boolean awaitAuditLine(String text) throws Exception {
        Path audit = DIR.resolve("audit.jsonl");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(audit) && Files.readAllLines(audit).stream().anyMatch(l -> l.contains(text))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
