package io.mcpconnectors.common.mcp;

import java.time.Instant;
import java.util.Map;

import io.mcpconnectors.common.audit.AuditRecord;
import io.mcpconnectors.common.audit.AuditRecord.Outcome;
import io.mcpconnectors.common.audit.AuditTimestamp;
import io.mcpconnectors.common.audit.AuditTrail;
import io.mcpconnectors.common.metrics.ToolMetrics;
import io.mcpconnectors.common.metrics.ToolTracing;
import io.mcpconnectors.common.spi.ToolSpec;
import io.opentelemetry.api.trace.Span;

/**
 * The record stage of one tool call: opened when the call arrives (its span starts), written once with the call's
 * outcome (the audit record, the metric and the end of the span).
 */
final class CallAudit {

    private final AuditTrail audit;
    private final ToolMetrics metrics;
    private final ToolTracing tracing;
    private final String connector;
    private final ToolSpec spec;
    private final Instant startedAt;
    private final long startNanos;
    private final String session;
    private final String principal;
    private final Map<String, Object> arguments;
    private final Span span;
    private String identity;

    CallAudit(AuditTrail audit, ToolMetrics metrics, ToolTracing tracing, String connector, ToolSpec spec,
            Instant startedAt, long startNanos, String session, String principal, Map<String, Object> arguments) {
        this.audit = audit;
        this.metrics = metrics;
        this.tracing = tracing;
        this.connector = connector;
        this.span = tracing.start(spec.name(), spec.access().name(), session);
        this.spec = spec;
        this.startedAt = startedAt;
        this.startNanos = startNanos;
        this.session = session;
        this.principal = principal;
        this.arguments = arguments;
    }

    /** When the call arrived. */
    Instant startedAt() {
        return startedAt;
    }

    /** The data-source identity the call runs with, once resolved. */
    void identity(String audited) {
        this.identity = audited;
    }

    void write(Outcome outcome, String message, long items, long bytes, boolean truncated) {
        long nanos = System.nanoTime() - startNanos;
        metrics.record(spec.name(), spec.access().name(), outcome.label(), nanos);
        tracing.end(span, outcome.label());
        double durationMs = nanos / 1_000_000.0;
        audit.record(new AuditRecord(AuditTimestamp.of(startedAt), connector, spec.name(), spec.access().name(), principal,
                identity, session, arguments, outcome.label(), message, Math.round(durationMs * 1000) / 1000.0, items,
                bytes, truncated));
    }
}
