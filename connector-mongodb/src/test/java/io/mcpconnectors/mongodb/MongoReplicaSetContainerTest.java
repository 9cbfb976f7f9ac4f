package io.mcpconnectors.mongodb;

import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.mcpconnectors.common.test.DockerEngine;
import io.mcpconnectors.common.test.McpClientTest;
import io.mcpconnectors.common.test.SchemaCheckedCalls;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The connector against a real MongoDB replica set, with connector.mongodb.require-index on: reads run without a
 * transaction and carry maxTimeMS, and the server's own explain decides whether a query may run. Skipped, saying
 * why, where no Docker engine exists.
 */
@EnabledIf(value = DockerEngine.FOUND, disabledReason = DockerEngine.MISSING)
@QuarkusTest
@TestProfile(MongoReplicaSetContainerTest.RequireIndex.class)
@WithTestResource(value = MongoContainerFixture.class, initArgs = @ResourceArg(name = "mode", value = "replica-set"))
class MongoReplicaSetContainerTest extends McpClientTest {

    public static class RequireIndex implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.mongodb.require-index", "true", "connector.limits.max-items", "50");
        }
    }

    @Inject
    RecordingCommandListener commands;

    @Test
    void readsRunWithoutATransactionAndCarryMaxTimeMs() {
        commands.clear();
        assertEquals(50, ok(SchemaCheckedCalls.call(client, "find", Map.of("database", "shop", "collection", "orders",
                "filter", Map.of("status", "paid")))).getInteger("count"));
        assertEquals(10, ok(SchemaCheckedCalls.call(client, "aggregate", Map.of("database", "shop", "collection",
                "orders", "pipeline", List.of(Map.of("$match", Map.of("status", "paid")), Map.of("$limit", 10)))))
                .getInteger("count"));
        List<RecordingCommandListener.Sent> reads = commands.sent().stream()
                .filter(c -> c.name().equals("find") || c.name().equals("aggregate")).toList();
        assertFalse(reads.isEmpty());
        for (RecordingCommandListener.Sent read : reads) {
            assertTrue(read.command().containsKey("maxTimeMS"), read.command().toJson());
            assertFalse(read.command().containsKey("txnNumber") || read.command().containsKey("startTransaction"),
                    read.command().toJson());
        }
    }

    @Test
    void theServersPlanDecidesWhetherAQueryMayRun() {
        String refused = error(SchemaCheckedCalls.call(client, "find", Map.of("database", "shop", "collection",
                "orders", "filter", Map.of("customer", "Ada"))));
        assertTrue(refused.startsWith("Refused: the server's plan for") && refused.contains("(COLLSCAN)"), refused);
        String aggregate = error(SchemaCheckedCalls.call(client, "aggregate", Map.of("database", "shop", "collection",
                "orders", "pipeline", List.of(Map.of("$match", Map.of("total", Map.of("$gt", 10)))))));
        assertTrue(aggregate.contains("(COLLSCAN)"), aggregate);
    }
}
