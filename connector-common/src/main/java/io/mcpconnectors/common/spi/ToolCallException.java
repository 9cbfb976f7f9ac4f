package io.mcpconnectors.common.spi;

/**
 * A call the tool refuses or cannot complete for a reason the user can act on. The runtime turns it into an
 * {@code isError} result with this message, so the message must say what was wrong and what to do, and must
 * never carry a secret or a stack trace.
 */
public class ToolCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ToolCallException(String message) {
        super(message);
    }

    public ToolCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
