package io.mcpconnectors.common.audit;

import java.time.Instant;
import java.util.Map;

import io.mcpconnectors.common.audit.AuditRecord.Outcome;

/**
 * The audit record of one protocol request that is not a tool call (a resource listing, a completion, a
 * subscription), timed from its creation and written once its outcome is known. The caller fills in who asked as
 * soon as that is known; {@code identity} is the data-source identity of a connector, or the upstream at the gateway.
 */
public final class AuditedRequest {

    private final AuditTrail audit;
    private final String connector;
    private final String method;
    private final String session;
    private final Map<String, Object> asked;
    private final Instant startedAt = Instant.now();
    private final long start = System.nanoTime();
    private String principal;
    private String identity;

    public AuditedRequest(AuditTrail audit, String connector, String method, String session,
            Map<String, Object> asked) {
        this.audit = audit;
        this.connector = connector;
        this.method = method;
        this.session = session;
        this.asked = asked;
    }

    public void principal(String principal) {
        this.principal = principal;
    }

    public void identity(String identity) {
        this.identity = identity;
    }

    /** Writes the record; {@code items} counts only when the request succeeded. */
    public void write(Outcome outcome, String message, long items) {
        double durationMs = (System.nanoTime() - start) / 1_000_000.0;
        audit.record(new AuditRecord(startedAt.toString(), connector, method, "READ", principal, identity, session,
                asked, outcome.label(), message, Math.round(durationMs * 1000) / 1000.0,
                outcome == Outcome.OK ? items : 0, 0, false));
    }
}
