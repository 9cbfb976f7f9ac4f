package io.mcpconnectors.common.metrics;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.mcpconnectors.common.spi.Connector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Per-tool call metrics, exported at {@code /q/metrics} in Prometheus format: {@code mcp_tool_calls_seconds}
 * (a latency histogram with count and sum) by connector, tool, access class and outcome (ok, error, invalid,
 * refused, timeout, approval_pending). Error rates are the non-ok outcomes. Nothing is recorded when the build
 * has metrics switched off.
 */
@ApplicationScoped
public class ToolMetrics {

    private final MeterRegistry registry;
    private final String connector;
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    public ToolMetrics(Instance<MeterRegistry> registry, Connector connector) {
        this.registry = registry.isResolvable() ? registry.get() : null;
        this.connector = connector.name();
    }

    public void record(String tool, String access, String outcome, long nanos) {
        if (registry == null) {
            return;
        }
        timers.computeIfAbsent(tool + '\u0000' + outcome, key -> Timer.builder("mcp.tool.calls")
                .description("MCP tool calls by tool and outcome")
                .tag("connector", connector).tag("tool", tool).tag("access", access).tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry)).record(Duration.ofNanos(nanos));
    }
}
