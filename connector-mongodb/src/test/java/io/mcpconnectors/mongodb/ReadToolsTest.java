package io.mcpconnectors.mongodb;

import static io.mcpconnectors.common.test.SchemaCheckedCalls.call;
import static io.mcpconnectors.common.test.McpCalls.callExpectingInvalidArguments;
import static io.mcpconnectors.common.test.McpCalls.callExpectingProtocolError;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static io.mcpconnectors.common.test.McpCalls.toolNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Every read tool and the schema resource over real MCP, against the in-process MongoDB wire server. */
@QuarkusTest
@WithTestResource(InProcessMongoFixture.class)
class ReadToolsTest extends McpClientTest {

    static final String ADA_ID = InProcessMongoFixture.ADA.toHexString();

    @Inject
    RecordingCommandListener commands;

    @Test
    void listsOnlyReadToolsByDefault() {
        assertEquals(List.of("aggregate", "collection_indexes", "collection_schema", "count", "distinct", "explain",
                "find", "list_collections", "list_databases"), toolNames(client));
        assertEquals(-32602, callExpectingProtocolError(client, "insert_many",
                Map.of("database", "shop", "collection", "orders", "documents", List.of(Map.of("a", 1)))).code());
    }

    @Test
    void listsAllowedDatabasesOnly() {
        List<String> names = ok(call(client, "list_databases", Map.of())).getJsonArray("databases").stream()
                .map(d -> ((JsonObject) d).getString("name")).toList();
        assertTrue(names.contains("shop"), names.toString());
        assertFalse(names.contains("hr"), "denied by connector.mongodb.databases.deny");
        assertFalse(names.contains("admin"));
    }

    @Test
    void listsCollectionsWithEstimatesAndHidesDeniedOnes() {
        JsonArray collections = ok(call(client, "list_collections", Map.of("database", "shop")))
                .getJsonArray("collections");
        JsonObject orders = find(collections, "orders");
        assertEquals("collection", orders.getString("type"));
        assertEquals(50L, orders.getLong("estimated_count"));
        assertEquals(5L, find(collections, "customers").getLong("estimated_count"));
        assertTrue(collections.stream().noneMatch(c -> ((JsonObject) c).getString("name").equals("secrets")));
        assertTrue(error(call(client, "list_collections", Map.of("database", "hr"))).contains("databases.allow/deny"));
    }

    @Test
    void listsIndexes() {
        JsonArray indexes = ok(call(client, "collection_indexes", Map.of("database", "shop", "collection", "orders")))
                .getJsonArray("indexes");
        assertTrue(indexes.stream().anyMatch(i -> ((JsonObject) i).getString("name").equals("status_1")),
                indexes.encode());
        assertTrue(indexes.stream().anyMatch(i -> ((JsonObject) i).getString("name").equals("_id_")));
    }

    @Test
    void infersSchemaWithNestedFieldsArraysAndTypes() {
        JsonObject schema = ok(call(client, "collection_schema",
                Map.of("database", "shop", "collection", "customers", "sample_size", 50)));
        assertEquals(5, schema.getInteger("sampled"));
        assertEquals(5L, schema.getLong("estimated_count"));
        JsonArray fields = schema.getJsonArray("fields");
        assertEquals(Map.of("objectId", 5L), types(fields, "_id"));
        assertEquals(Map.of("object", 4L), types(fields, "address"));
        assertEquals(0.8, path(fields, "address").getDouble("frequency"));
        assertEquals(Map.of("string", 4L), types(fields, "address.city"));
        assertEquals(Map.of("string", 2L, "int", 1L), types(fields, "address.zip"));
        assertEquals(Map.of("array", 3L), types(fields, "tags"));
        assertEquals(Map.of("string", 3L), types(fields, "tags[]"));
        assertEquals(Map.of("string", 3L, "null", 1L), types(fields, "email"));
        assertEquals(Map.of("date", 1L), types(fields, "since"));
        assertEquals(Map.of("decimal", 1L), types(fields, "balance"));
        assertEquals(Map.of("long", 1L), types(fields, "visits"));
        assertEquals(Map.of("binData", 1L), types(fields, "avatar"));
        assertEquals(Map.of("bool", 5L), types(fields, "vip"));
        JsonObject orders = ok(call(client, "collection_schema", Map.of("database", "shop", "collection", "orders")));
        assertEquals(Map.of("string", 50L), types(orders.getJsonArray("fields"), "items[].sku"));
        assertTrue(error(call(client, "collection_schema",
                Map.of("database", "shop", "collection", "orders", "sample_size", 5000))).contains("between 1 and 1000"));
    }

