package io.mcpconnectors.mongodb;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.callExpectingInvalidArguments;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static io.mcpconnectors.common.test.McpCalls.tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoCollection;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkiverse.mcp.server.test.McpAssured.ToolInfo;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/** The write and admin tools, enabled by an admin with approval explicitly off, on a scratch database. */
@QuarkusTest
@TestProfile(WriteToolsTest.WritesEnabled.class)
@WithTestResource(InProcessMongoFixture.class)
class WriteToolsTest extends McpClientTest {

    public static class WritesEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.access.writes", "enabled", "connector.approval.mode", "none");
        }
    }

    MongoCollection<Document> items;

    @BeforeEach
    void freshCollection() {
        items = InProcessMongoFixture.client().getDatabase("scratch").getCollection("items");
        items.drop();
        items.insertMany(List.of(new Document("_id", 1).append("status", "open").append("qty", 1),
                new Document("_id", 2).append("status", "open").append("qty", 2),
                new Document("_id", 3).append("status", "closed").append("qty", 3)));
    }

    @Test
    void classifiesWritesAndAdminTools() {
        List<ToolInfo> all = tools(client);
        ToolInfo insert = find(all, "insert_many");
        assertFalse(insert.annotations().orElseThrow().readOnlyHint());
        assertTrue(find(all, "delete_many").annotations().orElseThrow().destructiveHint());
        assertTrue(find(all, "drop_collection").annotations().orElseThrow().destructiveHint());
        assertTrue(find(all, "find").annotations().orElseThrow().readOnlyHint());
    }

    @Test
    void insertsWithExtendedJsonTypes() {
        JsonObject result = ok(call(client, "insert_many", Map.of("database", "scratch", "collection", "items",
                "documents", List.of(Map.of("_id", 10, "due", Map.of("$date", "2026-12-01T00:00:00Z"),
                        "owner", Map.of("$oid", "65f0c0ffee0000000000002a"), "price", Map.of("$numberDecimal", "9.99")),
                        Map.of("status", "new")))));
        assertEquals(2, result.getInteger("inserted_count"));
        assertEquals(10, result.getJsonArray("inserted_ids").getInteger(0));
        String generated = result.getJsonArray("inserted_ids").getJsonObject(1).getString("$oid");
        Document stored = items.find(new Document("_id", 10)).first();
        assertTrue(stored.get("due") instanceof Date);
        assertEquals(new ObjectId("65f0c0ffee0000000000002a"), stored.get("owner"));
        assertEquals("9.99", stored.get("price").toString());
        assertEquals(1, items.countDocuments(new Document("_id", new ObjectId(generated))));
    }

    @Test
    void aRejectedInsertKeepsNothing() {
        // The third document repeats _id 1: the server rejects it after inserting the first two.
        String message = error(call(client, "insert_many", Map.of("database", "scratch", "collection", "items",
                "documents", List.of(Map.of("_id", 20), Map.of("_id", 21), Map.of("_id", 1), Map.of("_id", 22)))));
        assertTrue(message.contains("refused by the server"), message);
        assertTrue(message.contains("removed again, nothing was kept"), message);
        assertTrue(message.contains("document 2"), message);
        assertEquals(List.of(1, 2, 3), ids());
    }

    @Test
    void refusesBadInsertArguments() {
        assertTrue(callExpectingInvalidArguments(client, "insert_many", Map.of("database", "scratch", "collection",
                "items", "documents", List.of())).endsWith("argument 'documents' must have at least 1 item,"
                        + " got 0"));
        assertTrue(error(call(client, "insert_many", Map.of("database", "scratch", "collection", "items",
                "documents", List.of(Map.of("when", Map.of("$date", "yesterday")))))).contains("Extended JSON"));
        assertTrue(error(call(client, "insert_many", Map.of("database", "hr", "collection", "salaries",
                "documents", List.of(Map.of("pay", 2))))).contains("not available"));
        assertEquals(List.of(1, 2, 3), ids());
    }

    @Test
    void updatesWithOperatorsOnly() {
        JsonObject result = ok(call(client, "update_many", Map.of("database", "scratch", "collection", "items",
                "filter", Map.of("status", "open"), "update", Map.of("$inc", Map.of("qty", 10)))));
        assertEquals(2, result.getInteger("matched_count"));
        assertEquals(2, result.getInteger("modified_count"));
        assertEquals(11, items.find(new Document("_id", 1)).first().getInteger("qty"));
        String replacement = callExpectingInvalidArguments(client, "update_many", Map.of("database", "scratch",
                "collection", "items", "filter", Map.of("_id", 3), "update", Map.of("status", "gone")));
        assertTrue(replacement.contains("argument 'update' has the unknown property 'status'; accepted:"
                + " [$set, $unset, $inc"), replacement);
        assertTrue(error(call(client, "update_many", Map.of("database", "scratch", "collection", "items",
                "filter", Map.of(), "update", Map.of("$set", Map.of("status", "x"))))).contains("confirm_all"));
        assertTrue(error(call(client, "update_many", Map.of("database", "scratch", "collection", "items",
                "filter", Map.of("$where", "true"), "update", Map.of("$set", Map.of("status", "x"))))).contains("$where"));
        assertEquals(0, items.countDocuments(new Document("status", "x")));
        JsonObject all = ok(call(client, "update_many", Map.of("database", "scratch", "collection", "items",
                "filter", Map.of(), "update", Map.of("$set", Map.of("checked", true)), "confirm_all", true)));
        assertEquals(3, all.getInteger("modified_count"));
    }

    @Test
    void writeArgumentsOfTheWrongShapeAreRefusedNamingTheArgumentAndChangeNothing() {
        Map<String, Object> target = Map.of("database", "scratch", "collection", "items");
        assertInvalid("delete_many", target, Map.of("filter", Map.of("$or", Map.of("status", "open"))),
                "argument 'filter.$or' must be an array, got an object");
        assertInvalid("update_many", target, Map.of("filter", Map.of("$and", List.of()), "update",
                Map.of("$set", Map.of("status", "x"))), "argument 'filter.$and' must have at least 1 item, got 0");
        assertInvalid("update_many", target, Map.of("filter", Map.of("_id", 1), "update", Map.of()),
                "argument 'update' must have at least 1 property, got 0");
        assertInvalid("update_many", target, Map.of("filter", Map.of("_id", 1), "update",
                Map.of("$set", "closed")), "argument 'update.$set' must be an object, got a string");
        assertInvalid("insert_many", target, Map.of("documents", List.of(Map.of("_id", 30), "x")),
                "argument 'documents[1]' must be an object, got a string");
        assertInvalid("create_index", target, Map.of("keys", Map.of()),
                "argument 'keys' must have at least 1 property, got 0");
        assertEquals(List.of(1, 2, 3), ids());
        assertEquals(3, items.countDocuments(new Document("qty", new Document("$lt", 10))));
        assertEquals(List.of("_id_"), indexNames());
        // A filter of the right shape still meets the read-only guard's checks at any depth.
        assertTrue(error(call(client, "delete_many", Map.of("database", "scratch", "collection", "items",
                "filter", Map.of("$or", List.of(Map.of("$where", "true")))))).contains("$where"));
        assertEquals(3, items.countDocuments());
    }

    private void assertInvalid(String tool, Map<String, Object> target, Map<String, Object> arguments,
            String expected) {
        Map<String, Object> all = new LinkedHashMap<>(target);
        all.putAll(arguments);
        String error = callExpectingInvalidArguments(client, tool, all);
        assertTrue(error.endsWith(expected), error);
    }

    @Test
    void deletesOnlyWithAFilterOrConfirmation() {
        assertTrue(error(call(client, "delete_many", Map.of("database", "scratch", "collection", "items",
                "filter", Map.of()))).contains("confirm_all"));
        assertEquals(3, items.countDocuments());
        assertEquals(1, ok(call(client, "delete_many", Map.of("database", "scratch", "collection", "items",
                "filter", Map.of("status", "closed")))).getInteger("deleted_count"));
        assertEquals(2, ok(call(client, "delete_many", Map.of("database", "scratch", "collection", "items",
                "filter", Map.of(), "confirm_all", true))).getInteger("deleted_count"));
        assertEquals(0, items.countDocuments());
    }

    @Test
    void createsAndDropsIndexesAndCollections() {
        assertEquals("by_status", ok(call(client, "create_index", Map.of("database", "scratch", "collection", "items",
                "keys", Map.of("status", 1), "name", "by_status"))).getString("name"));
        assertTrue(indexNames().contains("by_status"));
        String badKey = callExpectingInvalidArguments(client, "create_index", Map.of("database", "scratch",
                "collection", "items", "keys", Map.of("status", "up")));
        assertTrue(badKey.contains("argument 'keys.status' must be one of"), badKey);
        assertTrue(error(call(client, "drop_index", Map.of("database", "scratch", "collection", "items",
                "name", "_id_"))).contains("other than _id_"));
        assertEquals("by_status", ok(call(client, "drop_index", Map.of("database", "scratch", "collection", "items",
                "name", "by_status"))).getString("dropped"));
        assertFalse(indexNames().contains("by_status"));
        assertTrue(error(call(client, "drop_collection", Map.of("database", "scratch", "collection", "nope")))
                .contains("does not exist"));
        assertEquals("scratch.items", ok(call(client, "drop_collection",
                Map.of("database", "scratch", "collection", "items"))).getString("dropped"));
        assertFalse(InProcessMongoFixture.exists("scratch", "items"));
    }

    private List<Object> ids() {
        return items.find().sort(new Document("_id", 1)).map(d -> d.get("_id")).into(new ArrayList<>());
    }

    private List<String> indexNames() {
        return items.listIndexes().map(d -> d.getString("name")).into(new ArrayList<>());
    }

    private static ToolInfo find(List<ToolInfo> tools, String name) {
        return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
