package io.mcpconnectors.postgres;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static io.mcpconnectors.common.test.McpCalls.tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkiverse.mcp.server.test.McpAssured.ToolInfo;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/** The write tools, enabled by an admin with approval explicitly off, as a role allowed to change the shop data. */
@QuarkusTest
@TestProfile(WriteToolsTest.WritesEnabled.class)
@WithTestResource(value = EmbeddedPostgresFixture.class, initArgs = @ResourceArg(name = "role", value = "writer"))
class WriteToolsTest extends McpClientTest {

    public static class WritesEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.access.writes", "enabled", "connector.approval.mode", "none");
        }
    }

    @Test
    void classifiesExecuteAsWriteAndDdlAsAdmin() {
        List<ToolInfo> all = tools(client);
        ToolInfo execute = all.stream().filter(t -> t.name().equals("execute")).findFirst().orElseThrow();
        ToolInfo ddl = all.stream().filter(t -> t.name().equals("execute_ddl")).findFirst().orElseThrow();
        assertFalse(execute.annotations().orElseThrow().readOnlyHint());
        assertTrue(ddl.annotations().orElseThrow().destructiveHint());
    }

    @Test
    void insertsAndReportsAffectedRows() {
        JsonObject result = ok(call(client, "execute", Map.of("sql",
                "INSERT INTO shop.customers (name, email) VALUES ($1, $2)", "params", List.of("Linus", "linus@example.com"))));
        assertEquals(1, result.getInteger("affected_rows"));
        assertEquals("INSERT", result.getString("statement"));
        assertEquals(1, EmbeddedPostgresFixture.count("SELECT count(*) FROM shop.customers WHERE name = 'Linus'"));
    }

    @Test
    void aFailedWriteRollsBackCompletely() {
        long before = EmbeddedPostgresFixture.count("SELECT count(*) FROM shop.orders");
        String message = error(call(client, "execute", Map.of("sql",
                "INSERT INTO shop.orders (customer_id, total, placed_on) VALUES (1, 10, '2026-01-01'), (1, -5, '2026-01-01')")));
        assertTrue(message.contains("23514"), message);
        assertEquals(before, EmbeddedPostgresFixture.count("SELECT count(*) FROM shop.orders"));
    }

    @Test
    void routesEachStatementClassToItsOwnTool() {
        assertTrue(error(call(client, "execute", Map.of("sql", "DROP TABLE shop.t"))).contains("use execute_ddl"));
        assertTrue(error(call(client, "execute_ddl", Map.of("sql", "DELETE FROM shop.t"))).contains("use execute"));
        assertTrue(error(call(client, "execute", Map.of("sql", "SELECT 1"))).contains("queries go to the query tool"));
        assertTrue(error(call(client, "execute", Map.of("sql", "DELETE FROM shop.t; DROP TABLE shop.t")))
                .contains("exactly one statement"));
        assertTrue(error(call(client, "execute", Map.of("sql", "COMMIT"))).contains("cannot run through the connector"));
        assertEquals(3, EmbeddedPostgresFixture.count("SELECT count(*) FROM shop.t"));
    }

    @Test
    void runsDdl() {
        ok(call(client, "execute_ddl", Map.of("sql", "CREATE TABLE shop.notes (id int PRIMARY KEY, body text)")));
        assertEquals(1, EmbeddedPostgresFixture.count(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'shop' AND tablename = 'notes'"));
    }

    @Test
    void queriesStayReadOnlyWhenWritesAreEnabled() {
        assertTrue(error(call(client, "query", Map.of("sql", "DELETE FROM shop.t"))).startsWith("Refused"));
        assertEquals(3, EmbeddedPostgresFixture.count("SELECT count(*) FROM shop.t"));
    }
}
