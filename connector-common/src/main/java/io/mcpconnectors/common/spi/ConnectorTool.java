package io.mcpconnectors.common.spi;

/**
 * One tool of a connector. Implementations are CDI beans; the runtime discovers them, decides whether they are
 * registered, and wraps every call with validation, limits, approval and audit.
 */
public interface ConnectorTool {

    ToolSpec spec();

    /**
     * Runs the call. Throw {@link ToolCallException} for a refusal the user can act on; anything else is reported
     * as an internal failure without details.
     */
    ToolResult call(ToolCall call) throws Exception;

    /**
     * For a WRITE or ADMIN tool: what the call would do, shown to the person asked to approve it, without changing
     * anything (a diff, the rows a statement would touch, the record before and after). Runs before approval, under
     * the same read-only rules as a read tool. Null when the arguments say it all.
     */
    default String preview(ToolCall call) throws Exception {
        return null;
    }
}
