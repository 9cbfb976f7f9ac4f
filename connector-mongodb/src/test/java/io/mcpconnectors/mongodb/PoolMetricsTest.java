package io.mcpconnectors.mongodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.MetricsBuildTest;
import io.mcpconnectors.common.test.Prometheus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * In a build with metrics, the driver's connection pool is measured beside the tool calls: connections open and
 * checked out, waiters and failed check-outs, per server.
 */
@QuarkusTest
@TestProfile(MetricsBuildTest.MetricsBuild.class)
@WithTestResource(InProcessMongoFixture.class)
class PoolMetricsTest extends MetricsBuildTest {

    @Test
    void poolUsageIsExportedWithTheToolCalls() throws Exception {
        String text = callThenScrape("mongodb", "list_collections", Map.of("database", "shop"), 3);
        // Connections checked out now (none between calls), open in the pool (at least the one used), waiters.
        assertEquals(0, Prometheus.value(text, "mongodb_driver_pool_checkedout", "server_address="), text);
        assertTrue(Prometheus.value(text, "mongodb_driver_pool_size", "server_address=") >= 1, text);
        assertEquals(0, Prometheus.value(text, "mongodb_driver_pool_waitqueuesize", "server_address="), text);
        assertTrue(text.contains("mongodb_driver_pool_checkoutfailed_total{"), "failed check-outs: " + text);
    }
}
