package io.mcpconnectors.salesforce;

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
 * In a build with metrics, the HTTP connection pool to the API is measured beside the tool calls: connections in
 * use and idle, and the idle limit.
 */
@QuarkusTest
@TestProfile(MetricsBuildTest.MetricsBuild.class)
@WithTestResource(FakeSalesforce.class)
class PoolMetricsTest extends MetricsBuildTest {

    @Test
    void poolUsageIsExportedWithTheToolCalls() throws Exception {
        String text = callThenScrape("salesforce", "list_objects", Map.of(), 3);
        // The HTTP connections kept to the API: in use now (none between calls), idle (the kept-alive one).
        assertEquals(0, Prometheus.value(text, "okhttp_pool_connection_count_connections", "state=\"active\""), text);
        assertTrue(Prometheus.value(text, "okhttp_pool_connection_count_connections", "state=\"idle\"") >= 1, text);
        assertTrue(Prometheus.value(text, "okhttp_pool_connection_limit_connections", "connector=\"salesforce\"") > 0,
                text);
    }
}
