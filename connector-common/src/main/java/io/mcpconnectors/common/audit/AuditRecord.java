package io.mcpconnectors.common.audit;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One tool call, as written to the audit trail.
 *
 * @param timestamp when the call started, ISO-8601 UTC
 * @param connector the connector name
 * @param tool the tool (or resource template) called
 * @param access the access class
 * @param principal who called: the authenticated principal, {@code local:<user>} on stdio, {@code anonymous}
 * @param identity the data-source identity the call ran with: {@code service} (the connector's own) or the one
 *        mapped for the caller
 * @param session the MCP session id
 * @param arguments the arguments, secrets redacted and long values shortened
 * @param outcome ok, error, invalid, refused, timeout, cancelled or approval_pending
 * @param message the error shown to the caller, when not ok
 * @param durationMs how long the call took
 * @param items items returned
 * @param bytes bytes of data returned
 * @param truncated whether a limit cut the result short
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditRecord(String timestamp, String connector, String tool, String access, String principal,
        @JsonInclude(JsonInclude.Include.NON_NULL) String identity, String session, Map<String, Object> arguments, String outcome,
        @JsonInclude(JsonInclude.Include.NON_NULL) String message,
        @JsonProperty("duration_ms") double durationMs, long items, long bytes, boolean truncated) {

    public enum Outcome {
        OK,
        ERROR,
        INVALID,
        REFUSED,
        TIMEOUT,
        /** Stopped because the client cancelled the request. */
        CANCELLED,
        /** Not run: stored as a pending approval. */
        APPROVAL_PENDING;

        /** Made once: every call's record carries one. */
        private final String label = name().toLowerCase(Locale.ROOT);

        public String label() {
            return label;
        }
    }
}
