package io.mcpconnectors.mongodb;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.mcpconnectors.common.test.Prometheus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** In a build with metrics, the driver's connection pool is measured beside the tool calls: connections open and
 * checked out, waiters and failed check-outs, per server. */
@QuarkusTest
@TestProfile(PoolMetricsTest.WithMetrics.class)
@WithTestResource(InProcessMongoFixture.class)
class PoolMetricsTest extends McpClientTest {

    public static class WithMetrics implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.micrometer.enabled", "true");
        }
    }

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @Test
    void poolUsageIsExportedWithTheToolCalls() throws Exception {
        for (int i = 0; i < 3; i++) {
            ok(call(client, "list_collections", Map.of("database", "shop")));
        }
        String text = Prometheus.scrape(metrics);
        // Connections checked out now (none between calls), open in the pool (at least the one used), waiters.
        assertEquals(0, Prometheus.value(text, "mongodb_driver_pool_checkedout", "server_address="), text);
        assertTrue(Prometheus.value(text, "mongodb_driver_pool_size", "server_address=") >= 1, text);
        assertEquals(0, Prometheus.value(text, "mongodb_driver_pool_waitqueuesize", "server_address="), text);
        assertTrue(text.contains("mongodb_driver_pool_checkoutfailed_total{"), "mongodb_driver_pool_checkoutfailed_total: " + text);
        assertTrue(text.contains("mcp_tool_calls_seconds_count{access=\"READ\",connector=\"mongodb\",outcome=\"ok\","
                + "tool=\"list_collections\"}"), text);
    }
}
