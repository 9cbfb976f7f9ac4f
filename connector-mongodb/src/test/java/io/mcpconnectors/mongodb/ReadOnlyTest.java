package io.mcpconnectors.mongodb;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The read-only gate: every way to write or run server-side JavaScript through find and aggregate is refused
 * before anything is sent, and nothing was written. The in-process server does run $out and $merge (checked
 * below), so these refusals are what keeps the data unchanged.
 */
@QuarkusTest
@WithTestResource(InProcessMongoFixture.class)
class ReadOnlyTest extends McpClientTest {

    static final String JS = "function() { return true; }";

    @Inject
    RecordingCommandListener commands;

    static List<Object[]> writingPipelines() {
        Map<String, Object> out = Map.of("$out", "stolen");
        Map<String, Object> merge = Map.of("$merge", Map.of("into", "stolen"));
        return List.of(
                new Object[] { "top-level $out", List.of(out), "$out" },
                new Object[] { "$out after a $match", List.of(Map.of("$match", Map.of()), out), "$out" },
                new Object[] { "top-level $merge", List.of(merge), "$merge" },
                new Object[] { "$merge with a db target", List.of(Map.of("$merge",
                        Map.of("into", Map.of("db", "other", "coll", "stolen")))), "$merge" },
                new Object[] { "$out inside $facet", List.of(Map.of("$facet", Map.of("a", List.of(out)))), "$out" },
                new Object[] { "$merge inside a $lookup pipeline", List.of(Map.of("$lookup", Map.of("from", "orders",
                        "pipeline", List.of(merge), "as", "x"))), "$merge" },
                new Object[] { "$out inside $unionWith", List.of(Map.of("$unionWith", Map.of("coll", "orders",
                        "pipeline", List.of(out)))), "$out" },
                new Object[] { "$where in $match", List.of(Map.of("$match", Map.of("$where", JS))), "$where" },
                new Object[] { "$function in $expr", List.of(Map.of("$match", Map.of("$expr", Map.of("$function",
                        Map.of("body", JS, "args", List.of(), "lang", "js"))))), "$function" },
                new Object[] { "$function in $addFields", List.of(Map.of("$addFields", Map.of("x", Map.of("$function",
                        Map.of("body", JS, "args", List.of(), "lang", "js"))))), "$function" },
                new Object[] { "$accumulator in $group", List.of(Map.of("$group", Map.of("_id", "all", "x",
                        Map.of("$accumulator", Map.of("init", JS, "accumulate", JS, "accumulateArgs", List.of(),
                                "merge", JS, "lang", "js"))))), "$accumulator" },
                new Object[] { "$where deep in a $lookup inside $facet", List.of(Map.of("$facet", Map.of("a",
                        List.of(Map.of("$lookup", Map.of("from", "orders", "as", "x", "pipeline",
                                List.of(Map.of("$match", Map.of("$where", JS))))))))), "$where" });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writingPipelines")
    void aggregateRefuses(String name, List<Map<String, Object>> pipeline, String operator) {
        long orders = InProcessMongoFixture.count("shop", "orders");
        commands.clear();
        String message = error(call(client, "aggregate",
                Map.of("database", "shop", "collection", "orders", "pipeline", pipeline)));
        assertTrue(message.startsWith("Refused by the read-only guard: " + operator), message);
        assertTrue(commands.sent().stream().noneMatch(c -> c.name().equals("aggregate")), "nothing was sent");
        assertFalse(InProcessMongoFixture.exists("shop", "stolen"));
        assertFalse(InProcessMongoFixture.exists("other", "stolen"));
        assertEquals(orders, InProcessMongoFixture.count("shop", "orders"));
    }

    @Test
    void explainRefusesTheSamePipelines() {
        String message = error(call(client, "explain", Map.of("database", "shop", "collection", "orders",
                "pipeline", List.of(Map.of("$out", "stolen")), "verbosity", "executionStats")));
        assertTrue(message.startsWith("Refused by the read-only guard: $out"), message);
        assertFalse(InProcessMongoFixture.exists("shop", "stolen"));
    }

    @Test
    void findRefusesServerSideJavaScript() {
        assertTrue(error(call(client, "find", Map.of("database", "shop", "collection", "orders",
                "filter", Map.of("$where", JS)))).startsWith("Refused by the read-only guard: $where"));
        assertTrue(error(call(client, "find", Map.of("database", "shop", "collection", "orders",
                "filter", Map.of("$or", List.of(Map.of("status", "new"), Map.of("$where", JS)))))).contains("$where"));
        assertTrue(error(call(client, "find", Map.of("database", "shop", "collection", "orders",
                "filter", Map.of("$expr", Map.of("$function", Map.of("body", JS, "args", List.of(), "lang", "js"))))))
                .contains("$function"));
        assertTrue(error(call(client, "find", Map.of("database", "shop", "collection", "orders",
                "projection", Map.of("x", Map.of("$function", Map.of("body", JS, "args", List.of(), "lang", "js"))))))
                .contains("$function"));
        assertTrue(error(call(client, "count", Map.of("database", "shop", "collection", "orders",
                "filter", Map.of("$where", JS)))).contains("$where"));
        assertTrue(error(call(client, "distinct", Map.of("database", "shop", "collection", "orders", "field", "status",
                "filter", Map.of("$where", JS)))).contains("$where"));
    }

    @Test
    void theServerWouldHaveWritten() {
        // Control: the same $out sent straight to the server does write, so the refusals above are the guard's.
        InProcessMongoFixture.client().getDatabase("shop").getCollection("orders")
                .aggregate(List.of(new Document("$match", new Document("_id", 1)), new Document("$out", "control_out")))
                .toCollection();
        assertTrue(InProcessMongoFixture.exists("shop", "control_out"));
        InProcessMongoFixture.client().getDatabase("shop").getCollection("control_out").drop();
    }
}
