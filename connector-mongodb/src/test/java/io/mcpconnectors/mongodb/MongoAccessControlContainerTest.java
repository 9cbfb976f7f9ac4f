package io.mcpconnectors.mongodb;

import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

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
 * The connector against a real MongoDB server with authorization on, signed in as a user granted only read: reads
 * run, a write the connector lets through (writes on, no approval) is refused by the server itself, and a pipeline
 * that runs past connector.limits.timeout is stopped by the server (maxTimeMS). Skipped, saying why, where no Docker
 * engine exists.
 */
@EnabledIf(value = DockerEngine.FOUND, disabledReason = DockerEngine.MISSING)
@QuarkusTest
@TestProfile(MongoAccessControlContainerTest.ReaderWithWritesOn.class)
@WithTestResource(value = MongoContainerFixture.class, initArgs = @ResourceArg(name = "mode",
        value = "access-control"))
class MongoAccessControlContainerTest extends McpClientTest {

    public static class ReaderWithWritesOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.access.writes", "enabled", "connector.approval.mode", "none",
                    "connector.limits.timeout", "1s");
        }
    }

    @Test
    void aUserWithOnlyReadReadsAndTheServerRefusesItsWrites() {
        assertEquals(1000, ok(SchemaCheckedCalls.call(client, "count", Map.of("database", "shop", "collection",
                "orders", "filter", Map.of("status", "paid")))).getLong("count"));
        String refused = error(SchemaCheckedCalls.call(client, "insert_many", Map.of("database", "shop",
                "collection", "orders", "documents", List.of(Map.of("_id", 9_999_999)))));
        assertTrue(refused.contains("not authorized"), refused);
        assertEquals(5000, ok(SchemaCheckedCalls.call(client, "count", Map.of("database", "shop", "collection",
                "orders"))).getLong("count"));
    }

    @Test
    void theServerStopsAPipelineThatRunsPastTheTimeout() {
        // Every order against every order: 25 million comparisons, far beyond a second.
        String stopped = error(SchemaCheckedCalls.call(client, "aggregate", Map.of("database", "shop", "collection",
                "orders", "pipeline", List.of(Map.of("$lookup", Map.of("from", "orders", "let",
                        Map.of("t", "$total"), "pipeline", List.of(Map.of("$match", Map.of("$expr",
                                Map.of("$lt", List.of("$total", "$$t")))), Map.of("$count", "n")), "as", "cheaper")),
                        Map.of("$count", "n")))));
        assertTrue(stopped.contains("connector.limits.timeout"), stopped);
    }
}
