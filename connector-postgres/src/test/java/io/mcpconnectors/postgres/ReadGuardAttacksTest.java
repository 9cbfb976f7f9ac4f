package io.mcpconnectors.postgres;

import static io.mcpconnectors.common.test.McpCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpClientTest;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Attempts to call a refused function (here pg_terminate_backend, which the connector's own role may run against its
 * other sessions) past the query guard's lexer, through query and through explain with analyze. Each is either refused
 * or reads the name as text, and the victim session survives. PID stands for the victim's process id.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresFixture.class)
class ReadGuardAttacksTest extends McpClientTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT pg_terminate_backend/**/(PID)",
            "SELECT pg_terminate_backend -- c\n(PID)",
            "SELECT \"pg_terminate_backend\"(PID)",
            "SELECT pg_catalog . \"PG_TERMINATE_BACKEND\" (PID)",
            "SELECT U&\"pg_terminate_backend\"(PID)",
            "SELECT U&\"\\0070g_terminate_backend\"(PID)",
            "SELECT pg_terminate_backend\u000B(PID)",
            "SELECT E'\\'', pg_terminate_backend(PID) --'",
            "SELECT E'\\\\'', pg_terminate_backend(PID) --'",
            "SELECT '\\', pg_terminate_backend(PID) --'",
            "SELECT $a$ $b$ $a$, pg_terminate_backend(PID)",
            "SELECT $a$ $$ $a$ AS x, pg_terminate_backend(PID)",
            "SELECT /* /* */ pg_terminate_backend(PID) */ 1",
            "SELECT /* /* */ */ pg_terminate_backend(PID)",
            "SELECT 1 /*/ pg_terminate_backend(PID) */",
            "SELECT X'1F'' , pg_terminate_backend(PID) , '",
            "SELECT B'1'' , pg_terminate_backend(PID) , '",
            "SELECT N'a'' , pg_terminate_backend(PID) , '",
            "SELECT U&'a'' , pg_terminate_backend(PID) , '",
            "SELECT 1e5pg_terminate_backend(PID)",
            "SELECT 0xpg_terminate_backend(PID)",
            "SELECT $1pg_terminate_backend(PID)",
            "SELECT |/pg_terminate_backend(PID)::int",
            "SELECT @pg_terminate_backend(PID)::int",
            "SELECT '{}'::jsonb ?pg_terminate_backend(PID)::text",
            "SELECT x.pg_terminate_backend FROM (SELECT PID AS p) x",
            "SELECT (ROW(PID)).pg_terminate_backend",
            "SELECT * FROM ROWS FROM (pg_terminate_backend(PID))",
            "SELECT 1; SELECT pg_terminate_backend(PID)",
            "SELECT 1 \\; SELECT pg_terminate_backend(PID)",
            "SELECT 1 ORDER BY pg_terminate_backend(PID)",
            "SELECT string_agg(word, ',') FROM ts_stat('SELECT to_tsvector(pg_terminate_backend(PID)::text)')",
            "SELECT query_to_xml('SELECT pg_terminate_backend(PID)', true, true, '')" })
    void aRefusedFunctionIsNotReachedThroughTheLexer(String template) throws Exception {
        try (Connection victim = DriverManager.getConnection("jdbc:postgresql://localhost:"
                + EmbeddedPostgresFixture.server().getPort() + "/postgres", "analyst",
                EmbeddedPostgresFixture.ANALYST_PASSWORD)) {
            String sql = template.replace("PID", String.valueOf(pid(victim)));
            ToolResponse query = call(client, "query", Map.of("sql", sql));
            ToolResponse explain = call(client, "explain", Map.of("sql", sql, "analyze", true));
            assertTrue(victim.isValid(5), sql + " terminated the victim: " + query + " / " + explain);
            for (ToolResponse answer : new ToolResponse[] { query, explain }) {
                if (answer.isError()) {
                    String message = McpCalls.text(answer);
                    assertTrue(message.startsWith("Refused by the read-only guard")
                            || message.startsWith("PostgreSQL refused"), message);
                }
            }
        }
        assertEquals(3, EmbeddedPostgresFixture.count("SELECT count(*) FROM shop.t"));
    }

    /** What survives a call: nothing a query may start is left on the pooled connections afterwards. */
    @ParameterizedTest
    @ValueSource(strings = {
            "DECLARE c CURSOR WITH HOLD FOR SELECT 1",
            "PREPARE p AS SELECT 1",
            "LISTEN channel_from_query",
            "SELECT pg_advisory_lock(4242)",
            "SELECT * INTO TEMP tmp_from_query FROM shop.t",
            "CREATE TEMP TABLE tmp_from_query (x int)",
            "SET work_mem = '1234kB'",
            "SET SESSION AUTHORIZATION writer",
            "RESET ROLE",
            "CALL some_procedure()",
            "DO $$BEGIN PERFORM 1; END$$",
            "COPY shop.t TO STDOUT",
            "EXPLAIN ANALYZE DELETE FROM shop.t",
            "WITH x AS (SELECT 1) DELETE FROM shop.t",
            "SELECT 1 FOR /* c */ UPDATE",
            "SELECT nextval('shop.orders_id_seq')" })
    void nothingOutlivesTheCall(String sql) {
        for (int i = 0; i < 3; i++) {
            String message = McpCalls.text(call(client, "query", Map.of("sql", sql)));
            assertFalse(message.startsWith("|"), sql + " ran: " + message);
        }
        for (int i = 0; i < 3; i++) {
            String after = McpCalls.text(call(client, "query", Map.of("sql", "SELECT current_setting('work_mem')"
                    + " || '/' || session_user || '/' || (SELECT count(*) FROM pg_prepared_statements WHERE name = 'p')"
                    + " || '/' || (SELECT count(*) FROM pg_cursors WHERE name = 'c') || '/' || (SELECT count(*) FROM pg_listening_channels())"
                    + " || '/' || (SELECT count(*) FROM pg_class WHERE relname = 'tmp_from_query') AS state")));
            assertFalse(after.contains("1234kB"), after);
            assertTrue(after.contains("/analyst/0/0/0/0"), after);
        }
        assertEquals(0, EmbeddedPostgresFixture.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
        assertEquals(3, EmbeddedPostgresFixture.count("SELECT count(*) FROM shop.t"));
    }

    private static int pid(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
