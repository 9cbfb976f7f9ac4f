package io.mcpconnectors.postgres;

import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.mcpconnectors.common.test.SchemaCheckedCalls;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One type vocabulary: query, sample_rows and describe_table name a column's type as PostgreSQL's format_type does,
 * with its modifiers, array and schema-qualified user types included.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresFixture.class)
class TypeNamesTest extends McpClientTest {

    @Test
    void queryAndSampleRowsNameTypesAsDescribeTableDoes() {
        Map<String, String> described = new LinkedHashMap<>();
        JsonArray columns = ok(SchemaCheckedCalls.call(client, "describe_table",
                Map.of("schema", "shop", "table", "orders"))).getJsonArray("columns");
        columns.stream().map(JsonObject.class::cast).forEach(c -> described.put(c.getString("name"),
                c.getString("type")));
        assertEquals(Map.of("id", "bigint", "customer_id", "integer", "total", "numeric(12,2)", "status",
                "shop.order_status", "placed_on", "date"), described);

        assertEquals(described, types(ok(SchemaCheckedCalls.call(client, "query",
                Map.of("sql", "SELECT * FROM shop.orders")))));
        assertEquals(described, types(ok(SchemaCheckedCalls.call(client, "sample_rows",
                Map.of("schema", "shop", "table", "orders", "n", 1)))));
    }

    @Test
    void namesComputedColumnsWithTheirModifiers() {
        Map<String, String> types = types(ok(SchemaCheckedCalls.call(client, "query", Map.of("sql",
                "SELECT 1.5::numeric(5,1) AS n, now() AS at, 'x'::varchar(10) AS v, ARRAY[1, 2] AS a,"
                        + " localtimestamp(3) AS lt, 1::bigint AS b, true AS f,"
                        + " '{}'::jsonb AS j, 'x'::text AS t, 'x'::char(3) AS c"))));
        assertEquals(List.of("numeric(5,1)", "timestamp with time zone", "character varying(10)", "integer[]",
                "timestamp(3) without time zone", "bigint", "boolean", "jsonb", "text",
                "character(3)"), List.copyOf(types.values()));
    }

    @Test
    void namesComputedColumnsOfEnumCompositeDomainAndArrayTypes() {
        Map<String, String> types = types(ok(SchemaCheckedCalls.call(client, "query", Map.of("sql",
                "SELECT 'paid'::shop.order_status AS e, ROW('Main St', 'Oslo')::shop.address AS a,"
                        + " 5::shop.amount AS d, 'AB'::shop.code AS c, ARRAY['new', 'paid']::shop.order_status[] AS ea,"
                        + " ARRAY[ROW('x', 'y')::shop.address] AS aa, 1.5::numeric(5,1) AS n, 1 AS i"))));
        assertEquals(List.of("shop.order_status", "shop.address", "shop.amount", "shop.code", "shop.order_status[]",
                "shop.address[]", "numeric(5,1)", "integer"), List.copyOf(types.values()));
    }

    @Test
    void namesTableColumnsOfDomainCompositeAndEnumArrayTypesAsDescribeTableDoes() {
        Map<String, String> described = new LinkedHashMap<>();
        ok(SchemaCheckedCalls.call(client, "describe_table", Map.of("schema", "shop", "table", "parcels")))
                .getJsonArray("columns").stream().map(JsonObject.class::cast)
                .forEach(c -> described.put(c.getString("name"), c.getString("type")));
        assertEquals(List.of("integer", "shop.amount", "shop.code", "shop.address", "shop.order_status[]",
                "numeric(12,2)"), List.copyOf(described.values()));
        assertEquals(described, types(ok(SchemaCheckedCalls.call(client, "query",
                Map.of("sql", "SELECT * FROM shop.parcels")))));
        assertEquals(described, types(ok(SchemaCheckedCalls.call(client, "sample_rows",
                Map.of("schema", "shop", "table", "parcels", "n", 1)))));
        // Computed from those columns, with a parameter and a trailing comment: named by the server.
        JsonObject page = ok(SchemaCheckedCalls.call(client, "query", Map.of("sql",
                "SELECT weight, (weight + $1)::shop.amount AS heavier, sent_to, history[1] AS first_status,"
                        + " total + 0 AS plain FROM shop.parcels, generate_series(1, 3) -- trailing comment",
                "params", List.of(1))));
        assertEquals(List.of("shop.amount", "shop.amount", "shop.address", "shop.order_status", "numeric"),
                List.copyOf(types(page).values()));
    }

    @Test
    void aStatementThatCannotBeProbedStillAnswersAndLeavesTheTransactionUsable() {
        // shop.document is a domain over json, so a json column may be one: EXPLAIN's json output is probed, which
        // fails (EXPLAIN is no subquery) behind a savepoint; the plan is returned all the same, and the transaction
        // goes on.
        JsonObject plan = ok(SchemaCheckedCalls.call(client, "explain", Map.of("sql", "SELECT * FROM shop.t")));
        assertTrue(plan.encode().contains("Seq Scan"), plan.encode());
        assertEquals(List.of("text", "shop.note"), List.copyOf(types(ok(SchemaCheckedCalls.call(client, "query",
                Map.of("sql", "SELECT 'x'::text AS t, 'y'::shop.note AS n")))).values()));
    }

    @Test
    void namesTheTypesOfEveryColumnOfAWideTable() {
        Map<String, String> types = types(ok(SchemaCheckedCalls.call(client, "query",
                Map.of("sql", "SELECT big, num, r, d, ts, tstz, tm, b, arr, tarr, u, iv, ip, e, rng, m"
                        + " FROM shop.types"))));
        assertEquals(List.of("bigint", "numeric", "real", "double precision", "timestamp without time zone",
                "timestamp with time zone", "time without time zone", "bytea", "integer[]", "text[]", "uuid",
                "interval", "inet", "shop.order_status", "int4range", "money"), List.copyOf(types.values()));
    }

    private static Map<String, String> types(JsonObject result) {
        Map<String, String> types = new LinkedHashMap<>();
        result.getJsonArray("columns").stream().map(JsonObject.class::cast)
                .forEach(c -> types.put(c.getString("name"), c.getString("type")));
        return types;
    }
}
