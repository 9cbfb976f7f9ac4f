package io.mcpconnectors.postgres;

import static io.mcpconnectors.common.test.SchemaCheckedCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static io.mcpconnectors.common.test.McpCalls.toolNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Every read tool, the resources and the prompts, as the read-only analyst role. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresFixture.class)
class ReadToolsTest extends McpClientTest {

    @Test
    void listsOnlyReadToolsByDefault() {
        assertEquals(List.of("describe_table", "explain", "list_schemas", "list_tables", "query", "sample_rows"),
                toolNames(client));
    }

    @Test
    void listsSchemasTheRoleCanUse() {
        JsonArray schemas = ok(call(client, "list_schemas", Map.of())).getJsonArray("schemas");
        JsonObject shop = schemas.stream().map(JsonObject.class::cast).filter(s -> s.getString("name").equals("shop"))
                .findFirst().orElseThrow();
        assertEquals("the web shop", shop.getString("comment"));
        assertTrue(schemas.stream().map(JsonObject.class::cast).noneMatch(s -> s.getString("name").startsWith("pg_")));
    }

    @Test
    void listsTablesViewsAndMaterializedViewsWithEstimates() {
        JsonArray tables = ok(call(client, "list_tables", Map.of("schema", "shop"))).getJsonArray("tables");
        JsonObject customers = find(tables, "customers");
        assertEquals("table", customers.getString("type"));
        assertEquals("people who buy", customers.getString("comment"));
        assertEquals(2, customers.getInteger("row_estimate"));
        assertEquals("view", find(tables, "order_totals").getString("type"));
        assertEquals("materialized view", find(tables, "paid_orders").getString("type"));
        assertEquals(5000, find(tables, "numbers").getInteger("row_estimate"));
    }

    @Test
    void describesColumnsKeysConstraintsAndIndexes() {
        JsonObject orders = ok(call(client, "describe_table", Map.of("schema", "shop", "table", "orders")));
        JsonArray columns = orders.getJsonArray("columns");
        assertEquals(List.of("id", "customer_id", "total", "status", "placed_on"),
                columns.stream().map(c -> ((JsonObject) c).getString("name")).toList());
        JsonObject total = columns.getJsonObject(2);
        assertEquals("numeric(12,2)", total.getString("type"));
        assertFalse(total.getBoolean("nullable"));
        assertEquals("'new'::shop.order_status", columns.getJsonObject(3).getString("default"));
        assertEquals(List.of("id"), orders.getJsonArray("primary_key").getList());
        JsonObject fk = orders.getJsonArray("foreign_keys").getJsonObject(0);
        assertTrue(fk.getString("definition").contains("REFERENCES shop.customers(id)"), fk.encode());
        assertTrue(orders.getJsonArray("check_constraints").getJsonObject(0).getString("definition").contains("total >="));
        assertTrue(orders.getJsonArray("indexes").stream().map(JsonObject.class::cast)
                .anyMatch(i -> i.getString("name").equals("orders_customer_idx")));
        JsonObject customers = ok(call(client, "describe_table", Map.of("schema", "shop", "table", "customers")));
        assertEquals("contact address", customers.getJsonArray("columns").getJsonObject(2).getString("comment"));
    }

    @Test
    void refusesToDescribeWhatDoesNotExist() {
        assertTrue(error(call(client, "describe_table", Map.of("schema", "shop", "table", "nope")))
                .contains("use list_tables"));
    }

    @Test
    void samplesRows() {
        JsonObject result = ok(call(client, "sample_rows", Map.of("schema", "shop", "table", "numbers", "n", 3)));
        assertEquals(3, result.getInteger("row_count"));
        assertEquals(List.of("n", "label"), result.getJsonArray("columns").stream()
                .map(c -> ((JsonObject) c).getString("name")).toList());
        assertTrue(error(call(client, "sample_rows", Map.of("schema", "shop", "table", "numbers", "n", 5000)))
                .contains("'n' must be between 1 and 1000"));
        assertTrue(error(call(client, "sample_rows", Map.of("schema", "shop", "table", "x\"; DROP TABLE t; --")))
                .contains("use list_tables"));
    }

    @Test
    void runsAParameterisedQuery() {
        JsonObject result = ok(call(client, "query", Map.of("sql",
                "SELECT name, email FROM shop.customers WHERE id = $1 AND name <> $2", "params", List.of(2, "nobody"))));
        assertEquals(1, result.getInteger("row_count"));
        assertEquals(List.of("Grace", "grace@example.com"), result.getJsonArray("rows").getJsonArray(0).getList());
        assertEquals("text", result.getJsonArray("columns").getJsonObject(0).getString("type").toLowerCase());
        assertFalse(result.getBoolean("truncated"));
    }

    @Test
    void theRolesPasswordNeverComesBackInResults() {
        // The database hands the password back (a settings table would); the call's arguments do not hold it.
        String reversed = new StringBuilder(EmbeddedPostgresFixture.ANALYST_PASSWORD).reverse().toString();
        JsonObject result = ok(call(client, "query", Map.of("sql",
                "SELECT reverse($1) AS plain, upper(reverse($1)) AS shouted", "params", List.of(reversed))));
        assertEquals(List.of("[REDACTED]", "[REDACTED]"), result.getJsonArray("rows").getJsonArray(0).getList());
        assertFalse(result.encode().contains(EmbeddedPostgresFixture.ANALYST_PASSWORD), result.encode());
    }

