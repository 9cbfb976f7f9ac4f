package io.mcpconnectors.gateway;

import static io.mcpconnectors.common.test.McpResources.audited;
import static io.mcpconnectors.common.test.McpResources.complete;
import static io.mcpconnectors.common.test.McpResources.errorCode;
import static io.mcpconnectors.common.test.McpResources.listAll;
import static io.mcpconnectors.common.test.McpResources.request;
import static io.mcpconnectors.common.test.McpResources.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.AuditTail;
import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpResources;
import io.mcpconnectors.common.test.McpResources.Listing;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The resource paths the gateway forwards as the caller (listing, completion, subscription, deep reads) against
 * callers and upstreams that try to cross a boundary: upstreams {@code pg} and {@code pg2} whose names share a prefix,
 * an upstream whose manifest does not match its pin ({@code bad}), and one that misbehaves ({@code evil},
 * {@link HostileResourcesUpstream}): it lists URIs of {@code pg}, offers 500 completions and sends an update before it
 * answers a subscription; and {@code wide}, which lists 25 resources of its own in one page, more than the gateway's
 * {@code connector.limits.list-page-size} (10) allows in one. alice holds {@code pg:read} and {@code evil:read}, bob
 * {@code pg2:read}, carol {@code bad:read}, dave {@code wide:read}.
 */
@QuarkusTest
@TestProfile(HostileResourceRequestsTest.Profile.class)
class HostileResourceRequestsTest {

