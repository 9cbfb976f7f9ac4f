package io.mcpconnectors.common.mcp;

import io.mcpconnectors.common.spi.ToolCallException;

/**
 * A call's arguments do not fit the tool's declaration. MCP counts this as a tool execution error (SEP-1303): the
 * client gets an {@code isError} result whose message names the argument and what it accepts, so the model can
 * correct the call, not a JSON-RPC error.
 */
final class InvalidArgumentsException extends ToolCallException {

    private static final long serialVersionUID = 1L;

    InvalidArgumentsException(String message) {
        super(message);
    }
}
