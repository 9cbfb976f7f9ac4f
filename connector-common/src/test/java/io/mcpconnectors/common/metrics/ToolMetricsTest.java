package io.mcpconnectors.common.metrics;

import static io.mcpconnectors.common.test.McpCalls.call;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.mcpconnectors.common.test.Prometheus;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Tool calls show up in the Prometheus metrics, by tool and outcome, with a latency histogram. */
@QuarkusTest
class ToolMetricsTest extends McpClientTest {

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @Test
    void callsAreCountedByToolAndOutcomeWithLatencyBuckets() throws Exception {
        double okBefore = count("echo", "ok");
        double errorsBefore = count("many", "error") + count("many", "ok");
        call(client, "echo", Map.of("text", "counted"));
        call(client, "echo", Map.of("text", "counted again"));
        call(client, "many", Map.of("n", 2, "size", 1));
        String text = scrape();
        assertTrue(count("echo", "ok") >= okBefore + 2, text);
        assertTrue(count("many", "error") + count("many", "ok") >= errorsBefore + 1, text);
        assertTrue(text.contains("mcp_tool_calls_seconds_bucket{access=\"READ\",connector=\"testkit\",outcome=\"ok\","
                + "tool=\"echo\",le="), "a latency histogram per tool");
    }

    private double count(String tool, String outcome) throws Exception {
        Matcher m = Pattern.compile("mcp_tool_calls_seconds_count\\{access=\"READ\",connector=\"testkit\",outcome=\""
                + outcome + "\",tool=\"" + tool + "\"} ([0-9.E]+)").matcher(scrape());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private String scrape() throws Exception {
        return Prometheus.scrape(metrics);
    }
}
