package io.mcpconnectors.mongodb;

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
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.mcpconnectors.common.test.SchemaCheckedCalls;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * find and aggregate results cut by connector.limits.max-items (20 here) carry a cursor that continues them exactly;
 * the cursor belongs to its call's arguments.
 */
@QuarkusTest
@WithTestResource(InProcessMongoFixture.class)
class PagingTest extends McpClientTest {

    static final Map<String, Object> FIND = Map.of("database", "shop", "collection", "orders", "sort", Map.of("_id", 1),
            "projection", Map.of("_id", 1));

    @Test
    void findContinuesExactlyWhereItStopped() {
        List<List<Integer>> pages = pages("find", FIND);
        assertEquals(List.of(20, 20, 10), pages.stream().map(List::size).toList());
        assertEquals(IntStream.rangeClosed(1, 50).boxed().toList(), pages.stream().flatMap(List::stream).toList());
    }

    @Test
    void findKeepsToItsOwnSkipAndLimitAcrossPages() {
        Map<String, Object> args = new LinkedHashMap<>(FIND);
        args.put("skip", 5);
        args.put("limit", 30);
        List<List<Integer>> pages = pages("find", args);
        assertEquals(List.of(20, 10), pages.stream().map(List::size).toList());
        assertEquals(IntStream.rangeClosed(6, 35).boxed().toList(), pages.stream().flatMap(List::stream).toList());
    }

    @Test
    void aggregateContinuesExactlyWhereItStopped() {
        Map<String, Object> args = Map.of("database", "shop", "collection", "orders", "pipeline",
                List.of(Map.of("$match", Map.of("status", "new")), Map.of("$sort", Map.of("_id", -1)),
                        Map.of("$project", Map.of("_id", 1))));
        List<List<Integer>> pages = pages("aggregate", args);
        assertEquals(List.of(20, 10), pages.stream().map(List::size).toList());
        List<Integer> expected = new ArrayList<>(IntStream.rangeClosed(21, 50).boxed().toList());
        java.util.Collections.reverse(expected);
        assertEquals(expected, pages.stream().flatMap(List::stream).toList());
    }

    @Test
    void aCursorContinuesOnlyItsOwnCall() {
        String cursor = ok(SchemaCheckedCalls.call(client, "find", FIND)).getString("next_cursor");
        Map<String, Object> otherFilter = new LinkedHashMap<>(FIND);
        otherFilter.put("filter", Map.of("status", "paid"));
        otherFilter.put("cursor", cursor);
        assertTrue(error(SchemaCheckedCalls.call(client, "find", otherFilter))
                .startsWith("The cursor does not belong to this call"));
        Map<String, Object> otherTool = new LinkedHashMap<>(Map.of("database", "shop", "collection", "orders",
                "pipeline", List.of(Map.of("$sort", Map.of("_id", 1)))));
        otherTool.put("cursor", cursor);
        assertTrue(error(SchemaCheckedCalls.call(client, "aggregate", otherTool))
                .startsWith("The cursor does not belong to this call"));
    }

    @Test
    void aCompleteResultHasNoCursor() {
        JsonObject result = ok(SchemaCheckedCalls.call(client, "find", Map.of("database", "crm", "collection",
                "tickets")));
        assertEquals(3, result.getInteger("count"));
        assertFalse(result.getBoolean("truncated"));
        assertNull(result.getString("next_cursor"));
    }

    /** The _id of every document, page by page, following next_cursor to the end. */
    private List<List<Integer>> pages(String tool, Map<String, Object> first) {
        List<List<Integer>> pages = new ArrayList<>();
        Map<String, Object> args = new LinkedHashMap<>(first);
        String cursor;
        do {
            JsonObject page = ok(SchemaCheckedCalls.call(client, tool, args));
            pages.add(page.getJsonArray("documents").stream().map(d -> ((JsonObject) d).getInteger("_id")).toList());
            cursor = page.getString("next_cursor");
            assertEquals(cursor != null, page.getBoolean("truncated"), page.encode());
            args.put("cursor", cursor);
        } while (cursor != null && pages.size() < 10);
        return pages;
    }
}
