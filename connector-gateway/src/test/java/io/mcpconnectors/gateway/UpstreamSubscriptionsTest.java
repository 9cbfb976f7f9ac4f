package io.mcpconnectors.gateway;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpResources.errorCode;
import static io.mcpconnectors.common.test.McpResources.request;
import static io.mcpconnectors.common.test.McpResources.updates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpResources;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * Subscriptions through the gateway against upstreams that misbehave ({@link HostileResourcesUpstream}): {@code slow},
 * which holds up a subscribe of {@code slow://notes/slow} until the test lets it go; {@code evil}, whose tool
 * {@code shout} sends updates of resources nobody subscribed to through it ({@code evil://notes/2}) and of another
 * upstream's ({@code pg://secret}, {@code pg://notes/1}) before a legitimate one ({@code evil://notes/1}); and
 * {@code pg}, another of its kind. alice holds all three scopes, bob {@code pg:read} only.
 */
@QuarkusTest
@TestProfile(UpstreamSubscriptionsTest.Profile.class)
class UpstreamSubscriptionsTest {

    static final String ALICE = "alice-subscriptions-token-0123456789";
    static final String BOB = "bob-subscriptions-token-0123456789ab";
    static final Path GATE = Path.of("target", "gateway-tests", "subscriptions", "gate").toAbsolutePath();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir = Upstreams.directory("subscriptions");
            try {
                Files.createDirectories(GATE);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Map<String, String> config = new HashMap<>();
            config.put("connector.gateway.allow-unpinned", "true");
            config.put("connector.gateway.upstreams.slow.command",
                    HostileResourcesUpstream.command("slow", "pg", "gate=" + GATE));
            config.put("connector.gateway.upstreams.evil.command", HostileResourcesUpstream.command("evil", "pg"));
            config.put("connector.gateway.upstreams.pg.command", HostileResourcesUpstream.command("pg", "evil"));
            config.put("connector.limits.timeout", "30s");
            config.put("connector.limits.subscription-poll-interval", "200ms");
            config.put("connector.auth.mode", "static");
            McpCalls.staticToken(config, "alice", ALICE, "slow:read,evil:read,pg:read");
            McpCalls.staticToken(config, "bob", BOB, "pg:read");
            config.put("connector.data-dir", dir.resolve("gateway-data").toString());
            config.put("connector.audit.file", dir.resolve("audit.jsonl").toString());
            return config;
        }
    }

    @Inject
    Gateway gateway;

    private final List<McpStreamableTestClient> clients = new ArrayList<>();

    @BeforeEach
    void upstreamsServing() throws Exception {
        for (String name : List.of("slow", "evil", "pg")) {
            assertTrue(gateway.supervisor(name).awaitFirstAttempt(Duration.ofSeconds(60)), name);
            await(() -> gateway.supervisor(name).status().serving(), name + " serving");
        }
    }

    @AfterEach
    void disconnect() {
        clients.forEach(McpStreamableTestClient::disconnect);
        clients.clear();
    }

    private McpStreamableTestClient as(String token) {
        McpStreamableTestClient client = McpResources.connectForNotifications(token);
        clients.add(client);
        return client;
    }

    private static JsonObject uri(String uri) {
        return new JsonObject().put("uri", uri);
    }

    @Test
    void aSlowUpstreamsSubscribeDoesNotHoldUpAnotherUpstreams() throws Exception {
        McpStreamableTestClient waiting = as(ALICE);
        McpStreamableTestClient other = as(ALICE);
        JsonObject slow = waiting.newRequest("resources/subscribe").put("params", uri("slow://notes/slow"));
        Path release = HostileResourcesUpstream.slowSubscribeRelease(GATE, "slow");
        try {
            waiting.sendAndForget(slow);
            await(() -> Files.exists(HostileResourcesUpstream.slowSubscribeReceived(GATE, "slow")),
                    "the slow upstream received the subscribe");

            // While the slow upstream holds its answer back, another upstream's subscription is answered.
            JsonObject quick = request(other, "resources/subscribe", uri("pg://notes/1"));
            assertEquals(0, errorCode(quick), quick.encode());
            assertFalse(answered(waiting, slow), "the slow upstream answered before the other subscription was");
        } finally {
            Files.writeString(release, "");
        }
        JsonObject slowAnswer = waiting.waitForResponse(slow);
        assertEquals(0, errorCode(slowAnswer), slowAnswer.encode());
    }

    @Test
    void anUpstreamsUpdatesReachOnlyTheSessionsSubscribedToThatUriThroughIt() throws Exception {
        McpStreamableTestClient both = as(ALICE);
        McpStreamableTestClient evilOnly = as(ALICE);
        McpStreamableTestClient pgOnly = as(BOB);
        McpStreamableTestClient none = as(ALICE);
        for (String subscribed : List.of("evil://notes/1", "pg://notes/1")) {
            assertEquals(0, errorCode(request(both, "resources/subscribe", uri(subscribed))), subscribed);
        }
        assertEquals(0, errorCode(request(evilOnly, "resources/subscribe", uri("evil://notes/1"))));
        assertEquals(0, errorCode(request(pgOnly, "resources/subscribe", uri("pg://notes/1"))));

        // evil says evil://notes/2 (nobody subscribed), pg://secret and pg://notes/1 (pg's, not evil's) and then
        // evil://notes/1 changed.
        assertFalse(call(none, "evil.shout", Map.of()).isError());

        // The legitimate update, sent last, arrives: so the two before it were handled by then.
        await(() -> updates(both).contains("evil://notes/1"), "evil://notes/1 reached a session subscribed to it");
        await(() -> updates(evilOnly).contains("evil://notes/1"), "evil://notes/1 reached the other subscriber");
        assertEquals(List.of("evil://notes/1"), updates(both), "evil's word about pg://notes/1 is not pg's");
        assertEquals(List.of("evil://notes/1"), updates(evilOnly));
        assertEquals(List.of(), updates(pgOnly), "a subscriber of pg://notes/1 through pg heard nothing from evil");
        assertEquals(List.of(), updates(none), "a session subscribed to nothing heard nothing");
    }

    @Test
    void subscribersHearOfEachResourceSubscribedAgainAfterTheirUpstreamRestarted() throws Exception {
        McpStreamableTestClient alice = as(ALICE);
        McpStreamableTestClient bystander = as(ALICE);
        for (String subscribed : List.of("evil://notes/1", "evil://notes/3")) {
            assertEquals(0, errorCode(request(alice, "resources/subscribe", uri(subscribed))), subscribed);
        }
        assertEquals(List.of(), updates(alice));
        UpstreamSupervisor evil = gateway.supervisor("evil");
        Process child = ((StdioLink) evil.link()).process();

        child.destroyForcibly();
        child.waitFor();

        // Whatever changed while the upstream was away went unreported: each subscribed resource may have changed.
        await(() -> updates(alice).containsAll(List.of("evil://notes/1", "evil://notes/3")),
                "updates after the restart, got " + updates(alice));
        assertTrue(evil.status().serving(), evil.status().describe());
        assertEquals(List.of(), updates(bystander), "a session not subscribed heard nothing");
        // And the subscription is held at the restarted upstream: its own update arrives.
        int heard = updates(alice).size();
        assertFalse(call(bystander, "evil.shout", Map.of()).isError());
        await(() -> updates(alice).size() > heard, "an update from the restarted upstream");
        assertEquals("evil://notes/1", updates(alice).get(heard), updates(alice).toString());
    }

    private static boolean answered(McpStreamableTestClient client, JsonObject request) {
        Object id = request.getValue("id");
        return client.snapshot().responses().stream().anyMatch(r -> id.equals(r.getValue("id")));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, "not reached in time: " + what);
            Thread.sleep(50);
        }
    }
}
