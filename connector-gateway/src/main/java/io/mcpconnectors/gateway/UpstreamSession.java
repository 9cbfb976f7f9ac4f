package io.mcpconnectors.gateway;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
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
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * One MCP session of the gateway's with an upstream (the official SDK's client), and the routing of what the upstream
 * sends back during a call to the downstream request it belongs to: progress by the progress token the gateway puts
 * on every forwarded request; an elicitation (a write confirmation) to the one WRITE or ADMIN call in flight, since
 * those run one at a time per session and MCP does not say which request an elicitation is for; a log message to the
 * call it names (its {@code _meta} carries the call's progress token or the upstream's request id), else, on a session
 * of one caller's only, to that caller's one call in flight, else to the gateway's own log. A session shared by many
 * callers (a spawned connector's) never guesses: a log line about one caller's request must not reach another.
 * <p>
 * A WRITE or ADMIN call keeps the session's write turn until the upstream has answered it, even when its caller
 * stopped waiting (cancelled, timed out): until then the upstream may still act on it and ask for its confirmation,
 * which is declined, never put to the caller of the next write. A write whose caller stopped waiting before its turn
 * came is not sent at all.
 */
final class UpstreamSession implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UpstreamSession.class);
    /** The {@code _meta} keys by which an upstream says which request a log message is about. */
    static final String PROGRESS_TOKEN = "progressToken";
    static final String RELATED_REQUEST = "relatedRequestId";

    private final String upstream;
    private final boolean shared;
    private final McpAsyncClient client;
    private final CorrelatingTransport transport;
    private final Map<String, CallContext> calls = new ConcurrentHashMap<>();
    private final Duration confirmationTimeout;
    private final CancellationWatch cancellations;
    private final WriteTurns writes = new WriteTurns();
    /** Where the upstream's resource updates on this session go: nowhere until something subscribed through it. */
    private volatile BiConsumer<UpstreamSession, String> resourceUpdates = (session, uri) -> {
    };

    /** A session shared by callers, whose loss by the upstream ends it (nothing is opened again silently). */
    UpstreamSession(String upstream, McpClientTransport transport, boolean elicitation, Duration requestTimeout,
            Duration confirmationTimeout, CancellationWatch cancellations, Runnable onListChanged) {
        this(upstream, transport, elicitation, true, requestTimeout, confirmationTimeout, cancellations, onListChanged,
                () -> {
                });
    }

    /**
     * @param elicitation whether the session offers elicitation to the upstream: only when the downstream caller's
     *        client can answer one, so that an upstream falls back to its own admin approval otherwise
     * @param shared whether callers other than one share the session (a spawned connector's, a static token's)
     * @param onListChanged what to do when the upstream says its tools, resources or prompts changed
     * @param onSessionLost what to do when the upstream no longer knows the session (it restarted): the SDK would
     *        open a new one silently, and the upstream behind it would be served without its manifest checked again
     */
    UpstreamSession(String upstream, McpClientTransport transport, boolean elicitation, boolean shared,
            Duration requestTimeout, Duration confirmationTimeout, CancellationWatch cancellations,
            Runnable onListChanged, Runnable onSessionLost) {
        this.upstream = upstream;
        this.shared = shared;
        this.cancellations = cancellations;
        this.confirmationTimeout = confirmationTimeout;
        this.transport = new CorrelatingTransport(transport, (token, id) -> {
            CallContext call = calls.get(token);
            if (call != null) {
                call.upstreamId().set(id);
            }
        }, onSessionLost, uri -> resourceUpdates.accept(this, uri));
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

    /** Sends the upstream's {@code notifications/resources/updated} on this session, with their URI, here. */
    void onResourceUpdated(BiConsumer<UpstreamSession, String> updates) {
        this.resourceUpdates = updates;
    }

    McpAsyncClient client() {
        return client;
    }

    /** Opens the session (initialize); the server's name, as it introduced itself. */
    String initialize(Duration timeout) {
        return client.initialize().block(timeout).serverInfo().name();
    }

    /**
     * Forwards one request, routed as described above. A WRITE or ADMIN call waits for its turn: the one before it on
     * this session must have been answered by the upstream.
     */
    <T> Uni<T> forward(CallContext call, boolean gated, Function<String, Mono<T>> request) {
        return Uni.createFrom().<T>emitter(emitter -> {
            calls.put(call.token(), call);
            AtomicBoolean upstreamEnded = new AtomicBoolean();
            AtomicReference<Disposable> sent = new AtomicReference<>();
            Runnable ended = () -> {
                if (upstreamEnded.compareAndSet(false, true)) {
                    calls.remove(call.token());
                    if (gated) {
                        writes.leave(call);
                    }
                }
            };
            Runnable send = () -> {
                if (call.isAbandoned()) {
                    // Its caller stopped waiting while it queued: it is not sent at all.
                    ended.run();
                    return;
                }
                sent.set(request.apply(call.token()).subscribe(item -> {
                    ended.run();
                    emitter.complete(item);
                }, failure -> {
                    ended.run();
                    emitter.fail(failure);
                }, () -> {
                    ended.run();
                    emitter.complete(null);
                }));
                if (!gated && call.isAbandoned()) {
                    sent.get().dispose();
                }
            };
            emitter.onTermination(() -> {
                cancellations.forget(call.token());
                if (upstreamEnded.get()) {
                    return;
                }
                // The downstream caller went away, cancelled or ran out of time: the upstream is told, and whatever
                // it still sends about the request reaches nobody.
                call.abandoned().set(true);
                Object id = call.upstreamId().get();
                if (id != null) {
                    transport.cancel(id, "cancelled by the caller").subscribe(v -> {
                    }, e -> LOG.debugf("Cancellation of %s on %s not sent: %s", id, upstream, e.getMessage()));
                }
                if (!gated) {
                    Disposable subscription = sent.get();
                    if (subscription != null) {
                        subscription.dispose();
                    }
                    ended.run();
                }
                // A write keeps its turn until the upstream answers it (at the latest when the SDK's request
                // timeout ends it): until then the upstream may still be running it.
            });
            cancellations.watch(call.token(), call.cancellation(),
                    () -> emitter.fail(new Cancellation.OperationCancellationException()));
            if (gated) {
                writes.enter(call, send);
            } else {
                send.run();
            }
        });
    }

    /**
     * A fresh progress token for a forwarded request: 128 random bits, unique among the requests in flight. It names
     * a request to the upstream that already sees it, so it need not be unguessable, and a per-call draw from the
     * system's secure random source (a UUID's) cost more than the rest of preparing the request.
     */
    static String newToken() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "gw-" + Long.toHexString(random.nextLong()) + "-" + Long.toHexString(random.nextLong());
    }

    private Mono<Void> progress(McpSchema.ProgressNotification notification) {
        CallContext call = calls.get(String.valueOf(notification.progressToken()));
        if (call != null && !call.isAbandoned() && call.progress() != null && call.progress().token().isPresent()) {
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
        CallContext call = related(notification.meta());
        if (call == null && !shared) {
            List<CallContext> inFlight = calls.values().stream().filter(c -> !c.isAbandoned()).toList();
            if (inFlight.size() == 1) {
                call = inFlight.get(0);
            }
        }
        if (call != null && !call.isAbandoned() && call.log() != null && level != null) {
            call.log().send(level, notification.data());
        } else {
            // Not tied to one caller's request: the gateway's own log, warnings and worse where an admin looks.
            boolean serious = level != null && level.compareTo(McpLog.LogLevel.WARNING) >= 0;
            LOG.logf(serious ? Logger.Level.WARN : Logger.Level.DEBUG, "[%s] %s%s", upstream,
                    notification.logger() == null ? "" : notification.logger() + ": ", notification.data());
        }
        return Mono.empty();
    }

    /** The call a notification's {@code _meta} names, by the progress token or the upstream request id, or null. */
    private CallContext related(Map<String, Object> meta) {
        if (meta == null) {
            return null;
        }
        Object token = meta.get(PROGRESS_TOKEN);
        if (token != null) {
            CallContext call = calls.get(String.valueOf(token));
            if (call != null) {
                return call;
            }
        }
        Object id = meta.get(RELATED_REQUEST);
        if (id != null) {
            for (CallContext call : calls.values()) {
                Object sent = call.upstreamId().get();
                if (sent != null && String.valueOf(sent).equals(String.valueOf(id))) {
                    return call;
                }
            }
        }
        return null;
    }

    /**
     * Carries the upstream's question (a write confirmation) to the downstream caller of the WRITE or ADMIN call in
     * flight, and the caller's answer back. Without such a call, when its caller stopped waiting for it, or with a
     * form it cannot show faithfully, the answer is decline: nothing runs on a confirmation nobody gave.
     */
    private Mono<ElicitResult> elicit(McpSchema.ElicitFormRequest request) {
        CallContext call = writes.holder();
        if (call == null || call.isAbandoned()) {
            LOG.warnf("Upstream %s asked for a confirmation outside a write call whose caller waits for it; declined",
                    upstream);
            return Mono.just(new ElicitResult(ElicitResult.Action.DECLINE, null));
        }
        if (call.elicitation() == null || !call.elicitation().isSupported()) {
            LOG.warnf("Upstream %s asked for a confirmation from a caller that cannot answer; declined", upstream);
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

    /** The session's write turn: one WRITE or ADMIN call at a time, the others queued in order. */
    private static final class WriteTurns {
        private final Deque<Map.Entry<CallContext, Runnable>> waiting = new ArrayDeque<>();
        private CallContext holder;

        /** Runs {@code send} now if the turn is free, else once the calls before it have left. */
        void enter(CallContext call, Runnable send) {
            synchronized (this) {
                if (holder != null) {
                    waiting.addLast(Map.entry(call, send));
                    return;
                }
                holder = call;
            }
            send.run();
        }

        /** The holder leaves; the next in line, if any, gets the turn. */
        void leave(CallContext call) {
            Map.Entry<CallContext, Runnable> next;
            synchronized (this) {
                if (holder != call) {
                    return;
                }
                next = waiting.pollFirst();
                holder = next == null ? null : next.getKey();
            }
            if (next != null) {
                next.getValue().run();
            }
        }

        synchronized CallContext holder() {
            return holder;
        }
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
