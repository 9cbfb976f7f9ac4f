package io.mcpconnectors.gateway;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpTransportSessionNotFoundException;
import reactor.core.publisher.Mono;

/**
 * Sees which upstream request id the SDK gave each forwarded request (the SDK keeps them to itself), by the progress
 * token the gateway put on it, so a downstream cancellation can be sent upstream as {@code notifications/cancelled}
 * naming that request. The messages themselves pass unchanged.
 * <p>
 * It also stands between the transport and the SDK's handling of transport failures: when the upstream no longer
 * knows the session (it restarted or was redeployed), the SDK would open a new session on its own, silently, and the
 * gateway would go on serving whatever the upstream now offers. Instead the loss is reported, and the gateway treats
 * the upstream as lost: it connects again, lists again and checks the pin again.
 * <p>
 * The upstream's {@code notifications/resources/updated} are taken out here and handed to the gateway's
 * subscriptions ({@link UpstreamSubscriptions}) with their URI.
 */
final class CorrelatingTransport implements McpClientTransport {

    private final McpClientTransport delegate;
    private final BiConsumer<String, Object> sent;
    private final Runnable sessionLost;
    private final Consumer<String> resourceUpdated;

    /** @param resourceUpdated what to do with the URI of a {@code notifications/resources/updated} from the upstream */
    CorrelatingTransport(McpClientTransport delegate, BiConsumer<String, Object> sent, Runnable sessionLost,
            Consumer<String> resourceUpdated) {
        this.delegate = delegate;
        this.sent = sent;
        this.sessionLost = sessionLost;
        this.resourceUpdated = resourceUpdated;
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(failure -> {
            if (failure instanceof McpTransportSessionNotFoundException) {
                sessionLost.run();
            } else {
                handler.accept(failure);
            }
        });
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        // A resource's update goes to the gateway's subscriptions, not to the SDK, which would read the resource.
        return delegate.connect(incoming -> incoming.flatMap(message -> {
            if (message instanceof McpSchema.JSONRPCNotification notification
                    && McpSchema.METHOD_NOTIFICATION_RESOURCES_UPDATED.equals(notification.method())) {
                if (notification.params() instanceof Map<?, ?> params && params.get("uri") instanceof String uri) {
                    resourceUpdated.accept(uri);
                }
                return Mono.empty();
            }
            return handler.apply(Mono.just(message));
        }));
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
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
