package io.mcpconnectors.mongodb;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoCollection;

import io.mcpconnectors.common.approval.ApprovalService;
import io.mcpconnectors.common.mcp.ApprovalGate;
import io.mcpconnectors.common.test.AuditTail;
import io.mcpconnectors.common.test.MappedCallers;
import io.mcpconnectors.mongodb.AuthenticatingMongoBackend.Received;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * User-bound access on MongoDB: each caller's calls reach the server through the pool of its credential set, signed
 * in as that set's MongoDB user, so the server's own authorization applies to the caller. What reaches the server
 * shows it: the in-process server records, for every command, the user its connection signed in as and the client's
 * application name. Pools open on first use and stay within connector.mongodb.identity.max-pools (2 here, for 3
 * credential sets); the read-only guard, namespace policy, maxTimeMS and caps apply on every pool; a caller
 * without a mapping is refused; the audit names principal and credential set, never the connection string.
 */
@QuarkusTest
@TestProfile(UserBoundAccessTest.Mapped.class)
@WithTestResource(InProcessMongoFixture.class)
class UserBoundAccessTest extends MappedCallers {

    static final Path AUDIT = Path.of("target/audit/mongodb-user-bound-audit.jsonl");
    /** Credential set to the server user its connection string signs in as. */
    static final Map<String, String> SETS = Map.of("north", "north_reader", "south", "south_reader",
            "audit", "auditor");

