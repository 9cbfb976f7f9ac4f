package io.mcpconnectors.postgres;

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
 * In a build with metrics, the connection pool is measured beside the tool calls: connections in use and idle,
 * waiters, time spent waiting for a connection, and calls served, for the pool named connector-postgres.
 */
@QuarkusTest
@TestProfile(MetricsBuildTest.MetricsBuild.class)
@WithTestResource(EmbeddedPostgresFixture.class)
class PoolMetricsTest extends MetricsBuildTest {

    @Test
    void poolUsageIsExportedWithTheToolCalls() throws Exception {
        double before = value(scrape(), "sql_pool_completed_total");
        String text = callThenScrape("postgres", "query", Map.of("sql", "SELECT count(*) AS n FROM shop.customers"), 3);
        assertTrue(value(text, "sql_pool_completed_total") >= before + 3, text);
        assertEquals(0, value(text, "sql_pool_active"), "no connection left checked out: " + text);
        assertEquals(0, value(text, "sql_pool_queue_size"), "nobody waiting: " + text);
        assertTrue(value(text, "sql_pool_idle") >= 0, text);
        assertTrue(text.contains("sql_pool_queue_delay_seconds_count{"), "time waiting for a connection: " + text);
        assertTrue(text.contains("sql_pool_usage_seconds_count{"), "time connections are held: " + text);
        assertTrue(text.contains("sql_pool_rejected_total{"), "rejected waiters: " + text);
    }

    private static double value(String text, String meter) {
        return Prometheus.value(text, meter, "pool_name=\"connector-postgres\"");
    }
}
