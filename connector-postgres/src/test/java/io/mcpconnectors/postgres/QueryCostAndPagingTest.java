package io.mcpconnectors.postgres;

import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpClientTest;
import io.mcpconnectors.common.test.SchemaCheckedCalls;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The planner's estimates refuse a query before it runs when an admin set a limit, and a result cut by a cap carries
 * a cursor that continues it exactly, call after call, with no connection held in between.
 */
@QuarkusTest
@TestProfile(QueryCostAndPagingTest.Limits.class)
@WithTestResource(EmbeddedPostgresFixture.class)
class QueryCostAndPagingTest extends McpClientTest {

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.limits.max-items", "100", "connector.postgres.max-plan-rows", "4000",
                    "connector.postgres.max-plan-cost", "100000");
        }
    }

    static final String PAGED = "SELECT n, label FROM shop.numbers WHERE n <= $1 ORDER BY n";

    @Test
    void refusesAQueryEstimatedToReturnTooManyRowsNamingTheEstimateAndTheSetting() {
        String message = error(SchemaCheckedCalls.call(client, "query", Map.of("sql", "SELECT * FROM shop.numbers")));
        assertTrue(message.startsWith("Refused before running: PostgreSQL estimates this query returns about 5000"
                + " rows, above connector.postgres.max-plan-rows (4000)."), message);
    }

    @Test
    void refusesAQueryEstimatedToCostTooMuchNamingTheEstimateAndTheSetting() {
        String message = error(SchemaCheckedCalls.call(client, "query",
                Map.of("sql", "SELECT count(*) FROM shop.numbers a, shop.numbers b WHERE a.label < b.label")));
        assertTrue(message.contains(", above connector.postgres.max-plan-cost (100000)."), message);
        String prefix = "Refused before running: PostgreSQL estimates this query costs ";
        double estimate = Double.parseDouble(message.substring(prefix.length(), message.indexOf(", above")));
        assertTrue(message.startsWith(prefix), message);
        assertTrue(estimate > 100000, message);
    }

    @Test
    void runsAQueryWithinTheEstimates() {
        JsonObject result = ok(SchemaCheckedCalls.call(client, "query",
                Map.of("sql", "SELECT count(*) AS n FROM shop.numbers")));
        assertEquals(5000, result.getJsonArray("rows").getJsonArray(0).getInteger(0));
    }

    @Test
    void continuesACutResultExactlyWhereItStopped() {
        List<Integer> seen = new ArrayList<>();
        Map<String, Object> args = new LinkedHashMap<>(Map.of("sql", PAGED, "params", List.of(250)));
        int pages = 0;
        String cursor;
        do {
            JsonObject page = ok(SchemaCheckedCalls.call(client, "query", args));
            pages++;
            page.getJsonArray("rows").stream().map(JsonArray.class::cast).forEach(row -> seen.add(row.getInteger(0)));
            cursor = page.getString("next_cursor");
            assertEquals(cursor != null, page.getBoolean("truncated"), page.encode());
            // No connection or transaction is kept for the next page.
            assertEquals(0, EmbeddedPostgresFixture.count("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE state LIKE 'idle in transaction%'"));
            args.put("cursor", cursor);
        } while (cursor != null);
        assertEquals(3, pages);
        List<Integer> expected = new ArrayList<>();
        for (int n = 1; n <= 250; n++) {
            expected.add(n);
        }
        assertEquals(expected, seen);
    }

    @Test
    void refusesACursorWithAnotherStatementOrOtherParameters() {
        String cursor = ok(SchemaCheckedCalls.call(client, "query", Map.of("sql", PAGED, "params", List.of(250))))
                .getString("next_cursor");
        String otherSql = error(SchemaCheckedCalls.call(client, "query",
                Map.of("sql", "SELECT * FROM shop.t", "cursor", cursor)));
        assertTrue(otherSql.startsWith("The cursor does not belong to this call"), otherSql);
        String otherParams = error(SchemaCheckedCalls.call(client, "query",
                Map.of("sql", PAGED, "params", List.of(300), "cursor", cursor)));
        assertTrue(otherParams.startsWith("The cursor does not belong to this call"), otherParams);
        String garbage = error(SchemaCheckedCalls.call(client, "query",
                Map.of("sql", PAGED, "params", List.of(250), "cursor", cursor.substring(1))));
        assertTrue(garbage.startsWith("The cursor does not belong to this call"), garbage);
    }

    @Test
    void showsRowsAsATableAndSaysHowToContinue() {
        ToolResponse response = SchemaCheckedCalls.call(client, "query", Map.of("sql", PAGED, "params", List.of(150)));
        String table = McpCalls.text(response);
        assertTrue(table.startsWith("| n | label |\n|---|---|\n| 1 | row 1 |\n"), table);
        assertTrue(table.endsWith("| 100 | row 100 |\n(100 rows)"), table);
        String note = ((TextContent) response.content().get(1)).text();
        String cursor = ((JsonObject) response.structuredContent()).getString("next_cursor");
        assertTrue(note.contains("connector.limits.max-items") && note.contains("\"cursor\": \"" + cursor + "\""),
                note);
    }

    @Test
    void aCompleteResultHasNoCursor() {
        JsonObject result = ok(SchemaCheckedCalls.call(client, "query", Map.of("sql", PAGED, "params", List.of(100))));
        assertEquals(100, result.getInteger("row_count"));
        assertFalse(result.getBoolean("truncated"));
        assertNull(result.getString("next_cursor"));
    }
}