    public static class Mapped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = mappedSettings("mongodb",
                    Map.of("alice", "north", "bob", "south", "carol", "audit"), AUDIT);
            SETS.forEach((set, user) -> config.put("connector.mongodb.identity.connection-string-file.\"" + set + "\"",
                    secretFile(InProcessMongoFixture.connectionStringOf(user)).toString()));
            config.put("connector.mongodb.identity.max-pools", "2");
            return config;
        }

        private static Path secretFile(String connectionString) {
            try {
                Path file = Files.createTempFile("mongo-credential-set", ".txt");
                file.toFile().deleteOnExit();
                return Files.writeString(file, connectionString + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    CredentialSetPools pools;

    @Inject
    ApprovalService approvals;

    @Inject
    RecordingCommandListener commands;

    @Test
    void noCredentialSetsPasswordComesBackInResultsWhicheverCallersDataQuotesIt() {
        MongoCollection<Document> leaked = InProcessMongoFixture.client().getDatabase("shop")
                .getCollection("leaked_settings");
        Document settings = new Document("_id", 1);
        SETS.forEach((set, user) -> settings.append(set, InProcessMongoFixture.connectionStringOf(user)));
        leaked.insertOne(settings);
        try {
            // Alice's pool signs in as north_reader; the other sets' passwords are known from the start check.
            String found = ok(call(as(ALICE), "find", Map.of("database", "shop", "collection", "leaked_settings")))
                    .encode();
            for (String user : SETS.values()) {
                assertFalse(found.contains(InProcessMongoFixture.USERS.get(user).password()), found);
                assertTrue(found.contains("mongodb://" + user + ":[REDACTED]@"), found);
            }
        } finally {
            leaked.drop();
        }
    }

    @Test
    void eachCallerReachesMongoDbAsTheUserOfItsOwnCredentialSet() {
        List<Received> received = receivedDuring(() -> {
            assertEquals(50, ok(call(as(ALICE), "count", Map.of("database", "shop", "collection", "orders")))
                    .getLong("count"));
            assertEquals(3, ok(call(as(BOB), "count", Map.of("database", "crm", "collection", "tickets")))
                    .getLong("count"));
        });
        assertFalse(received.isEmpty());
        for (Received command : received) {
            String set = command.database().equals("shop") ? "north" : "south";
            assertEquals(SETS.get(set), command.user(), command.toString());
            assertEquals("mcp-connector-mongodb:" + set, command.application(), "the pool of " + set);
        }
    }

    @Test
    void theServersOwnAuthorizationAppliesToEachCaller() {
        String bobOnShop = error(call(as(BOB), "count", Map.of("database", "shop", "collection", "orders")));
        assertTrue(bobOnShop.contains("Unauthorized") && bobOnShop.contains("not authorized on shop"), bobOnShop);
        String aliceOnCrm = error(call(as(ALICE), "find", Map.of("database", "crm", "collection", "tickets")));
        assertTrue(aliceOnCrm.contains("not authorized on crm"), aliceOnCrm);
        McpStreamableTestClient carol = as(CAROL);
        assertEquals(50, ok(call(carol, "count", Map.of("database", "shop", "collection", "orders"))).getLong("count"));
        assertEquals(3, ok(call(carol, "count", Map.of("database", "crm", "collection", "tickets"))).getLong("count"));
    }

    @Test
    void theGuardsTheNamespacePolicyTheTimeLimitAndTheCapsApplyOnEveryPool() {
        McpStreamableTestClient alice = as(ALICE);
        List<Received> refused = receivedDuring(() -> {
            assertTrue(error(call(alice, "aggregate", Map.of("database", "shop", "collection", "orders", "pipeline",
                    List.of(Map.of("$out", "stolen"))))).startsWith("Refused by the read-only guard: $out"));
            assertTrue(error(call(alice, "find", Map.of("database", "shop", "collection", "orders", "filter",
                    Map.of("$where", "true")))).startsWith("Refused by the read-only guard: $where"));
            assertTrue(error(call(alice, "find", Map.of("database", "shop", "collection", "secrets")))
                    .contains("is not available to this connector"));
            assertTrue(error(call(alice, "list_collections", Map.of("database", "hr")))
                    .contains("is not available to this connector"));
        });
        assertEquals(List.of(), refused, "nothing refused reached the server");
        assertFalse(InProcessMongoFixture.exists("shop", "stolen"));

        commands.clear();
        JsonObject found = ok(call(alice, "find", Map.of("database", "shop", "collection", "orders")));
        assertEquals(20, found.getInteger("count"), "connector.limits.max-items");
        assertTrue(found.getBoolean("truncated"));
        assertTrue(commands.sent().stream().filter(c -> c.name().equals("find"))
                .allMatch(c -> c.command().containsKey("maxTimeMS")), "every find carries maxTimeMS");
        assertTrue(commands.sent().stream().anyMatch(c -> c.name().equals("find")));
    }

    @Test
    void aCursorObtainedByOneCallerIsRefusedToAnother() {
        Map<String, Object> find = Map.of("database", "shop", "collection", "orders", "sort", Map.of("_id", 1),
                "projection", Map.of("_id", 1));
        JsonObject first = ok(call(as(ALICE), "find", find));
        assertTrue(first.getBoolean("truncated"));
        Map<String, Object> replayed = new HashMap<>(find);
        replayed.put("cursor", first.getString("next_cursor"));
        // Carol may read shop.orders herself, bob may not: either way the cursor is alice's alone.
        for (String other : List.of(CAROL, BOB)) {
            String refused = error(call(as(other), "find", replayed));
            assertTrue(refused.startsWith("The cursor does not belong to this call: a cursor continues only the call"
                    + " that returned it, for the same caller"), refused);
            assertFalse(refused.contains("\"_id\""), refused);
        }
        // Alice herself continues it, from another session too.
        JsonObject second = ok(call(as(ALICE), "find", replayed));
        assertEquals(21, second.getJsonArray("documents").getJsonObject(0).getInteger("_id"));
    }

    @Test
    void poolsOpenOnFirstUseAndStayWithinTheCap() throws Exception {
        ok(call(as(ALICE), "count", Map.of("database", "shop", "collection", "orders")));
        ok(call(as(BOB), "count", Map.of("database", "crm", "collection", "tickets")));
        ok(call(as(CAROL), "count", Map.of("database", "crm", "collection", "tickets")));
        assertEquals(List.of("south", "audit"), pools.openSets(),
                "max-pools 2: north, least recently used and held by no call, was closed to open audit");
        for (int i = 0; i < 100 && InProcessMongoFixture.backend().connectionsOf("north_reader") > 0; i++) {
            Thread.sleep(50);
        }
        assertEquals(0, InProcessMongoFixture.backend().connectionsOf("north_reader"),
                "the closed pool's connections ended");

        assertEquals(50, ok(call(as(ALICE), "count", Map.of("database", "shop", "collection", "orders")))
                .getLong("count"), "a closed pool opens again when its set is needed");
        assertEquals(List.of("audit", "north"), pools.openSets());
    }

    @Test
    void aCallerWithoutAMappingIsRefusedBeforeAnythingReachesTheServer() {
        List<Received> received = receivedDuring(() -> {
            String refusal = error(call(as(MALLORY), "count", Map.of("database", "shop", "collection", "orders")));
            assertTrue(refusal.contains("principal mallory has no data-source identity in connector.identity.map"),
                    refusal);
        });
        assertEquals(List.of(), received);
    }

    @Test
    void writesAndTheirApprovalsRunWithTheRequestersCredentialSet() {
        McpStreamableTestClient bob = as(BOB);
        Map<String, Object> insert = Map.of("database", "crm", "collection", "notes", "documents",
                List.of(Map.of("text", "written by bob")));
        String id = ok(call(bob, "insert_many", insert)).getJsonObject("approval").getString("id");
        approvals.decide(id, true, "admin", null);
        Map<String, Object> resubmitted = new HashMap<>(insert);
        resubmitted.put(ApprovalGate.APPROVAL_ID, id);
        List<Received> received = receivedDuring(
                () -> assertEquals(1, ok(call(bob, "insert_many", resubmitted)).getInteger("inserted_count")));
        Received written = received.stream().filter(r -> r.command().equals("insert")).findFirst().orElseThrow();
        assertEquals("south_reader", written.user());
        assertEquals(1, InProcessMongoFixture.count("crm", "notes"));
    }

    @Test
    void theCollectionResourceIsReadWithTheCallersCredentialSet() {
        AtomicReference<String> text = new AtomicReference<>();
        List<Received> received = receivedDuring(() -> as(BOB).when().resourcesRead("mongodb://crm/tickets",
                r -> text.set(r.contents().get(0).asText().text())).thenAssertResults());
        assertEquals("tickets", new JsonObject(text.get()).getString("collection"));
        assertFalse(received.isEmpty());
        assertTrue(received.stream().allMatch(r -> "south_reader".equals(r.user())), received.toString());
    }

    @Test
    void theAuditNamesThePrincipalAndTheCredentialSetNeverTheConnectionString() {
        AuditTail audit = AuditTail.from(AUDIT);
        ok(call(as(BOB), "count", Map.of("database", "crm", "collection", "tickets", "filter",
                Map.of("title", "audited-as-bob"))));
        JsonObject record = audit.text().lines().map(JsonObject::new)
                .filter(r -> r.encode().contains("audited-as-bob")).findFirst().orElseThrow();
        assertEquals("bob", record.getString("principal"));
        assertEquals("south", record.getString("identity"));
        String audited = audit.text();
        assertFalse(audited.contains("mongodb://"), "no connection string in the audit");
        for (var user : InProcessMongoFixture.USERS.values()) {
            assertFalse(audited.contains(user.password()), "no password in the audit");
        }
    }

    @Test
    void theClientsOwnTokenNeverReachesMongoDb() {
        List<Received> received = receivedDuring(() -> {
            ok(call(as(ALICE), "find", Map.of("database", "shop", "collection", "orders", "limit", 1)));
            ok(call(as(BOB), "list_databases", Map.of()));
        });
        assertFalse(received.isEmpty());
        for (Received command : received) {
            for (String token : List.of(ALICE, BOB, CAROL, MALLORY)) {
                assertFalse(command.text().contains(token) || String.valueOf(command.application()).contains(token),
                        "the MCP client's token was forwarded: " + command);
            }
        }
    }

    /**
     * The commands the server received while the calls ran, without the driver's housekeeping: a pool closed to make
     * room ends its sessions, and the connector's own client pings.
     */
    private static List<Received> receivedDuring(Runnable calls) {
        int before = InProcessMongoFixture.backend().received().size();
        calls.run();
        List<Received> all = InProcessMongoFixture.backend().received();
        return all.subList(before, all.size()).stream().filter(r -> !r.command().equals("endSessions")
                && !(r.user() == null && r.command().equals("ping"))).toList();
    }
}
