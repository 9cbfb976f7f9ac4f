package io.mcpconnectors.common.spi;

import java.util.List;
import java.util.function.Supplier;

/**
 * One call as a tool sees it.
 *
 * @param arguments the validated arguments
 * @param limits the caps that apply
 * @param session the MCP session (connection) id
 * @param clientRoots the roots the client offered, fetched on first use; empty when it offers none
 * @param caller who calls, and the data-source identity the call runs with
 * @param report progress and log messages for the client while the call runs
 */
public record ToolCall(ToolArguments arguments, CallLimits limits, String session,
        Supplier<List<ClientRoot>> clientRoots, CallerIdentity caller, CallReport report) {

    /** A call nobody watches (no progress, no log messages). */
    public ToolCall(ToolArguments arguments, CallLimits limits, String session,
            Supplier<List<ClientRoot>> clientRoots, CallerIdentity caller) {
        this(arguments, limits, session, clientRoots, caller, CallReport.NONE);
    }

    /** Who calls: the authenticated principal, {@code local:<user>} on stdio, or {@code anonymous}. */
    public String principal() {
        return caller.principal();
    }

    /** A collector that stops at the item and byte caps of this call. */
    public CappedCollector collector() {
        return new CappedCollector(limits);
    }
}
