package io.mcpconnectors.common.approval;

import java.util.Locale;

/** Where an approval is in its life. A pending or approved one past its expiry counts as expired. */
public enum ApprovalStatus {
    /** Waiting for an admin's decision. */
    PENDING,
    /** Approved; the requester may re-submit the identical call once. */
    APPROVED,
    /** Denied; the call never runs. */
    DENIED,
    /** Claimed by a re-submission and running. Left in this state when the connector stopped mid-run. */
    EXECUTING,
    /** Ran and succeeded. */
    EXECUTED,
    /** Ran and failed. */
    FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
