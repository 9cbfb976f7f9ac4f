package io.mcpconnectors.postgres;

import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.mcpconnectors.common.test.SchemaCheckedCalls;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What the connector promises, against a real PostgreSQL server of one major version: the read-only guard and the
 * READ ONLY transaction behind it, the plan cost guard, paging and PostgreSQL's own type names. Each version's class
 * runs it against its own container.
 */
abstract class RealPostgresBehaviour extends McpClientTest {

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.limits.max-items", "100", "connector.postgres.max-plan-rows", "4000");
        }
    }

    @Test
    void writesAreRefusedByTheGuardAndByTheReadOnlyTransaction() {
        for (String write : List.of("DELETE FROM shop.t",
                "WITH gone AS (DELETE FROM shop.t RETURNING *) SELECT * FROM gone", "SELECT * FROM shop.t FOR UPDATE",
                "COMMIT; DROP TABLE shop.t", "SELECT set_config('default_transaction_read_only', 'off', false)",
                "SELECT pg_read_file('/etc/passwd')", "SELECT nextval('shop.customers_id_seq')")) {
            String refused = error(SchemaCheckedCalls.call(client, "query", Map.of("sql", write)));
            assertTrue(refused.startsWith("Refused") || refused.startsWith("PostgreSQL refused"),
                    write + ": " + refused);
        }
        assertEquals(3, ok(SchemaCheckedCalls.call(client, "query",
                Map.of("sql", "SELECT count(*) AS n FROM shop.t"))).getJsonArray("rows").getJsonArray(0).getInteger(0));
    }

    @Test
    void thePlanCostGuardRefusesBeforeRunning() {
        String message = error(SchemaCheckedCalls.call(client, "query", Map.of("sql", "SELECT * FROM shop.numbers")));
        assertTrue(message.startsWith("Refused before running: PostgreSQL estimates this query returns about 5000"
                + " rows, above connector.postgres.max-plan-rows (4000)."), message);
    }

    @Test
    void pagesContinueExactlyWhereTheyStopped() {
        Map<String, Object> args = new LinkedHashMap<>(Map.of("sql",
                "SELECT n FROM shop.numbers WHERE n <= $1 ORDER BY n", "params", List.of(250)));
        List<Integer> seen = new ArrayList<>();
        String cursor;
        do {
            JsonObject page = ok(SchemaCheckedCalls.call(client, "query", args));
            page.getJsonArray("rows").forEach(row -> seen.add(((JsonArray) row).getInteger(0)));
            cursor = page.getString("next_cursor");
            args.put("cursor", cursor);
        } while (cursor != null && seen.size() < 1000);
        assertEquals(java.util.stream.IntStream.rangeClosed(1, 250).boxed().toList(), seen);
    }

    @Test
    void typesHavePostgresqlsOwnNames() {
        JsonObject result = ok(SchemaCheckedCalls.call(client, "query", Map.of("sql",
                "SELECT total, status, 'paid'::shop.order_status AS e, ROW('Main St', 'Oslo')::shop.address AS a,"
                        + " 5::shop.amount AS d, ARRAY['new']::shop.order_status[] AS ea, 1.5::numeric(5,1) AS n"
                        + " FROM shop.orders LIMIT 1")));
        List<String> types = result.getJsonArray("columns").stream().map(c -> ((JsonObject) c).getString("type"))
                .toList();
        assertEquals(List.of("numeric(12,2)", "shop.order_status", "shop.order_status", "shop.address", "shop.amount",
                "shop.order_status[]", "numeric(5,1)"), types);
    }
}
