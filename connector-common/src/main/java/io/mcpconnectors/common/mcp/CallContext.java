package io.mcpconnectors.common.mcp;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolSpec;
import io.quarkiverse.mcp.server.Elicitation;

/**
 * One tool call as the runtime's stages see it (admit, execute, render, record), built once after the arguments
 * were validated and the caller's identity resolved.
 *
 * @param spec the tool's declaration
 * @param tool the tool
 * @param call the call as the tool sees it
 * @param principal who calls, or null when the session's caller is not known
 * @param arguments the validated arguments, without the runtime's approval_id, in the order the client sent them
 * @param shown the same arguments as the person approving sees them (declared secrets hidden)
 * @param approvalId the approval the call was re-submitted with, or null
 * @param elicitation the client's elicitation channel, or null
 * @param cancelled whether the client has cancelled the request
 * @param audit the record stage, written once with the outcome
 * @param place what the call's thread holds its caller's place in flight with, or null
 *        ({@link io.mcpconnectors.common.auth.InFlightWork#currentWork()}, taken where the call began)
 */
record CallContext(ToolSpec spec, ConnectorTool tool, ToolCall call, String principal, Map<String, Object> arguments,
        Map<String, Object> shown, String approvalId, Elicitation elicitation, BooleanSupplier cancelled,
        CallAudit audit, Supplier<Runnable> place) {

    /** The same call with the call as the tool sees it replaced (a deadline that starts when the tool starts). */
    CallContext withCall(ToolCall replaced) {
        return new CallContext(spec, tool, replaced, principal, arguments, shown, approvalId, elicitation, cancelled,
                audit, place);
    }
}
