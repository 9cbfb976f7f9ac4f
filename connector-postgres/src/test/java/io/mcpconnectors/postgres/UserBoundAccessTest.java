package io.mcpconnectors.postgres;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.approval.ApprovalService;
import io.mcpconnectors.common.mcp.ApprovalGate;
import io.mcpconnectors.common.test.MappedCallers;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * User-bound access on PostgreSQL: each caller's calls run under the database role mapped for it and with its
 * principal in {@code mcp.principal}, so row-level security keyed on either gives each caller its own rows, from the
 * same query, through a login role that holds no privileges of its own. A caller without a mapping is refused, and a
 * query cannot change the role or the principal it runs as.
 */
@QuarkusTest
@TestProfile(UserBoundAccessTest.Mapped.class)
@WithTestResource(value = EmbeddedPostgresFixture.class, initArgs = {
        @ResourceArg(name = "role", value = "mcp_login"), @ResourceArg(name = "database", value = "identity") })
class UserBoundAccessTest extends MappedCallers {

    static final Path AUDIT = Path.of("target/audit/user-bound-audit.jsonl");

    public static class Mapped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return mappedSettings("postgres", Map.of("alice", "north_analyst", "bob", "south_analyst"), AUDIT);
        }
    }

    @Inject
    ApprovalService approvals;

    @Test
    void twoCallersGetTheirOwnRowsFromTheSameQuery() {
        String byRegion = "SELECT name FROM crm.accounts ORDER BY id";
        assertEquals(List.of("Acme", "Initech"), names(ok(call(as(ALICE), "query", Map.of("sql", byRegion)))));
        assertEquals(List.of("Globex"), names(ok(call(as(BOB), "query", Map.of("sql", byRegion)))));
        // (The write test adds notes of its own; only the fixture's are looked at.)
        String byPrincipal = "SELECT body FROM crm.notes WHERE id <= 2 ORDER BY id";
        assertEquals(List.of("alice's note"), names(ok(call(as(ALICE), "query", Map.of("sql", byPrincipal)))));
        assertEquals(List.of("bob's note"), names(ok(call(as(BOB), "query", Map.of("sql", byPrincipal)))));
        JsonObject who = ok(call(as(BOB), "query", Map.of("sql",
                "SELECT current_user::text, current_setting('mcp.principal')")));
        assertEquals(new JsonArray().add("south_analyst").add("bob"), who.getJsonArray("rows").getJsonArray(0));
    }

    @Test
    void catalogToolsAndResourcesSeeWhatTheCallersRoleSees() {
        JsonObject described = ok(call(as(ALICE), "describe_table", Map.of("schema", "crm", "table", "accounts")));
        assertTrue(described.encode().contains("region"), described.encode());
        String sample = ok(call(as(BOB), "sample_rows", Map.of("schema", "crm", "table", "accounts"))).encode();
        assertTrue(sample.contains("Globex") && !sample.contains("Acme"), sample);
    }

    @Test
    void aCursorObtainedByOneCallerIsRefusedToAnother() {
        Map<String, Object> query = Map.of("sql", "SELECT g FROM generate_series(1, 1500) AS g ORDER BY g");
        JsonObject first = ok(call(as(ALICE), "query", query));
        assertTrue(first.getBoolean("truncated"));
        Map<String, Object> replayed = new HashMap<>(query);
        replayed.put("cursor", first.getString("next_cursor"));
        String refused = error(call(as(BOB), "query", replayed));
        assertTrue(refused.startsWith("The cursor does not belong to this call: a cursor continues only the call that"
                + " returned it, for the same caller"), refused);
        assertFalse(refused.contains("1001"), refused);
        // Alice herself continues it, from another session too.
        JsonObject second = ok(call(as(ALICE), "query", replayed));
        assertEquals(1001, second.getJsonArray("rows").getJsonArray(0).getInteger(0));
    }

    @Test
    void aCallerWithoutAMappingIsRefusedWithAClearError() {
        String refusal = error(call(as(MALLORY), "query", Map.of("sql", "SELECT 1")));
        assertTrue(refusal.contains("principal mallory has no data-source identity in connector.identity.map"),
                refusal);
    }

    @Test
    void aQueryCannotChangeTheRoleOrThePrincipalItRunsAs() {
        McpStreamableTestClient alice = as(ALICE);
        for (String attempt : List.of("SET ROLE south_analyst", "RESET ROLE", "SET SESSION AUTHORIZATION mcp_login",
                "SELECT set_config('role', 'south_analyst', true)",
                "SELECT pg_catalog.set_config('mcp.principal', 'bob', true), body FROM crm.notes",
                "SELECT \"SET_CONFIG\"('mcp.principal', 'bob', false)",
                "WITH r AS (SELECT set_config('role', 'rls_bypasser', true)) SELECT * FROM r, crm.accounts")) {
            String refused = error(call(alice, "query", Map.of("sql", attempt)));
            assertFalse(refused.contains("Globex") || refused.contains("bob's note"), attempt + ": " + refused);
        }
        // The guard does not know this function changes the principal; the engine-level check after the statement
        // withholds its result.
        String withheld = error(call(alice, "query", Map.of("sql",
                "SELECT crm.act_as('bob') AS switched, (SELECT count(*) FROM crm.notes) AS seen")));
        assertTrue(withheld.contains("changed the role or the principal"), withheld);
        // And nothing of it outlives the call.
        assertEquals(List.of("alice's note"), names(ok(call(alice, "query", Map.of("sql",
                "SELECT body FROM crm.notes WHERE id <= 2 ORDER BY id")))));
    }

    @Test
    void writesAndTheirApprovalsRunUnderTheRequestersRole() {
        McpStreamableTestClient alice = as(ALICE);
        Map<String, Object> insert = Map.of("sql", "INSERT INTO crm.notes (author, body) VALUES ($1, $2)",
                "params", List.of("alice", "written by alice"));
        String id = ok(call(alice, "execute", insert)).getJsonObject("approval").getString("id");
        approvals.decide(id, true, "admin", null);
        Map<String, Object> resubmitted = new HashMap<>(insert);
        resubmitted.put(ApprovalGate.APPROVAL_ID, id);
        assertEquals(1, ok(call(alice, "execute", resubmitted)).getInteger("affected_rows"));
        assertEquals(1, EmbeddedPostgresFixture.countIn("identity",
                "SELECT count(*) FROM crm.notes WHERE body = 'written by alice' AND author = 'alice'"));

        // The row-level security check applies to the requester: alice cannot write as bob.
        Map<String, Object> forged = Map.of("sql", "INSERT INTO crm.notes (author, body) VALUES ($1, $2)",
                "params", List.of("bob", "forged by alice"));
        String forgedId = ok(call(alice, "execute", forged)).getJsonObject("approval").getString("id");
        approvals.decide(forgedId, true, "admin", null);
        Map<String, Object> again = new HashMap<>(forged);
        again.put(ApprovalGate.APPROVAL_ID, forgedId);
        String refused = error(call(alice, "execute", again));
        assertTrue(refused.contains("row-level security"), refused);
        assertEquals(0, EmbeddedPostgresFixture.countIn("identity",
                "SELECT count(*) FROM crm.notes WHERE body = 'forged by alice'"));
    }

    @Test
    void theAuditNamesThePrincipalAndTheDatabaseRole() throws Exception {
        ok(call(as(BOB), "query", Map.of("sql", "SELECT 'audited-as-bob'")));
        JsonObject record = Files.readAllLines(AUDIT).stream().filter(l -> l.contains("audited-as-bob"))
                .map(JsonObject::new).reduce((a, b) -> b).orElseThrow();
        assertEquals("bob", record.getString("principal"));
        assertEquals("south_analyst", record.getString("identity"));
    }

    private static List<String> names(JsonObject result) {
        return result.getJsonArray("rows").stream().map(r -> ((JsonArray) r).getString(0)).toList();
    }
}
