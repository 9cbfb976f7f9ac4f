package io.mcpconnectors.mongodb;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.callExpectingInvalidArguments;
import static io.mcpconnectors.common.test.McpCalls.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * The declared shapes of filter, projection, sort and pipeline are a first check, never a way around the read-only
 * guard: what fits a shape still meets the guard at any depth, what does not fit is an isError result naming
 * where, and input built to strain the checks (deep nesting, lookalike stage names, ambiguous alternatives) gets a
 * clear answer, never an internal error.
 */
@QuarkusTest
@WithTestResource(InProcessMongoFixture.class)
class ArgumentShapesTest extends McpClientTest {

    static final String JS = "function() { return true; }";

    @Inject
    RecordingCommandListener commands;

    Map<String, Object> find(String name, Object value) {
        Map<String, Object> arguments = new LinkedHashMap<>(Map.of("database", "shop", "collection", "orders"));
        arguments.put(name, value);
        return arguments;
    }

    @Test
    void serverJavaScriptInsideTheLogicalOperatorsStillMeetsTheGuard() {
        commands.clear();
        for (String operator : List.of("$and", "$or", "$nor")) {
            String message = error(call(client, "find", find("filter", Map.of(operator, List.of(Map.of("$nor",
                    List.of(Map.of("$expr", Map.of("$function", Map.of("body", JS, "args", List.of(), "lang",
                            "js"))))))))));
            assertTrue(message.startsWith("Refused by the read-only guard: $function"), message);
        }
        assertTrue(error(call(client, "find", find("projection", Map.of("x", Map.of("$accumulator", Map.of())))))
                .startsWith("Refused by the read-only guard: $accumulator"));
        assertTrue(commands.sent().stream().noneMatch(c -> c.name().equals("find")), "nothing was sent");
    }

    @Test
    void aSortThatSmugglesAnOperatorBesideMetaIsRefusedBeforeTheTool() {
        String error = callExpectingInvalidArguments(client, "find", find("sort", Map.of("score",
                Map.of("$meta", "textScore", "$function", Map.of("body", JS)))));
        assertTrue(error.contains("argument 'sort.score.$function'")
                || error.contains("argument 'sort.score'"), error);
    }

    @Test
    void aStageNamedWithALookalikeLetterIsRefusedAndWriteStagesInAnyPositionMeetTheGuard() {
        String error = callExpectingInvalidArguments(client, "aggregate", Map.of("database", "shop", "collection",
                "orders", "pipeline", List.of(Map.of("$\u043eut", "stolen"))));
        assertTrue(error.contains("whose name must match"), error);
        String message = error(call(client, "aggregate", Map.of("database", "shop", "collection", "orders",
                "pipeline", List.of(Map.of("$match", Map.of("status", "new")), Map.of("$facet", Map.of("a",
                        List.of(Map.of("$lookup", Map.of("from", "orders", "as", "x", "pipeline",
                                List.of(Map.of("$merge", Map.of("into", "stolen"))))))))))));
        assertTrue(message.startsWith("Refused by the read-only guard: $merge"), message);
        assertFalse(InProcessMongoFixture.exists("shop", "stolen"));
    }

    @Test
    void aStageThatIsNotAnObjectOrAnEmptyLogicalOperatorIsAnInvalidArgument() {
        String error = callExpectingInvalidArguments(client, "aggregate", Map.of("database", "shop", "collection",
                "orders", "pipeline", List.of("$out")));
        assertTrue(error.endsWith("argument 'pipeline[0]' must be an object, got a string"),
                error);
        error = callExpectingInvalidArguments(client, "find", find("filter", Map.of("$or", List.of())));
        assertTrue(error.endsWith("argument 'filter.$or' must have at least 1 item, got 0"),
                error);
        error = callExpectingInvalidArguments(client, "find", find("projection", Map.of("name", 2)));
        assertTrue(error.contains("argument 'projection.name' must be one of"), error);
    }

    @Test
    void aDeeplyNestedFilterGetsAClearAnswer() {
        Object filter = Map.of("$where", JS);
        for (int i = 0; i < 400; i++) {
            filter = Map.of("$and", List.of(filter));
        }
        String message = error(call(client, "find", find("filter", filter)));
        assertTrue(message.startsWith("Refused by the read-only guard: $where"), message);
        Object deep = "x";
        for (int i = 0; i < 400; i++) {
            deep = Map.of("a", deep);
        }
        JsonObject request = client.newRequest("tools/call").put("params", new JsonObject().put("name", "find")
                .put("arguments", new JsonObject(find("filter", deep))));
        client.sendAndForget(request);
        JsonObject response = client.waitForResponse(request);
        String answer = response.encode();
        assertFalse(answer.contains("internal error") || answer.contains("Exception"), answer);
        assertTrue(response.containsKey("error") || response.getJsonObject("result").containsKey("content"), answer);
    }

    @Test
    void aLargeArrayOfConditionsIsCheckedAndRun() {
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(i);
        }
        String message = error(call(client, "find", find("filter", Map.of("$or", List.of(Map.of("_id",
                Map.of("$in", ids)), Map.of("$where", JS))))));
        assertTrue(message.startsWith("Refused by the read-only guard: $where"), message);
    }
}
