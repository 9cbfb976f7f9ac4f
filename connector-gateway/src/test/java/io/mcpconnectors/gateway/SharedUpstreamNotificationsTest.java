package io.mcpconnectors.gateway;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpCalls;
import io.quarkiverse.mcp.server.ClientCapability;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

/**
 * A spawned connector is one MCP session that every caller of the gateway shares. What the connector sends on it
 * about one caller's request (a log line, a confirmation to give) must reach that caller or nobody, never another
 * caller whose call happens to be in flight at the time.
 */
@QuarkusTest
@TestProfile(SharedUpstreamNotificationsTest.Profile.class)
class SharedUpstreamNotificationsTest {

    static final String ALICE = "alice-notifications-token-0123456789";
    static final String BOB = "bob-notifications-token-0123456789ab";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir = Upstreams.directory("shared-notifications");
            Map<String, String> config = new HashMap<>();
            config.put("connector.gateway.allow-unpinned", "true");
            config.put("connector.gateway.upstreams.alpha.command", ChattyUpstream.command("alpha"));
            config.put("connector.access.writes", "enabled");
            // A write may take 2 s plus 1 s for a person to confirm it.
            config.put("connector.limits.timeout", "2s");
            config.put("connector.approval.timeout", "1s");
            config.put("connector.auth.mode", "static");
            McpCalls.staticToken(config, "alice", ALICE, "alpha:read,alpha:write");
            McpCalls.staticToken(config, "bob", BOB, "alpha:read,alpha:write");
            config.put("connector.data-dir", dir.resolve("gateway-data").toString());
            config.put("connector.audit.file", dir.resolve("audit.jsonl").toString());
            return config;
        }
    }

    @Inject
    Gateway gateway;

    private McpStreamableTestClient alice;
    private McpStreamableTestClient bob;

    @BeforeEach
    void upstreamServing() throws Exception {
        assertTrue(gateway.supervisor("alpha").awaitFirstAttempt(Duration.ofSeconds(60)));
        assertTrue(gateway.supervisor("alpha").status().serving(), gateway.supervisor("alpha").status().describe());
        alice = connect(ALICE);
        bob = connect(BOB);
    }

    /** A session whose client can answer confirmations (elicitation). */
    private static McpStreamableTestClient connect(String token) {
        return McpAssured.newStreamableClient()
                .setClientCapabilities(new ClientCapability(ClientCapability.ELICITATION, Map.of()))
                .setAdditionalHeaders(m -> MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token))
                .build().connect();
    }

    @AfterEach
    void disconnect() {
        alice.disconnect();
        bob.disconnect();
    }

    @Test
    void aLogMessageAboutOneCallersRequestNeverReachesAnotherCaller() {
        assertEquals("noted", text(call(alice, "alpha.remember_later", Map.of("note", "alice-private-note"))));
        // Alice's call has ended; while Bob's call runs, the connector logs about Alice's note.
        assertEquals("news", text(call(bob, "alpha.wait_for_news", Map.of())));

        List<JsonObject> bobSaw = bob.snapshot().notifications();
        assertFalse(bobSaw.stream().anyMatch(n -> n.encode().contains("alice-private-note")),
                "a log message about alice's request reached bob's session: " + bobSaw);
    }

    @Test
    void aConfirmationOfOneCallersWriteIsNeverAskedOfAnotherCaller() {
        JsonObject mine = alice.newRequest("tools/call").put("params", new JsonObject()
                .put("name", "alpha.prepare_then_confirm")
                .put("arguments", new JsonObject().put("what", "delete alice-private-report")));
        alice.sendAndForget(mine);
        JsonObject timedOut = alice.waitForResponse(mine);
        assertTrue(timedOut.getJsonObject("result").getBoolean("isError"), timedOut.encode());

        // Alice's write ended at the gateway (its time ran out); the connector still prepares it, and asks for its
        // confirmation while Bob's own write is the one in flight.
        JsonObject his = bob.newRequest("tools/call").put("params", new JsonObject().put("name", "alpha.second_write")
                .put("arguments", new JsonObject()));
        bob.sendAndForget(his);
        bob.waitForResponse(his);

        List<JsonObject> askedOfBob = bob.snapshot().requests().stream()
                .filter(r -> "elicitation/create".equals(r.getString("method"))).toList();
        assertFalse(askedOfBob.stream().anyMatch(r -> r.encode().contains("alice-private-report")),
                "bob was asked to confirm alice's write: " + askedOfBob);
    }
}
