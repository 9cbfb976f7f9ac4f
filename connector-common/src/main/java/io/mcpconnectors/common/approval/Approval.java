package io.mcpconnectors.common.approval;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One write or admin call that waits for, or has had, a human decision.
 *
 * @param id the approval id the requester re-submits with
 * @param connector the connector that received the call
 * @param tool the tool called
 * @param access WRITE or ADMIN
 * @param principal who requested it (an HTTP principal, or {@code local:<user>} on stdio)
 * @param argumentsHash SHA-256 of the exact arguments, which a re-submission must match
 * @param arguments the arguments as shown to approvers (secret values redacted)
 * @param preview what the connector could tell about the effect at request time
 * @param status where it is in its life
 * @param createdAt when it was requested
 * @param expiresAt after this it can be neither decided nor used
 * @param decidedBy who approved or denied it
 * @param decidedAt when
 * @param reason the approver's reason, when given
 * @param finishedAt when the approved call finished
 * @param outcome how the approved call ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Approval(String id, String connector, String tool, String access, String principal,
        String argumentsHash, Map<String, Object> arguments, String preview, ApprovalStatus status,
        Instant createdAt, Instant expiresAt, String decidedBy, Instant decidedAt, String reason,
        Instant finishedAt, String outcome) {

    public Approval {
        arguments = arguments == null ? Map.of() : arguments;
    }

    /** Whether it can no longer be decided or used because its time ran out. */
    public boolean expired(Instant now) {
        return (status == ApprovalStatus.PENDING || status == ApprovalStatus.APPROVED) && !now.isBefore(expiresAt);
    }

    /** The status as users see it: {@code expired} for a pending or approved one past its expiry. */
    public String displayStatus(Instant now) {
        return expired(now) ? "expired" : status.label();
    }

    public Approval decided(ApprovalStatus decision, String approver, Instant at, String why) {
        return new Approval(id, connector, tool, access, principal, argumentsHash, arguments, preview, decision,
                createdAt, expiresAt, approver, at, why, finishedAt, outcome);
    }

    public Approval claimed() {
        return new Approval(id, connector, tool, access, principal, argumentsHash, arguments, preview,
                ApprovalStatus.EXECUTING, createdAt, expiresAt, decidedBy, decidedAt, reason, finishedAt, outcome);
    }

    public Approval finished(boolean succeeded, Instant at, String how) {
        return new Approval(id, connector, tool, access, principal, argumentsHash, arguments, preview,
                succeeded ? ApprovalStatus.EXECUTED : ApprovalStatus.FAILED, createdAt, expiresAt, decidedBy,
                decidedAt, reason, at, how);
    }
}
