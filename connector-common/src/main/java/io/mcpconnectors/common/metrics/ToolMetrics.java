package io.mcpconnectors.common.metrics;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.spi.Connector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.Router;

/**
 * Per-tool call metrics, exported at {@code /q/metrics} in Prometheus format: {@code mcp_tool_calls_seconds}
 * (a latency histogram with count and sum) by connector, tool, access class and outcome (ok, error, invalid,
 * refused, timeout, approval_pending). Error rates are the non-ok outcomes. Nothing is recorded, and
 * {@code /q/metrics} is not served, when the build has no metrics or {@code connector.metrics.enabled=false}.
 */
// On every call's path: a singleton is injected as itself, with no client proxy to look it up on each use.
@Singleton
public class ToolMetrics {

    private final MeterRegistry registry;
    private final String connector;
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    private final boolean enabled;

    public ToolMetrics(Instance<MeterRegistry> registry, Connector connector, ConnectorRuntimeConfig config) {
        this.enabled = config.metrics().enabled();
        this.registry = enabled && registry.isResolvable() ? registry.get() : null;
        this.connector = connector.name();
    }

    void install(@Observes Router router) {
        if (!enabled) {
            router.route("/q/metrics*").order(Integer.MIN_VALUE + 200).handler(context -> context.response()
                    .setStatusCode(404).putHeader("Content-Type", "text/plain")
                    .end("Metrics are switched off (connector.metrics.enabled=false).\n"));
        }
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