    @Test
    void capsRowsWithAnExactTruncatedFlag() {
        JsonObject capped = ok(call(client, "query", Map.of("sql", "SELECT n FROM shop.numbers ORDER BY n")));
        assertEquals(1000, capped.getInteger("row_count"));
        assertTrue(capped.getBoolean("truncated"));
        assertEquals("connector.limits.max-items", capped.getJsonObject("limit").getString("name"));
        JsonObject exact = ok(call(client, "query", Map.of("sql", "SELECT n FROM shop.numbers WHERE n <= 1000")));
        assertEquals(1000, exact.getInteger("row_count"));
        assertFalse(exact.getBoolean("truncated"), "exactly the cap is complete");
    }

    @Test
    void capsBytes() {
        JsonObject result = ok(call(client, "query",
                Map.of("sql", "SELECT repeat('x', 10000) FROM generate_series(1, 500)")));
        assertTrue(result.getBoolean("truncated"));
        assertEquals("connector.limits.max-bytes", result.getJsonObject("limit").getString("name"));
        assertTrue(result.getInteger("row_count") < 105);
    }

    @Test
    void explainsAPlanAndAnalyzesInsideTheReadOnlyTransaction() {
        JsonObject plan = ok(call(client, "explain", Map.of("sql", "SELECT * FROM shop.orders WHERE id = $1",
                "params", List.of(1))));
        assertFalse(plan.getBoolean("analyzed"));
        assertTrue(plan.getJsonArray("plan").getJsonObject(0).containsKey("Plan"));
        JsonObject analyzed = ok(call(client, "explain", Map.of("sql", "SELECT count(*) FROM shop.numbers",
                "analyze", true)));
        assertTrue(analyzed.getJsonArray("plan").getJsonObject(0).containsKey("Execution Time"));
        assertTrue(error(call(client, "explain", Map.of("sql", "DELETE FROM shop.t", "analyze", true)))
                .startsWith("Refused by the read-only guard"));
        assertEquals(3, EmbeddedPostgresFixture.count("SELECT count(*) FROM shop.t"));
    }

    @Test
    void reportsSqlErrorsWithTheirState() {
        String message = error(call(client, "query", Map.of("sql", "SELECT nope FROM shop.customers")));
        assertTrue(message.contains("42703"), message);
        assertTrue(message.contains("describe_table"), message);
    }

    @Test
    void servesSchemaAndTableResources() {
        AtomicReference<List<String>> templates = new AtomicReference<>();
        client.when().resourcesTemplatesList(p -> templates.set(p.templates().stream().map(t -> t.uriTemplate()).sorted()
                .toList())).thenAssertResults();
        assertEquals(List.of("postgres://{schema}", "postgres://{schema}/{table}"), templates.get());
        AtomicReference<String> schema = new AtomicReference<>();
        client.when().resourcesRead("postgres://shop", r -> schema.set(r.contents().get(0).asText().text()))
                .thenAssertResults();
        assertTrue(new JsonObject(schema.get()).getJsonArray("tables").size() >= 6);
        AtomicReference<String> table = new AtomicReference<>();
        client.when().resourcesRead("postgres://shop/orders", r -> table.set(r.contents().get(0).asText().text()))
                .thenAssertResults();
        assertEquals(List.of("id"), new JsonObject(table.get()).getJsonArray("primary_key").getList());
    }

    @Test
    void offersPromptsThatUseTheResources() {
        AtomicReference<List<String>> names = new AtomicReference<>();
        client.when().promptsList(p -> names.set(p.prompts().stream().map(x -> x.name()).sorted().toList()))
                .thenAssertResults();
        assertEquals(List.of("explore_database", "write_safe_query"), names.get());
        AtomicReference<String> text = new AtomicReference<>();
        client.when().promptsGet("write_safe_query", Map.of("question", "top customers", "schema", "shop"),
                r -> text.set(r.messages().get(0).content().asText().text())).thenAssertResults();
        assertTrue(text.get().contains("top customers"));
        assertTrue(text.get().contains("postgres://shop"));
    }

    @Test
    void completesPromptArgumentsNamingOnlyWhatTheUserKnows() {
        AtomicReference<List<String>> values = new AtomicReference<>();
        AtomicReference<String> noArgument = new AtomicReference<>();
        AtomicReference<String> noPrompt = new AtomicReference<>();
        client.when()
                .promptComplete("explore_database").withArgument("schema", "sh").withAssert(r -> values.set(r.values()))
                .send()
                .promptComplete("explore_database").withArgument("table", "or")
                .withErrorAssert(e -> noArgument.set(e.code() + " " + e.message())).send()
                .promptComplete("explore").withArgument("schema", "sh")
                .withErrorAssert(e -> noPrompt.set(e.code() + " " + e.message())).send()
                .thenAssertResults();
        assertEquals(List.of(), values.get(), "an argument without suggestions completes to none, not an error");
        assertEquals("-32602 Invalid params: the prompt 'explore_database' has no argument 'table'; its arguments:"
                + " schema.", noArgument.get());
        assertEquals("-32602 Invalid params: there is no prompt named 'explore'; prompts/list names the prompts of"
                + " this server.", noPrompt.get());
        assertFalse(noArgument.get().contains("explore_database_table"), "not the MCP layer's key for it");
    }

    private static JsonObject find(JsonArray tables, String name) {
        return tables.stream().map(JsonObject.class::cast).filter(t -> t.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + tables.encode()));
    }
}
