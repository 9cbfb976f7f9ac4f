package io.mcpconnectors.salesforce;

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

/** In a build with metrics, the HTTP connection pool to the API is measured beside the tool calls: connections in
 * use and idle. */
@QuarkusTest
@TestProfile(PoolMetricsTest.WithMetrics.class)
@WithTestResource(FakeSalesforce.class)
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
            ok(call(client, "list_objects", Map.of()));
        }
        String text = Prometheus.scrape(metrics);
        // The HTTP connections kept to the API: in use now (none between calls), idle (the kept-alive one).
        assertEquals(0, Prometheus.value(text, "okhttp_pool_connection_count_connections", "state=\"active\""), text);
        assertTrue(Prometheus.value(text, "okhttp_pool_connection_count_connections", "state=\"idle\"") >= 1, text);
        assertTrue(text.contains("connector=\"salesforce\""), text);
        assertTrue(text.contains("okhttp_pool_connection_limit_connections{"), "okhttp_pool_connection_limit_connections: " + text);
        assertTrue(text.contains("mcp_tool_calls_seconds_count{access=\"READ\",connector=\"salesforce\",outcome=\"ok\","
                + "tool=\"list_objects\"}"), text);
    }
}