    static final String ALICE = "alice-hostile-resources-token-0123";
    static final String BOB = "bob-hostile-resources-token-012345";
    static final String CAROL = "carol-hostile-resources-token-0123";
    static final String DAVE = "dave-hostile-resources-token-01234";
    static final int WIDE_NOTES = 25;
    static final int PAGE_SIZE = 10;
    static final Path AUDIT = Path.of("target", "gateway-tests", "hostile-resources", "audit.jsonl").toAbsolutePath();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir = Upstreams.directory("hostile-resources");
            Map<String, String> config = new HashMap<>();
            config.put("connector.gateway.allow-unpinned", "true");
            config.put("connector.gateway.upstreams.pg.command", ChattyUpstream.command("pg"));
            config.put("connector.gateway.upstreams.pg2.command", ChattyUpstream.command("pg2"));
            config.put("connector.gateway.upstreams.evil.command", HostileResourcesUpstream.command("evil", "pg"));
            config.put("connector.gateway.upstreams.bad.command", ChattyUpstream.command("bad"));
            config.put("connector.gateway.upstreams.bad.manifest-sha256", "0".repeat(64));
            config.put("connector.gateway.upstreams.wide.command",
                    HostileResourcesUpstream.command("wide", "pg", "notes=" + WIDE_NOTES));
            config.put("connector.limits.list-page-size", String.valueOf(PAGE_SIZE));
            config.put("connector.limits.timeout", "5s");
            config.put("connector.limits.subscription-poll-interval", "200ms");
            config.put("connector.auth.mode", "static");
            McpCalls.staticToken(config, "alice", ALICE, "pg:read,evil:read");
            McpCalls.staticToken(config, "bob", BOB, "pg2:read");
            McpCalls.staticToken(config, "carol", CAROL, "bad:read");
            McpCalls.staticToken(config, "dave", DAVE, "wide:read");
            config.put("connector.data-dir", dir.resolve("gateway-data").toString());
            config.put("connector.audit.file", AUDIT.toString());
            return config;
        }
    }

    @Inject
    Gateway gateway;

    private final List<McpStreamableTestClient> clients = new ArrayList<>();

    @BeforeEach
    void upstreamsServing() throws Exception {
        for (String name : List.of("pg", "pg2", "evil", "bad", "wide")) {
            assertTrue(gateway.supervisor(name).awaitFirstAttempt(Duration.ofSeconds(60)), name);
        }
        for (String name : List.of("pg", "pg2", "evil", "wide")) {
            assertTrue(gateway.supervisor(name).status().serving(), gateway.supervisor(name).status().describe());
        }
        assertFalse(gateway.supervisor("bad").status().serving(), gateway.supervisor("bad").status().describe());
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

    private static JsonObject promptRef(String name) {
        return new JsonObject().put("ref", new JsonObject().put("type", "ref/prompt").put("name", name))
                .put("argument", new JsonObject().put("name", "who").put("value", ""));
    }

    @Test
    void anUpstreamsListedDataHoldsOnlyUrisThatUpstreamServes() {
        Listing alice = listAll(as(ALICE));
        List<String> evil = alice.resources().stream().filter(r -> r.getString("name").startsWith("evil."))
                .map(r -> r.getString("uri")).toList();
        assertEquals(List.of("evil://notes/1"), evil, "evil's listing may not name pg's resources as its own");
        assertTrue(alice.uris().contains("pg://secret"), "pg's own resource is listed under pg: " + alice.uris());
    }

    @Test
    void anUpstreamsOversizedPageIsPassedOnInPagesOfTheGatewaysSize() {
        Listing dave = listAll(as(DAVE));
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= WIDE_NOTES; i++) {
            expected.add("wide://notes/" + i);
        }
        assertEquals(List.of(PAGE_SIZE, PAGE_SIZE, WIDE_NOTES - 2 * PAGE_SIZE), dave.pageSizes(), dave.uris().toString());
        assertEquals(WIDE_NOTES, new HashSet<>(dave.uris()).size(), "each resource once: " + dave.uris());
        assertEquals(new HashSet<>(expected), new HashSet<>(dave.uris()), "the other upstream's URIs are left out");

        // A cursor inside the upstream's page is bound to its caller like any other.
        McpResources.assertCursorOnlyForItsCaller(as(DAVE), as(ALICE));
    }

    @Test
    void completionsAreCutToOneHundredValues() {
        JsonObject many = complete(as(ALICE), "evil://notes/{id}", "id", "", Map.of());
        assertEquals(100, values(many).size(), many.encode());
        assertEquals(Boolean.TRUE, many.getJsonObject("result").getJsonObject("completion").getBoolean("hasMore"));
    }

    @Test
    void aSubscribeIsAnsweredWhenTheUpstreamSendsAnUpdateBeforeItsAnswer() {
        McpStreamableTestClient alice = as(ALICE);
        assertEquals(0, errorCode(request(alice, "resources/subscribe", uri("evil://notes/1"))));
        JsonObject noisy = request(alice, "resources/subscribe", uri("evil://notes/noisy"));
        assertEquals(0, errorCode(noisy), noisy.encode());
    }

    @Test
    void nothingOfAnUpstreamIsReachedWithoutItsScopeWhateverItsNameOrUriLooksLike() {
        McpStreamableTestClient bob = as(BOB);
        Listing listed = listAll(bob);
        assertTrue(listed.names().stream().allMatch(n -> n.startsWith("pg2.")), listed.names().toString());
        assertEquals(-32602, errorCode(request(bob, "completion/complete", promptRef("pg.greet"))));
        assertEquals(-32602, errorCode(complete(bob, "pg://notes/{id}", "id", "", Map.of())));
        for (String other : List.of("pg://secret", "pg://notes/1", "pg://notes/1/2", "PG2://secret", "pg2%3A//secret",
                "pg2://notes/../../pg://secret")) {
            assertTrue(errorCode(request(bob, "resources/subscribe", uri(other))) != 0, other);
        }
        JsonObject deep = request(bob, "resources/read", uri("pg://notes/a/b"));
        assertTrue(errorCode(deep) != 0, deep.encode());
        assertFalse(deep.encode().contains("note of pg"), deep.encode());

        McpStreamableTestClient alice = as(ALICE);
        assertEquals(-32602, errorCode(request(alice, "completion/complete", promptRef("pg2.greet"))));
        assertEquals(-32002, errorCode(request(alice, "resources/subscribe", uri("pg2://secret"))));

        // An upstream whose manifest does not match its pin exposes nothing, to a caller with its scope too.
        McpStreamableTestClient carol = as(CAROL);
        JsonObject carols = McpResources.listPage(carol, null);
        assertEquals(new JsonArray(), carols.getJsonObject("result").getJsonArray("resources"), carols.encode());
        assertEquals(-32602, errorCode(request(carol, "completion/complete", promptRef("bad.greet"))));
        assertEquals(-32602, errorCode(complete(carol, "bad://notes/{id}", "id", "", Map.of())));
        assertEquals(-32002, errorCode(request(carol, "resources/subscribe", uri("bad://secret"))));
        assertTrue(errorCode(request(carol, "resources/read", uri("bad://notes/a/b"))) != 0);
    }

    @Test
    void malformedParamsAreAnsweredWithJsonRpcErrors() {
        McpStreamableTestClient alice = as(ALICE);
        JsonObject complete = new JsonObject()
                .put("ref", new JsonObject().put("type", "ref/resource").put("uri", "evil://notes/{id}"));
        List<JsonObject[]> asked = List.of(
                new JsonObject[] { new JsonObject().put("method", "resources/list"), new JsonObject().put("cursor", 5) },
                new JsonObject[] { new JsonObject().put("method", "resources/list"),
                        new JsonObject().put("cursor", new JsonObject().put("a", 1)) },
                new JsonObject[] { new JsonObject().put("method", "resources/list"),
                        new JsonObject().put("cursor", "x".repeat(10_000) + "." + "y".repeat(100)) },
                new JsonObject[] { new JsonObject().put("method", "resources/subscribe"), new JsonObject().put("uri", 5) },
                new JsonObject[] { new JsonObject().put("method", "resources/subscribe"),
                        new JsonObject().put("uri", new JsonObject().put("a", new JsonArray().add(1))) },
                new JsonObject[] { new JsonObject().put("method", "resources/unsubscribe"), new JsonObject() },
                new JsonObject[] { new JsonObject().put("method", "completion/complete"), complete.copy()
                        .put("argument", new JsonObject().put("name", "id").put("value", new JsonObject().put("a", 1))) },
                new JsonObject[] { new JsonObject().put("method", "completion/complete"),
                        complete.copy().put("argument", new JsonObject().put("name", new JsonArray().add(1))) },
                new JsonObject[] { new JsonObject().put("method", "completion/complete"),
                        new JsonObject().put("ref", "evil://notes/{id}").put("argument", "id") });
        for (JsonObject[] request : asked) {
            JsonObject answer = request(alice, request[0].getString("method"), request[1]);
            int code = errorCode(answer);
            assertTrue(code == -32602 || code == -32002, request[1].encode() + " → " + answer.encode());
        }
    }

    @Test
    void aUriThatOnlyLooksLikeAnUpstreamsTemplateIsNotForwarded() {
        AuditTail tail = AuditTail.from(AUDIT);
        McpStreamableTestClient alice = as(ALICE);
        JsonObject read = request(alice, "resources/read", uri("evil://v1.0/7"));
        assertEquals(0, errorCode(read), read.encode());
        assertTrue(read.encode().contains("versioned note of evil"), read.encode());
        // The template's '.' is a literal dot: "v1x0" is not its URI, whatever a pattern reading of it would say.
        JsonObject lookalike = request(alice, "resources/read", uri("evil://v1x0/7"));
        assertEquals(-32002, errorCode(lookalike), lookalike.encode());
        assertFalse(tail.text().contains("evil://v1x0/7"), "the lookalike URI never went to the upstream: "
                + tail.text());
        assertTrue(tail.text().contains("evil://v1.0/7"), tail.text());
    }

    @Test
    void everyRequestIsAuditedWithItsCallerUpstreamAndMethod() throws Exception {
        AuditTail tail = AuditTail.from(AUDIT);
        McpStreamableTestClient alice = as(ALICE);
        listAll(alice);
        values(complete(alice, "evil://notes/{id}", "id", "", Map.of()));
        assertEquals(0, errorCode(request(alice, "resources/subscribe", uri("evil://notes/1"))));
        assertEquals(0, errorCode(request(alice, "resources/unsubscribe", uri("evil://notes/1"))));
        assertEquals(-32002, errorCode(request(alice, "resources/subscribe", uri("pg2://secret"))));
        Map<String, String> upstreams = Map.of("resources/list", "*", "completion/complete", "evil",
                "resources/subscribe", "evil", "resources/unsubscribe", "evil");
        upstreams.forEach((method, upstream) -> {
            List<JsonObject> records = audited(tail, method);
            assertFalse(records.isEmpty(), method + " is audited");
            JsonObject first = records.get(0);
            assertEquals("alice", first.getString("principal"), first.encode());
            assertEquals(upstream, first.getString("identity"), method + ": " + first.encode());
            assertEquals("ok", first.getString("outcome"), first.encode());
        });
        JsonObject refused = audited(tail, "resources/subscribe").get(1);
        assertEquals("alice", refused.getString("principal"), refused.encode());
        assertEquals("refused", refused.getString("outcome"), refused.encode());
    }
}
