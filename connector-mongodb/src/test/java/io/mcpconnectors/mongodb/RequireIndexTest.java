package io.mcpconnectors.mongodb;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With connector.mongodb.require-index=true a find or aggregate runs only after the server's plan shows it uses an
 * index. The in-process wire server has no explain command, so here every find and aggregate is refused before it
 * runs (no find or aggregate command reaches the server) and says why; reading the plans a real server gives is
 * covered by {@link IndexUseGuardTest}.
 */
@QuarkusTest
@TestProfile(RequireIndexTest.IndexRequired.class)
@WithTestResource(InProcessMongoFixture.class)
class RequireIndexTest extends McpClientTest {

    public static class IndexRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.mongodb.require-index", "true");
        }
    }

    @Inject
    RecordingCommandListener commands;

    @Test
    void refusesWhatTheServerCannotShowUsesAnIndexWithoutRunningIt() {
        commands.clear();
        String find = error(call(client, "find", Map.of("database", "shop", "collection", "orders",
                "filter", Map.of("status", "paid"))));
        assertTrue(find.startsWith("Refused: connector.mongodb.require-index is on, and the server could not explain"
                + " find on 'shop.orders'"), find);
        String aggregate = error(call(client, "aggregate", Map.of("database", "shop", "collection", "orders",
                "pipeline", List.of(Map.of("$match", Map.of("status", "paid"))))));
        assertTrue(aggregate.startsWith("Refused: connector.mongodb.require-index is on, and the server could not"
                + " explain aggregate on 'shop.orders'"), aggregate);
        assertEquals(List.of(), commands.sent().stream().map(RecordingCommandListener.Sent::name)
                .filter(name -> name.equals("find") || name.equals("aggregate")).toList());
    }

    @Test
    void leavesOtherToolsAlone() {
        assertEquals(50, ok(call(client, "count", Map.of("database", "shop", "collection", "orders")))
                .getInteger("count"));
    }
}
