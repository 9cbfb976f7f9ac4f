package io.mcpconnectors.postgres;

import static io.mcpconnectors.common.test.McpCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.approval.ApprovalService;
import io.mcpconnectors.common.mcp.ApprovalGate;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.test.McpCalls;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Attacks on user-bound access found in review: switching the role or the principal inside a statement and back
 * before the check after it, through clauses a parser-based check does not visit, SQL text run by another function, or
 * a write's RETURNING. Alice is mapped to north_analyst with principal alice; she never sees Globex (south) nor bob's
 * note, never runs as the login role, and never writes as bob. The database refuses set_config() to the mapped roles
 * (the engine layer, checked at start); the guard refuses it wherever it appears (the extra layer).
 */
@QuarkusTest
@TestProfile(UserBoundAccessTest.Mapped.class)
@WithTestResource(value = EmbeddedPostgresFixture.class, initArgs = {
        @ResourceArg(name = "role", value = "mcp_login"), @ResourceArg(name = "database", value = "identity") })
class UserBoundAttacksTest {

    @Inject
    ApprovalService approvals;

    @Inject
    PostgresSessions sessions;

    private final List<McpStreamableTestClient> clients = new ArrayList<>();

    /** One session of alice's per test. */
    private McpStreamableTestClient alice() {
        if (clients.isEmpty()) {
            clients.add(McpCalls.connect(UserBoundAccessTest.ALICE));
        }
        return clients.get(0);
    }

    @AfterEach
    void disconnect() {
        clients.forEach(McpStreamableTestClient::disconnect);
        clients.clear();
    }

    private String attempt(String tool, Map<String, Object> args) {
        return call(alice(), tool, args).toString();
    }

    /**
     * set_config hidden in an ORDER BY of a scalar subquery passes the guard; the three init-plans run in order, so the
     * role is switched, south's rows are read, and the role is switched back before ACTING_AS looks.
     */
    @Test
    void aQueryCannotReadAnotherRolesRowsBySwitchingAndSwitchingBack() {
        String sql = "SELECT (SELECT 1 ORDER BY set_config('role', 'south_analyst', true)) AS a,"
                + " (SELECT string_agg(name, ',') FROM crm.accounts) AS b,"
                + " (SELECT 1 ORDER BY set_config('role', 'north_analyst', true)) AS c";
        String answer = attempt("query", Map.of("sql", sql));
        assertFalse(answer.contains("Globex"), answer);
    }

    @Test
    void aQueryCannotReadAnotherPrincipalsRowsBySwitchingAndSwitchingBack() {
        String sql = "SELECT (SELECT 1 ORDER BY set_config('mcp.principal', 'bob', true)) AS a,"
                + " (SELECT string_agg(body, ',') FROM crm.notes) AS b,"
                + " (SELECT 1 ORDER BY set_config('mcp.principal', 'alice', true)) AS c";
        String answer = attempt("query", Map.of("sql", sql));
        assertFalse(answer.contains("bob's note"), answer);
    }

    /** The same through other clauses the guard does not walk. */
    @Test
    void otherUnwalkedClauses() {
        for (String sql : List.of(
                "SELECT (SELECT 1 GROUP BY set_config('mcp.principal', 'bob', true)) AS a,"
                        + " (SELECT string_agg(body, ',') FROM crm.notes) AS b,"
                        + " (SELECT 1 GROUP BY set_config('mcp.principal', 'alice', true)) AS c",
                "SELECT (SELECT count(*) FILTER (WHERE set_config('mcp.principal', 'bob', true) > '') FROM (VALUES (1)) v(x)) AS a,"
                        + " (SELECT string_agg(body, ',') FROM crm.notes) AS b,"
                        + " (SELECT count(*) FILTER (WHERE set_config('mcp.principal', 'alice', true) > '') FROM (VALUES (1)) v(x)) AS c",
                "SELECT (SELECT 1 OFFSET length(set_config('mcp.principal', 'bob', true)) - 3) AS a,"
                        + " (SELECT string_agg(body, ',') FROM crm.notes) AS b,"
                        + " (SELECT 1 OFFSET length(set_config('mcp.principal', 'alice', true)) - 5) AS c")) {
            String answer = attempt("query", Map.of("sql", sql));
            assertFalse(answer.contains("bob's note"), answer);
        }
    }

    /** The login role itself (role 'none') runs the statement: whatever mcp_login can read, alice can. */
    @Test
    void aQueryCannotRunAsTheLoginRole() {
        String sql = "SELECT (SELECT 1 ORDER BY set_config('role', 'none', true)) AS a, current_user::text AS b,"
                + " (SELECT 1 ORDER BY set_config('role', 'north_analyst', true)) AS c";
        String answer = attempt("query", Map.of("sql", sql));
        assertFalse(answer.contains("mcp_login"), answer);
    }

