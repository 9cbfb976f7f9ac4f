package io.mcpconnectors.common.test;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A connector under test as built with metrics ({@code @TestProfile(MetricsBuildTest.MetricsBuild.class)}), with
 * its Prometheus endpoint read the way a scraper reads it.
 */
public abstract class MetricsBuildTest extends McpClientTest {

    /** The build-time switch the default build leaves off. */
    public static class MetricsBuild implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.micrometer.enabled", "true");
        }
    }

    @TestHTTPResource("/q/metrics")
    protected URI metrics;

    protected String scrape() throws Exception {
        return Prometheus.scrape(metrics);
    }

    /** Calls a read tool {@code times} times, each succeeding, and returns the metrics that count them. */
    protected String callThenScrape(String connector, String tool, Map<String, Object> arguments, int times)
            throws Exception {
        for (int i = 0; i < times; i++) {
            ok(call(client, tool, arguments));
        }
        String text = scrape();
        assertTrue(text.contains("mcp_tool_calls_seconds_count{access=\"READ\",connector=\"" + connector
                + "\",outcome=\"ok\",tool=\"" + tool + "\"}"), "the calls are counted: " + text);
        return text;
    }
}
