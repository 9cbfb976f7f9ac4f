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
}