    /** ts_stat runs SQL text the guard never parses; its plan is made after the switch. */
    @Test
    void sqlTextInsideAFunctionArgumentIsNotChecked() {
        String sql = "SELECT string_agg(word, ',') FROM ts_stat($$SELECT to_tsvector('simple', body)"
                + " FROM crm.notes, (SELECT set_config('mcp.principal', 'bob', true)) s$$)";
        String answer = attempt("query", Map.of("sql", sql));
        assertFalse(answer.contains("bob's"), answer);
        String restored = "SELECT (SELECT string_agg(word, ',') FROM ts_stat($$SELECT to_tsvector('simple', body)"
                + " FROM (SELECT set_config('mcp.principal', 'bob', true)) s, crm.notes$$)) AS leaked,"
                + " (SELECT 1 ORDER BY set_config('mcp.principal', 'alice', true)) AS c";
        String answer2 = attempt("query", Map.of("sql", restored));
        assertFalse(answer2.contains("bob"), answer2);
    }

    /**
     * Even a guard that walked every clause would not see SQL passed as text to ts_stat: both the switch (with the read)
     * and the switch back run inside ts_stat's own queries.
     */
    @Test
    void onlyTsStatNoVisibleSetConfig() {
        String sql = "SELECT (SELECT string_agg(word, ',') FROM ts_stat($$SELECT to_tsvector('simple', body)"
                + " FROM (SELECT set_config('mcp.principal', 'bob', true)) s, crm.notes$$)) AS leaked,"
                + " (SELECT count(*) FROM ts_stat($$SELECT to_tsvector('simple', set_config('mcp.principal', 'alice', true))$$)) AS c";
        String answer = attempt("query", Map.of("sql", sql));
        assertFalse(answer.contains("bob"), answer);
    }

    /**
     * A write that would forge bob's row: the principal switched in a subquery (for the WITH CHECK policy) and switched
     * back in RETURNING. Refused before anyone is asked to approve it, and nothing is written.
     */
    @Test
    void aWriteCannotBeCommittedAsAnotherPrincipal() {
        Map<String, Object> forged = new HashMap<>(Map.of("sql",
                "INSERT INTO crm.notes (author, body) SELECT 'bob', 'forged-via-set-config'"
                        + " FROM (SELECT set_config('mcp.principal', 'bob', true)) s"
                        + " RETURNING set_config('mcp.principal', 'alice', true)"));
        String answer = McpCalls.error(call(alice(), "execute", forged));
        assertTrue(answer.contains("set_config is not allowed"), answer);
        assertEquals(0, EmbeddedPostgresFixture.countIn("identity",
                "SELECT count(*) FROM crm.notes WHERE author = 'bob' AND body = 'forged-via-set-config'"), answer);
    }

    /**
     * The engine layer alone, with the guard out of the way: the mapped role cannot run set_config() at all, so the
     * switch-and-restore statement fails in the database.
     */
    @Test
    void theDatabaseRefusesTheSwitchEvenPastTheGuard() {
        Exception refused = assertThrows(Exception.class, () -> sessions.read(new CallerIdentity("alice",
                "north_analyst"), c -> Blocking.await(c.query("SELECT (SELECT 1 ORDER BY set_config('role',"
                        + " 'south_analyst', true)), (SELECT string_agg(name, ',') FROM crm.accounts),"
                        + " (SELECT 1 ORDER BY set_config('role', 'north_analyst', true))").execute())));
        assertTrue(refused.getMessage().contains("permission denied for function set_config"), refused.getMessage());
    }

    /** When SET LOCAL ROLE fails (membership revoked after start), nothing runs as the login role. */
    @Test
    void aFailedRoleSwitchRunsNothing() {
        EmbeddedPostgresFixture.executeIn("identity", "REVOKE north_analyst FROM mcp_login");
        try {
            String answer = attempt("query", Map.of("sql", "SELECT current_user::text AS who"));
            assertFalse(answer.contains("mcp_login"), answer);
            assertTrue(answer.contains("isError=true"), answer);
        } finally {
            EmbeddedPostgresFixture.executeIn("identity", "GRANT north_analyst TO mcp_login");
        }
    }

    /** A session-level switch attempted inside a read does not outlive the call. */
    @Test
    void aSessionLevelSwitchDoesNotOutliveTheCall() {
        for (int i = 0; i < 12; i++) {
            attempt("query", Map.of("sql", "SELECT current_user::text, (SELECT 1 ORDER BY set_config('role', 'none', false)),"
                    + " (SELECT 1 ORDER BY set_config('mcp.principal', 'bob', false))"));
        }
        for (int i = 0; i < 12; i++) {
            String answer = attempt("query", Map.of("sql", "SELECT current_user::text || '/' || current_setting('mcp.principal')"));
            assertTrue(answer.contains("north_analyst/alice"), answer);
        }
    }
}
