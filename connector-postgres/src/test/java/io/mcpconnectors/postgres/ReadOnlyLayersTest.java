package io.mcpconnectors.postgres;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.pgclient.PgException;

/**
 * The known bypasses of other servers fail here, and each layer holds on its own: the parser refuses them, and the
 * read-only transaction refuses a write even when handed one directly. Run as a superuser-free role with a short
 * timeout and a small pool.
 */
@QuarkusTest
@TestProfile(ReadOnlyLayersTest.ShortTimeout.class)
@WithTestResource(EmbeddedPostgresFixture.class)
class ReadOnlyLayersTest extends McpClientTest {

    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.limits.timeout", "2s", "connector.postgres.pool.max-size", "2");
        }
    }

    @Inject
    PostgresSessions sessions;

    @ParameterizedTest
    @ValueSource(strings = {
            "COMMIT; DROP TABLE shop.t",
            "WITH d AS (DELETE FROM shop.t RETURNING *) SELECT * FROM d",
            "SELECT set_config('default_transaction_read_only','off',false)",
            "SELECT pg_read_file('/etc/passwd')",
            "COPY shop.t TO PROGRAM 'id'",
            "SELECT * FROM shop.t FOR UPDATE",
            "/* harmless */ SELECT 1; DELETE FROM shop.t",
            "SELECT 1; -- comment\nDROP TABLE shop.t",
            "DO $$BEGIN DELETE FROM shop.t; END$$",
            "DELETE FROM shop.t",
            "UPDATE shop.t SET v = 'x'",
            "SELECT lo_import('/etc/passwd')",
            "SELECT * FROM dblink('dbname=postgres', 'DELETE FROM shop.t') AS x(a text)",
            "SELECT pg_terminate_backend(pg_backend_pid())",
            "SET default_transaction_read_only = off",
            "BEGIN",
            "SELECT * INTO shop.copy_of_t FROM shop.t" })
    void refusesKnownBypassesAndChangesNothing(String sql) {
        String message = error(call(client, "query", Map.of("sql", sql)));
        assertTrue(message.startsWith("Refused by the read-only guard") || message.startsWith("PostgreSQL refused"),
                message);
        assertEquals(3, EmbeddedPostgresFixture.count("SELECT count(*) FROM shop.t"));
        assertEquals(1, EmbeddedPostgresFixture.count(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'shop' AND tablename = 't'"));
        assertEquals(0, EmbeddedPostgresFixture.count(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'shop' AND tablename = 'copy_of_t'"));
    }

    @Test
    void readOnlyTransactionRefusesAWriteOnItsOwn() {
        PgException refused = assertThrows(PgException.class,
                () -> sessions.read(CallerIdentity.service("test"), c -> Blocking.await(c.query("DELETE FROM shop.t").execute())));
        assertEquals("25006", refused.getSqlState(), "read-only transaction");
        assertEquals(3, EmbeddedPostgresFixture.count("SELECT count(*) FROM shop.t"));
    }

    @Test
    void extendedProtocolRefusesStackedStatementsOnItsOwn() {
        PgException refused = assertThrows(PgException.class,
                () -> sessions.read(CallerIdentity.service("test"), c -> Blocking.await(c.preparedQuery("SELECT 1; DELETE FROM shop.t").execute())));
        assertEquals("42601", refused.getSqlState(), "cannot insert multiple commands into a prepared statement");
        assertEquals(3, EmbeddedPostgresFixture.count("SELECT count(*) FROM shop.t"));
    }

    @Test
    void hidesStatementsInDollarQuotesAndCommentsOnlyAsData() {
        assertEquals("COMMIT; DROP TABLE shop.t", ok(call(client, "query",
                Map.of("sql", "SELECT $$COMMIT; DROP TABLE shop.t$$ AS text"))).getJsonArray("rows").getJsonArray(0)
                .getString(0));
        assertEquals("x", ok(call(client, "query", Map.of("sql", "SELECT 'x' -- ; DROP TABLE shop.t")))
                .getJsonArray("rows").getJsonArray(0).getString(0));
        // Tagged dollar quotes are read as PostgreSQL reads them: the statement inside is text, returned as data.
        assertEquals("COMMIT; DROP TABLE shop.t", ok(call(client, "query",
                Map.of("sql", "SELECT $q$COMMIT; DROP TABLE shop.t$q$"))).getJsonArray("rows").getJsonArray(0)
                .getString(0));
        assertEquals(3, EmbeddedPostgresFixture.count("SELECT count(*) FROM shop.t"));
    }

    @Test
    void cancelsAnOverrunningQueryOnTheServer() throws Exception {
        String message = error(call(client, "query", Map.of("sql", "SELECT pg_sleep(30)")));
        assertTrue(message.contains("connector.limits.timeout"), message);
        long running = 1;
        for (int i = 0; i < 50 && running > 0; i++) {
            running = EmbeddedPostgresFixture.count(
                    "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%' AND state = 'active'");
            Thread.sleep(100);
        }
        assertEquals(0, running, "the server cancelled the statement");
    }

    @Test
    void theServerSideTimeoutIsTheConnectionsOwnAndComesBackAfterACallChangedIt() throws Exception {
        // The pool has two connections: each is made to drop its timeout for the session, then handed back.
        for (int i = 0; i < 2; i++) {
            sessions.read(CallerIdentity.service("test"), c -> Blocking.await(c.query("SET statement_timeout = 0")
                    .execute()));
        }
        for (int i = 0; i < 4; i++) {
            assertEquals("2s", ok(call(client, "query", Map.of("sql", "SELECT current_setting('statement_timeout')")))
                    .getJsonArray("rows").getJsonArray(0).getString(0));
        }
    }

    @Test
    void resetsSessionStateBeforeAConnectionIsReused() throws Exception {
        for (int i = 0; i < 4; i++) {
            sessions.read(CallerIdentity.service("test"), c -> Blocking.await(c.query("SET search_path = leaked").execute()));
        }
        for (int i = 0; i < 4; i++) {
            String searchPath = ok(call(client, "query", Map.of("sql", "SELECT current_setting('search_path')")))
                    .getJsonArray("rows").getJsonArray(0).getString(0);
            assertFalse(searchPath.contains("leaked"), searchPath);
        }
    }

    @Test
    void releasesSessionLocksAndListenersBeforeAConnectionIsReused() throws Exception {
        for (int i = 0; i < 4; i++) {
            sessions.read(CallerIdentity.service("test"), c -> Blocking.await(c.query("SELECT pg_advisory_lock(4242)").execute()));
        }
        Thread.sleep(500);
        assertEquals(0, EmbeddedPostgresFixture.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
    }

    @Test
    void keepsServingAfterErrors() {
        for (int i = 0; i < 6; i++) {
            error(call(client, "query", Map.of("sql", "SELECT 1/0")));
            error(call(client, "query", Map.of("sql", "DELETE FROM shop.t")));
        }
        for (int i = 0; i < 6; i++) {
            assertEquals(3, ok(call(client, "query", Map.of("sql", "SELECT count(*) FROM shop.t")))
                    .getJsonArray("rows").getJsonArray(0).getInteger(0));
        }
    }
}
