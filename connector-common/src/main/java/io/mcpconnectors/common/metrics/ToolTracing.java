package io.mcpconnectors.common.metrics;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.mcpconnectors.common.spi.Connector;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

/**
 * One span per tool call, {@code tools/call <tool>}, with the MCP attributes (method, tool, session) and the
 * runtime's own (connector, access class, outcome). A call that does not end ok is marked as an error. Without
 * OpenTelemetry in the build, or with tracing off, spans cost nothing.
 */
// On every call's path: a singleton is injected as itself, with no client proxy to look it up on each use.
@Singleton
public class ToolTracing {

    private final Tracer tracer;
    private final String connector;

    public ToolTracing(Instance<Tracer> tracer, Connector connector) {
        this.tracer = tracer.isResolvable() ? tracer.get() : null;
        this.connector = connector.name();
    }

    /** Starts the span of a call, or returns null when tracing is not built in. */
    public Span start(String tool, String access, String session) {
        if (tracer == null) {
            return null;
        }
        Span span = tracer.spanBuilder("tools/call " + tool).setSpanKind(SpanKind.SERVER).startSpan();
        span.setAttribute("mcp.method.name", "tools/call");
        span.setAttribute("gen_ai.tool.name", tool);
        span.setAttribute("mcp.connector", connector);
        span.setAttribute("mcp.tool.access", access);
        if (session != null) {
            span.setAttribute("mcp.session.id", session);
        }
        return span;
    }

    public void end(Span span, String outcome) {
        if (span == null) {
            return;
        }
        span.setAttribute("mcp.tool.outcome", outcome);
        if (!outcome.equals("ok")) {
            span.setStatus(StatusCode.ERROR, outcome);
        }
        span.end();
    }
}