    @Test
    void findsWithExtendedJsonRoundTrip() {
        JsonObject result = ok(call(client, "find", Map.of("database", "shop", "collection", "customers",
                "filter", Map.of("_id", Map.of("$oid", ADA_ID)))));
        assertEquals(1, result.getInteger("count"));
        JsonObject ada = result.getJsonArray("documents").getJsonObject(0);
        assertEquals(ADA_ID, ada.getJsonObject("_id").getString("$oid"));
        assertTrue(ada.getJsonObject("since").getString("$date").startsWith("2024-03-01T12:30:00"), ada.encode());
        assertEquals("1234567890.123456789", ada.getJsonObject("balance").getString("$numberDecimal"));
        assertEquals(9_007_199_254_740_993L, ada.getLong("visits"));
        assertEquals("AQID", ada.getJsonObject("avatar").getJsonObject("$binary").getString("base64"));
        assertEquals("London", ada.getJsonObject("address").getString("city"));

        // A date given back in Extended JSON finds the same document.
        JsonObject byDate = ok(call(client, "find", Map.of("database", "shop", "collection", "customers",
                "filter", Map.of("since", Map.of("$gte", Map.of("$date", "2024-03-01T00:00:00Z"))))));
        assertEquals(1, byDate.getInteger("count"));

        JsonObject canonical = ok(call(client, "find", Map.of("database", "shop", "collection", "customers",
                "filter", Map.of("name", "Ada"), "json_mode", "canonical"))).getJsonArray("documents").getJsonObject(0);
        assertEquals("9007199254740993", canonical.getJsonObject("visits").getString("$numberLong"));
    }

    @Test
    void findsWithProjectionSortSkipAndLimit() {
        JsonArray documents = ok(call(client, "find", Map.of("database", "shop", "collection", "orders",
                "filter", Map.of("status", "paid"), "projection", Map.of("total", 1), "sort", Map.of("total", -1),
                "skip", 2, "limit", 3))).getJsonArray("documents");
        assertEquals(3, documents.size());
        assertEquals(new JsonObject().put("_id", 18).put("total", 189.0), documents.getJsonObject(0));
        assertEquals(16, documents.getJsonObject(2).getInteger("_id"));
    }

    @Test
    void truncatedIsExact() {
        // 50 orders, max-items 20: capped and marked.
        JsonObject all = ok(call(client, "find", Map.of("database", "shop", "collection", "orders")));
        assertEquals(20, all.getInteger("count"));
        assertTrue(all.getBoolean("truncated"));
        assertEquals("connector.limits.max-items", all.getJsonObject("limit").getString("name"));
        // Exactly 20 paid orders: everything fits, not truncated.
        JsonObject paid = ok(call(client, "find", Map.of("database", "shop", "collection", "orders",
                "filter", Map.of("status", "paid"))));
        assertEquals(20, paid.getInteger("count"));
        assertFalse(paid.getBoolean("truncated"));
        JsonObject grouped = ok(call(client, "aggregate", Map.of("database", "shop", "collection", "orders",
                "pipeline", List.of(Map.of("$match", Map.of("status", "new"))))));
        assertEquals(20, grouped.getInteger("count"));
        assertTrue(grouped.getBoolean("truncated"));
    }

    @Test
    void countsDistinctsAndAggregates() {
        assertEquals(20L, ok(call(client, "count", Map.of("database", "shop", "collection", "orders",
                "filter", Map.of("status", "paid")))).getLong("count"));
        assertEquals(50L, ok(call(client, "count", Map.of("database", "shop", "collection", "orders"))).getLong("count"));
        JsonArray cities = ok(call(client, "distinct", Map.of("database", "shop", "collection", "customers",
                "field", "address.city"))).getJsonArray("values");
        assertEquals(Set.of("London", "Arlington", "Portland", "Boston"), Set.copyOf(cities.getList()));
        JsonArray totals = ok(call(client, "aggregate", Map.of("database", "shop", "collection", "orders", "pipeline",
                List.of(Map.of("$match", Map.of("status", "paid")),
                        Map.of("$group", Map.of("_id", "$customer", "sum", Map.of("$sum", "$total"))),
                        Map.of("$sort", Map.of("_id", 1)))))).getJsonArray("documents");
        assertEquals(new JsonObject().put("_id", "Ada").put("sum", 1155.0), totals.getJsonObject(0));
    }

    @Test
    void sendsMaxTimeMsWithEveryRead() {
        commands.clear();
        call(client, "find", Map.of("database", "shop", "collection", "orders", "limit", 1));
        call(client, "count", Map.of("database", "shop", "collection", "orders"));
        call(client, "distinct", Map.of("database", "shop", "collection", "orders", "field", "status"));
        call(client, "aggregate", Map.of("database", "shop", "collection", "orders",
                "pipeline", List.of(Map.of("$limit", 1))));
        call(client, "list_collections", Map.of("database", "shop"));
        call(client, "list_databases", Map.of());
        call(client, "collection_indexes", Map.of("database", "shop", "collection", "orders"));
        List<RecordingCommandListener.Sent> reads = commands.sent().stream()
                .filter(s -> Set.of("find", "aggregate", "distinct", "count", "listCollections", "listDatabases",
                        "listIndexes").contains(s.name()))
                .toList();
        assertTrue(reads.size() >= 7, reads.toString());
        for (RecordingCommandListener.Sent read : reads) {
            assertTrue(read.command().containsKey("maxTimeMS"), "no maxTimeMS on " + read.command().toJson());
            // What is left of the call's connector.limits.timeout (30 s here) when the read starts.
            long maxTimeMs = read.command().get("maxTimeMS").asNumber().longValue();
            assertTrue(maxTimeMs > 0 && maxTimeMs <= 30_000L, "maxTimeMS " + maxTimeMs + " on " + read.name());
        }
    }

