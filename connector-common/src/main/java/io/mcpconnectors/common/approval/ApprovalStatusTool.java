package io.mcpconnectors.common.approval;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mcpconnectors.common.spi.ArgSpec;
import io.mcpconnectors.common.spi.ArgType;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;

/**
 * The runtime's own READ tool, registered whenever write tools go through approvals: the model asks whether an
 * approval it was given is decided, and learns what to do next. A caller sees only the approvals it requested.
 */
public final class ApprovalStatusTool implements ConnectorTool {

    public static final String NAME = "approval_status";

    private final ApprovalService approvals;

    public ApprovalStatusTool(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @Override
    public ToolSpec spec() {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("approval_id", Map.of("type", "string"));
        output.put("status", Map.of("type", "string", "description",
                "pending, approved, denied, expired, executing, executed or failed"));
        output.put("tool", Map.of("type", "string"));
        output.put("expires_at", Map.of("type", "string"));
        output.put("decided_by", Map.of("type", "string"));
        output.put("reason", Map.of("type", "string"));
        output.put("next_step", Map.of("type", "string", "description", "what to do now"));
        return new ToolSpec(NAME, "Approval status", "Tells whether a write or admin call that is waiting for"
                + " approval was approved, denied or has expired, and what to do next. When it is approved,"
                + " re-submit the identical call with approval_id.", ToolAccess.READ,
                List.of(ArgSpec.required("approval_id", ArgType.STRING, "The approval id the write tool returned")),
                output);
    }

    @Override
    public ToolResult call(ToolCall call) {
        String id = call.arguments().string("approval_id");
        Approval approval = approvals.visibleTo(id, call.principal()).orElseThrow(() -> new ToolCallException(
                "No approval " + id + " exists for you on this connector. Approval ids come from a write tool's"
                        + " answer; submit the write call again to request a new one."));
        Instant now = approvals.now();
        String status = approval.displayStatus(now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("approval_id", approval.id());
        data.put("status", status);
        data.put("tool", approval.tool());
        data.put("expires_at", approval.expiresAt().toString());
        if (approval.decidedBy() != null) {
            data.put("decided_by", approval.decidedBy());
        }
        if (approval.reason() != null) {
            data.put("reason", approval.reason());
        }
        data.put("next_step", switch (status) {
            case "pending" -> "Wait for an admin's decision, then ask again. Do not re-submit the call yet.";
            case "approved" -> "Re-submit the identical " + approval.tool() + " call with approval_id=\""
                    + approval.id() + "\". It runs once.";
            case "denied" -> "Do not run it. Tell the user it was denied.";
            case "expired" -> "It can no longer be used. Submit the call again without approval_id to request a new"
                    + " approval.";
            default -> "It was already used; it will not run again.";
        });
        return ToolResult.of(data, 1);
    }
}
