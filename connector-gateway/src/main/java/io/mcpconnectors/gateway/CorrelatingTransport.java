package io.mcpconnectors.gateway;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import reactor.core.publisher.Mono;

/**
 * Sees which upstream request id the SDK gave each forwarded request (the SDK keeps them to itself), by the progress
 * token the gateway put on it, so a downstream cancellation can be sent upstream as {@code notifications/cancelled}
 * naming that request. The messages themselves pass unchanged.
 */
final class CorrelatingTransport implements McpClientTransport {

    private final McpClientTransport delegate;
    private final BiConsumer<String, Object> sent;

    CorrelatingTransport(McpClientTransport delegate, BiConsumer<String, Object> sent) {
        this.delegate = delegate;
        this.sent = sent;
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        return delegate.connect(handler);
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest request && request.params() instanceof McpSchema.Request params
                && params.progressToken() instanceof String token) {
            sent.accept(token, request.id());
        }
        return delegate.sendMessage(message);
    }

    /** Tells the upstream that the downstream caller cancelled this request. */
    Mono<Void> cancel(Object requestId, String reason) {
        return delegate.sendMessage(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION,
                "notifications/cancelled", Map.of("requestId", requestId, "reason", reason)));
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return delegate.unmarshalFrom(data, typeRef);
    }

    @Override
    public java.util.List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