    @Test
    void refusesWhatThePolicyDenies() {
        assertTrue(error(call(client, "find", Map.of("database", "shop", "collection", "secrets")))
                .contains("collections.allow/deny"));
        assertTrue(error(call(client, "find", Map.of("database", "admin", "collection", "system.users")))
                .contains("not available"));
        String lookup = error(call(client, "aggregate", Map.of("database", "shop", "collection", "orders", "pipeline",
                List.of(Map.of("$lookup", Map.of("from", "secrets", "localField", "x", "foreignField", "y",
                        "as", "z"))))));
        assertTrue(lookup.contains("shop.secrets"), lookup);
    }

    @Test
    void explainsClearlyWhenTheServerCannot() {
        // The in-process server has no explain command; a real mongod answers with the plan. What the connector
        // must do either way: pass the server's reason on as a clear tool error, not a stack trace.
        String message = error(call(client, "explain", Map.of("database", "shop", "collection", "orders",
                "filter", Map.of("status", "paid"))));
        assertTrue(message.startsWith("explain on 'shop.orders' failed:"), message);
        assertFalse(message.contains("Exception"), message);
        assertTrue(error(call(client, "explain", Map.of("database", "shop", "collection", "orders",
                "verbosity", "allPlansExecution"))).contains("queryPlanner or executionStats"));
    }

    @Test
    void badArgumentsGetClearErrors() {
        assertTrue(error(call(client, "find", Map.of("database", "shop", "collection", "orders",
                "filter", Map.of("_id", Map.of("$oid", "not-hex"))))).contains("not valid MongoDB Extended JSON"));
        assertTrue(error(call(client, "find", Map.of("database", "shop", "collection", "orders",
                "json_mode", "shell"))).contains("'relaxed' or 'canonical'"));
        String twoStages = callExpectingInvalidArguments(client, "aggregate", Map.of("database", "shop",
                "collection", "orders", "pipeline", List.of(Map.of("$match", Map.of(), "$limit", 1))));
        assertTrue(twoStages.endsWith("argument 'pipeline[0]' must have exactly 1 property, got 2"), twoStages);
        assertTrue(callExpectingInvalidArguments(client, "find", Map.of("database", "shop", "collection", "orders",
                "sort", Map.of("total", "desc"))).contains("argument 'sort.total' must be one of: an integer"
                        + " in [1, -1]; an object"));
        assertTrue(callExpectingInvalidArguments(client, "find", Map.of("database", "shop", "collection", "orders",
                "filter", Map.of("$or", Map.of("status", "paid")))).endsWith(
                        "argument 'filter.$or' must be an array, got an object"));
        assertTrue(error(call(client, "find", Map.of("database", "shop", "collection", "orders",
                "filter", Map.of("total", Map.of("$bogus", 1))))).startsWith("find on 'shop.orders' failed:"));
        String noDatabase = callExpectingInvalidArguments(client, "find", Map.of("collection", "orders"));
        assertTrue(noDatabase.endsWith("missing required argument 'database'"), noDatabase);
        String textFilter = callExpectingInvalidArguments(client, "find",
                Map.of("database", "shop", "collection", "orders", "filter", "status = 'paid'"));
        assertTrue(textFilter.contains("argument 'filter' must be an object"), textFilter);
    }

    @Test
    void servesTheCollectionResource() {
        AtomicReference<String> text = new AtomicReference<>();
        client.when().resourcesRead("mongodb://shop/customers", r -> text.set(r.contents().get(0).asText().text()))
                .thenAssertResults();
        JsonObject body = new JsonObject(text.get());
        assertEquals("customers", body.getString("collection"));
        assertNotNull(path(body.getJsonArray("fields"), "address.city"));
        assertTrue(body.getJsonArray("indexes").stream().anyMatch(i -> ((JsonObject) i).getString("name").equals("email_1")));
        AtomicReference<Object> templates = new AtomicReference<>();
        client.when().resourcesTemplatesList(page -> templates.set(page.templates().stream()
                .map(t -> t.uriTemplate()).toList())).thenAssertResults();
        assertEquals(List.of("mongodb://{database}/{collection}"), templates.get());
    }

    static JsonObject find(JsonArray array, String name) {
        return array.stream().map(JsonObject.class::cast).filter(o -> name.equals(o.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + array.encode()));
    }

    static JsonObject path(JsonArray fields, String path) {
        return fields.stream().map(JsonObject.class::cast).filter(o -> path.equals(o.getString("path"))).findFirst()
                .orElseThrow(() -> new AssertionError(path + " not in " + fields.encode()));
    }

    static Map<String, Long> types(JsonArray fields, String path) {
        Map<String, Long> types = new java.util.HashMap<>();
        path(fields, path).getJsonArray("types")
                .forEach(t -> types.put(((JsonObject) t).getString("type"), ((JsonObject) t).getLong("count")));
        return types;
    }
}
