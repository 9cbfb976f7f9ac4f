package io.mcpconnectors.common.spi;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * A tool whose work is already non-blocking (for example a reactive database client). The runtime calls
 * {@link #callAsync} on the request's thread and answers when the stage completes, with no thread of its own per
 * call; the timeout still applies (the answer comes at the deadline), but the work is not interrupted, so such a
 * tool must also bound its work at the source (a server-side timeout). {@code callAsync} may throw
 * {@link ToolCallException} at once for a refusal; it must not block.
 */
public interface AsyncConnectorTool extends ConnectorTool {

    CompletionStage<ToolResult> callAsync(ToolCall call);

    @Override
    default ToolResult call(ToolCall call) throws Exception {
        try {
            return callAsync(call).toCompletableFuture().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
