package io.mcpconnectors.postgres;

import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.test.McpClientTest;
import io.mcpconnectors.common.test.SchemaCheckedCalls;
import io.mcpconnectors.postgres.tools.QueryTool;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Both directions of the read-only model, over corpora of statements: every valid read (TPC-H's 22 queries and common
 * PostgreSQL idioms, each first shown valid by PostgreSQL itself in BEGIN READ ONLY) is accepted by the guard, runs
 * through the query tool with output that fits its schema, and can be continued from an offset; every known bypass
 * and every statement that is not a query is refused, and nothing changes.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresFixture.class, initArgs = @ResourceArg(name = "database", value = "tpch"))
class QueryCorpusTest extends McpClientTest {

    @Inject
    ReadOnlySqlGuard guard;

    static List<Arguments> validReads() {
        return Corpus.entries("corpus/valid-reads.sql");
    }

    static List<Arguments> refusedStatements() {
        return Corpus.entries("corpus/refused-statements.sql");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validReads")
    void runsEveryValidRead(String name, String sql) {
        // The corpus is valid: PostgreSQL runs the statement as a read.
        EmbeddedPostgresFixture.readOnlyIn("tpch", sql);
        String checked = guard.checkQuery(sql);
        // Every read can be continued from a position: the page wrapper takes it as it is.
        EmbeddedPostgresFixture.readOnlyIn("tpch", QueryTool.continuing(checked, 1));
        ok(SchemaCheckedCalls.call(client, "query", Map.of("sql", sql)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedStatements")
    void refusesEveryBypassAndChangesNothing(String name, String sql) {
        ToolCallException refused = assertThrows(ToolCallException.class, () -> guard.checkQuery(sql));
        assertTrue(refused.getMessage().startsWith("Refused by the read-only guard: "), refused.getMessage());
        String message = error(SchemaCheckedCalls.call(client, "query", Map.of("sql", sql)));
        assertEquals(refused.getMessage(), message);
        assertEquals(9, EmbeddedPostgresFixture.countIn("tpch", "SELECT count(*) FROM nation"));
        assertEquals(5, EmbeddedPostgresFixture.countIn("tpch", "SELECT count(*) FROM region WHERE r_comment <> 'x'"));
        assertEquals(0, EmbeddedPostgresFixture.countIn("tpch",
                "SELECT count(*) FROM pg_class WHERE relname IN ('nation_copy', 'nation_temp')"));
        assertEquals(0, EmbeddedPostgresFixture.countIn("tpch", "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
    }
}
