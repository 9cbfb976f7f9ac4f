package io.mcpconnectors.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.mcpconnectors.common.spi.ToolCallException;
import io.vertx.core.Vertx;

/** The parser layer on its own: which statements pass and which are refused, and why. */
class ReadOnlySqlGuardTest {

    final ReadOnlySqlGuard guard = new ReadOnlySqlGuard();

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1",
            "select * from orders where id = $1;",
            "WITH t AS (SELECT 1 AS x) SELECT x FROM t",
            "SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id ORDER BY 1 LIMIT 10",
            "SELECT count(*) FILTER (WHERE total > 10) FROM orders",
            "SELECT '{\"a\":1}'::jsonb -> 'a'",
            "SELECT $$COMMIT; DROP TABLE t$$ AS text",
            "SELECT 1 -- ; DROP TABLE t",
            "SELECT pg_sleep(0.01)",
            "VALUES (1), (2)",
            "SELECT * FROM (SELECT 1) s UNION ALL SELECT 2" })
    void allowsPlainQueries(String sql) {
        guard.checkQuery(sql);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "COMMIT; DROP TABLE t | exactly one statement",
            "SELECT 1; DELETE FROM t | exactly one statement",
            "DELETE FROM t | only a query",
            "DROP TABLE t | only a query",
            "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d | changes data",
            "SELECT set_config('default_transaction_read_only','off',false) | set_config",
            "SELECT pg_read_file('/etc/passwd') | pg_read_file",
            "SELECT * FROM pg_ls_dir('.') | pg_ls_dir",
            "SELECT lo_import('/etc/passwd') | lo_import",
            "SELECT * FROM dblink('host=evil', 'select 1') AS t(x int) | dblink",
            "SELECT pg_terminate_backend(123) | pg_terminate_backend",
            "SELECT pg_advisory_lock(1) | pg_advisory_lock",
            "SELECT * FROM t FOR UPDATE | row locks",
            "SELECT * FROM t FOR SHARE | row locks",
            "SELECT * INTO newtable FROM t | INTO",
            "SELECT (SELECT pg_read_file('/etc/passwd')) | pg_read_file",
            "SELECT * FROM t WHERE id IN (SELECT pg_cancel_backend(1)) | pg_cancel_backend",
            "SET default_transaction_read_only = off | only a query",
            "BEGIN | ",
            "COPY t TO PROGRAM 'id' | ",
            "'' | empty" })
    void refusesWhatIsNotAPlainQuery(String sql, String reason) {
        ToolCallException e = assertThrows(ToolCallException.class, () -> guard.checkQuery(sql));
        assertTrue(e.getMessage().startsWith("Refused by the read-only guard: "), e.getMessage());
        if (reason != null) {
            assertTrue(e.getMessage().contains(reason.strip()), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "SELECT 1;", "SELECT 1 ;  ", "SELECT 1" })
    void stripsTrailingSemicolons(String sql) {
        assertEquals("SELECT 1", guard.checkQuery(sql));
    }

    @Test
    void aRememberedVerdictIsTheSameVerdict() throws Exception {
        String refused = "SELECT pg_read_file('/etc/passwd')";
        String first = assertThrows(ToolCallException.class, () -> guard.checkQuery(refused)).getMessage();
        String again = assertThrows(ToolCallException.class, () -> guard.checkQuery(refused)).getMessage();
        assertEquals(first, again);
        assertEquals("SELECT 1", guard.checkQuery("SELECT 1;"));
        assertEquals("SELECT 1", guard.checkQuery("SELECT 1;"));

        Vertx vertx = Vertx.vertx();
        try {
            // Unknown statements are parsed off the calling thread; known ones answer at once. Same verdicts.
            String fresh = "SELECT 2 FROM pg_class";
            assertEquals(fresh, guard.checkQuery(vertx, fresh).toCompletionStage().toCompletableFuture().get());
            assertTrue(guard.checkQuery(vertx, fresh).isComplete());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> guard.checkQuery(vertx, refused).toCompletionStage().toCompletableFuture().get());
            assertEquals(first, e.getCause().getMessage());
            ExecutionException unknown = assertThrows(ExecutionException.class,
                    () -> guard.checkQuery(vertx, "SELECT lo_import('/x')").toCompletionStage().toCompletableFuture()
                            .get());
            assertTrue(unknown.getCause() instanceof ToolCallException);
            assertTrue(unknown.getCause().getMessage().contains("lo_import"), unknown.getCause().getMessage());
        } finally {
            vertx.close();
        }
    }
}
