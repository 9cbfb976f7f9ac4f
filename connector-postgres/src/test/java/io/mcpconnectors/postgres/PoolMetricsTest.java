package io.mcpconnectors.postgres;

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

/**
 * In a build with metrics, the connection pool is measured beside the tool calls: connections in use and idle,
 * waiters, time spent waiting for a connection, and calls served, for the pool named connector-postgres.
 */
@QuarkusTest
@TestProfile(PoolMetricsTest.WithMetrics.class)
@WithTestResource(EmbeddedPostgresFixture.class)
class PoolMetricsTest extends McpClientTest {

    public static class WithMetrics implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.micrometer.enabled", "true", "connector.postgres.pool.max-size", "3");
        }
    }

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @Test
    void poolUsageIsExportedWithTheToolCalls() throws Exception {
        double before = value(scrape(), "sql_pool_completed_total");
        for (int i = 0; i < 3; i++) {
            ok(call(client, "query", Map.of("sql", "SELECT count(*) AS n FROM shop.customers")));
        }
        String text = scrape();
        assertTrue(value(text, "sql_pool_completed_total") >= before + 3, text);
        assertEquals(0, value(text, "sql_pool_active"), "no connection left checked out: " + text);
        assertEquals(0, value(text, "sql_pool_queue_size"), "nobody waiting: " + text);
        assertTrue(value(text, "sql_pool_idle") >= 0, text);
        assertTrue(text.contains("sql_pool_queue_delay_seconds_count{"), "time waiting for a connection: " + text);
        assertTrue(text.contains("sql_pool_usage_seconds_count{"), "sql_pool_usage_seconds_count: " + text);
        assertTrue(text.contains("sql_pool_rejected_total{"), "sql_pool_rejected_total: " + text);
        assertTrue(text.contains("mcp_tool_calls_seconds_count{access=\"READ\",connector=\"postgres\",outcome=\"ok\","
                + "tool=\"query\"}"), text);
    }

    private static double value(String text, String meter) {
        return Prometheus.value(text, meter, "pool_name=\"connector-postgres\"");
    }

    private String scrape() throws Exception {
        return Prometheus.scrape(metrics);
    }
}
