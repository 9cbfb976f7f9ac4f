package io.mcpconnectors.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.ElicitationRequest;
import io.quarkiverse.mcp.server.ElicitationResponse;
import io.quarkiverse.mcp.server.McpLog;
import io.smallrye.mutiny.Uni;
import reactor.core.publisher.Mono;

/**
 * One MCP session of the gateway's with an upstream (the official SDK's client), and the routing of what the upstream
 * sends back during a call to the downstream request it belongs to: progress by the progress token the gateway puts
 * on every forwarded request; an elicitation (a write confirmation) to the one WRITE or ADMIN call in flight, since
 * those run one at a time per session and MCP does not say which request an elicitation is for; log messages to the
 * one call in flight, or to the gateway's log when several are.
 */
final class UpstreamSession implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UpstreamSession.class);

    private final String upstream;
    private final McpAsyncClient client;
    private final CorrelatingTransport transport;
    private final Map<String, CallContext> calls = new ConcurrentHashMap<>();
    private final Duration confirmationTimeout;
    private final CancellationWatch cancellations;
    private CompletableFuture<Void> gatedTail = CompletableFuture.completedFuture(null);
    private volatile CallContext gatedCall;

    /**
     * @param elicitation whether the session offers elicitation to the upstream: only when the downstream caller's
     *        client can answer one, so that an upstream falls back to its own admin approval otherwise
     * @param onListChanged what to do when the upstream says its tools, resources or prompts changed
     */
    UpstreamSession(String upstream, McpClientTransport transport, boolean elicitation, Duration requestTimeout,
            Duration confirmationTimeout, CancellationWatch cancellations, Runnable onListChanged) {
        this.upstream = upstream;
        this.cancellations = cancellations;
        this.confirmationTimeout = confirmationTimeout;
        this.transport = new CorrelatingTransport(transport, (token, id) -> {
            CallContext call = calls.get(token);
            if (call != null) {
                call.upstreamId().set(id);
            }
        });
        McpSchema.ClientCapabilities.Builder capabilities = McpSchema.ClientCapabilities.builder();
        if (elicitation) {
            capabilities.elicitation();
        }
        Function<List<?>, Mono<Void>> changed = items -> Mono.fromRunnable(onListChanged);
        McpClient.AsyncSpec spec = McpClient.async(this.transport)
                .clientInfo(new McpSchema.Implementation("connector-gateway", "1"))
                .capabilities(capabilities.build())
                .requestTimeout(requestTimeout)
                .initializationTimeout(Duration.ofSeconds(60))
                .progressConsumer(this::progress)
                .loggingConsumer(this::log)
                .toolsChangeConsumer(changed::apply)
                .resourcesChangeConsumer(changed::apply)
                .promptsChangeConsumer(changed::apply);
        if (elicitation) {
            spec.elicitation(this::elicit);
        }
        this.client = spec.build();
    }

    McpAsyncClient client() {
        return client;
    }

    /** Opens the session (initialize); the server's name, as it introduced itself. */
    String initialize(Duration timeout) {
        return client.initialize().block(timeout).serverInfo().name();
    }

    /**
     * Forwards one request, routed as described above. A WRITE or ADMIN call waits for the one before it on this
     * session to end.
     */
    <T> Uni<T> forward(CallContext call, boolean gated, Function<String, Mono<T>> request) {
        calls.put(call.token(), call);
        Uni<Runnable> admitted = gated ? Uni.createFrom().completionStage(this::enterGated).invoke(() -> gatedCall = call)
                : Uni.createFrom().item(() -> () -> {
                });
        return admitted.chain(release -> Uni.createFrom().<T>emitter(emitter -> {
            var subscription = request.apply(call.token()).subscribe(emitter::complete, emitter::fail,
                    () -> emitter.complete(null));
            cancellations.watch(call.token(), call.cancellation(),
                    () -> emitter.fail(new Cancellation.OperationCancellationException()));
            emitter.onTermination(() -> {
                cancellations.forget(call.token());
                if (!subscription.isDisposed()) {
                    // The downstream caller went away or cancelled: the upstream is told, and its answer ignored.
                    subscription.dispose();
                    Object id = call.upstreamId().get();
                    if (id != null) {
                        transport.cancel(id, "cancelled by the caller").subscribe(v -> {
                        }, e -> LOG.debugf("Cancellation of %s on %s not sent: %s", id, upstream, e.getMessage()));
                    }
                }
            });
        }).onTermination().invoke(() -> {
            calls.remove(call.token());
            if (gated) {
                gatedCall = null;
                release.run();
            }
        }));
    }

    /** A fresh progress token for a forwarded request. */
    static String newToken() {
        return "gw-" + UUID.randomUUID();
    }

    /** Waits for the WRITE or ADMIN call before this one to end; the returned action lets the next one in. */
    private synchronized CompletableFuture<Runnable> enterGated() {
        CompletableFuture<Void> previous = gatedTail;
        CompletableFuture<Void> mine = new CompletableFuture<>();
        gatedTail = mine;
        return previous.thenApply(v -> () -> mine.complete(null));
    }

    private Mono<Void> progress(McpSchema.ProgressNotification notification) {
        CallContext call = calls.get(String.valueOf(notification.progressToken()));
        if (call != null && call.progress() != null && call.progress().token().isPresent()) {
            var builder = call.progress().notificationBuilder().setProgress(notification.progress());
            if (notification.total() != null) {
                builder.setTotal(notification.total());
            }
            if (notification.message() != null) {
                builder.setMessage(notification.message());
            }
            builder.build().sendAndForget();
        }
        return Mono.empty();
    }

    private Mono<Void> log(McpSchema.LoggingMessageNotification notification) {
        McpLog.LogLevel level = McpLog.LogLevel.from(notification.level().name());
        List<CallContext> inFlight = new ArrayList<>(calls.values());
        if (inFlight.size() == 1 && inFlight.get(0).log() != null && level != null) {
            inFlight.get(0).log().send(level, notification.data());
        } else {
            // Not tied to one caller's request: the gateway's own log, warnings and worse where an admin looks.
            boolean serious = level != null && level.compareTo(McpLog.LogLevel.WARNING) >= 0;
            LOG.logf(serious ? Logger.Level.WARN : Logger.Level.DEBUG, "[%s] %s%s", upstream,
                    notification.logger() == null ? "" : notification.logger() + ": ", notification.data());
        }
        return Mono.empty();
    }

    /**
     * Carries the upstream's question (a write confirmation) to the downstream caller of the WRITE or ADMIN call in
     * flight, and the caller's answer back. Without such a call, or a form it cannot show faithfully, the answer is
     * decline: nothing runs on a confirmation nobody gave.
     */
    private Mono<ElicitResult> elicit(McpSchema.ElicitFormRequest request) {
        CallContext call = gatedCall;
        if (call == null || call.elicitation() == null || !call.elicitation().isSupported()) {
            LOG.warnf("Upstream %s asked for a confirmation outside a write call, or from a caller that cannot"
                    + " answer; declined", upstream);
            return Mono.just(new ElicitResult(ElicitResult.Action.DECLINE, null));
        }
        ElicitationRequest.Builder builder = call.elicitation().requestBuilder().setMessage(request.message())
                .setTimeout(confirmationTimeout);
        if (!ElicitationForms.copy(request.requestedSchema(), builder)) {
            LOG.warnf("Upstream %s asked for a confirmation form the gateway cannot show faithfully; declined",
                    upstream);
            return Mono.just(new ElicitResult(ElicitResult.Action.DECLINE, null));
        }
        return Mono.fromCompletionStage(() -> builder.build().send().subscribeAsCompletionStage())
                .map(UpstreamSession::result)
                .onErrorResume(e -> Mono.just(new ElicitResult(ElicitResult.Action.CANCEL, null)));
    }

    private static ElicitResult result(ElicitationResponse response) {
        return switch (response.action()) {
            case ACCEPT -> new ElicitResult(ElicitResult.Action.ACCEPT, response.content().asMap());
            case DECLINE -> new ElicitResult(ElicitResult.Action.DECLINE, null);
            case CANCEL -> new ElicitResult(ElicitResult.Action.CANCEL, null);
        };
    }

    /** Whether the session still answers (within the timeout). */
    boolean ping(Duration timeout) {
        try {
            client.ping().block(timeout);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (RuntimeException e) {
            LOG.debugf("Closing a session with %s: %s", upstream, e.getMessage());
        }
        transport.close();
    }
}
