package io.mcpconnectors.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

import org.jboss.logging.Logger;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkiverse.mcp.server.runtime.ConnectionManager;
import io.quarkiverse.mcp.server.runtime.McpConnectionBase;
import io.vertx.core.json.JsonObject;
import reactor.core.publisher.Mono;

/**
 * Resource subscriptions through the gateway. A downstream session's {@code resources/subscribe} of a resource of an
 * upstream is forwarded on the upstream session that session's caller uses for its tool calls (its own per caller
 * where the upstream is reached over HTTP with identity assertions, the shared one of a spawned connector), once per
 * upstream session and URI however many downstream sessions share it; the upstream's
 * {@code notifications/resources/updated} on that upstream session goes to the downstream sessions subscribed through
 * it to that URI, and to no other. The last one to unsubscribe, or to end, ends the upstream subscription.
 * <p>
 * No lock is held while an upstream is asked anything: the bookkeeping changes under a short lock, the upstream's
 * answer is awaited outside it, so a slow upstream delays only the subscriptions to its own resources. A subscription
 * asked for while the same one is on its way to the upstream waits for that answer instead of asking again; one whose
 * last subscriber left before the upstream answered is ended upstream once it has answered.
 * <p>
 * Every {@code connector.limits.subscription-poll-interval} a check drops the subscriptions of ended sessions and
 * moves the others to the upstream session their caller would use now, subscribing there again: after an upstream
 * restarted, or after a caller's idle HTTP session with an upstream was closed. Since the resource may have changed
 * while it was not subscribed, each subscriber so moved is sent {@code notifications/resources/updated} for it once the
 * upstream accepted the new subscription. A session holds at most {@code connector.limits.max-subscriptions}.
 */
final class UpstreamSubscriptions implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UpstreamSubscriptions.class);

    /** One downstream session's subscription to a URI. */
    private static final class Subscription {
        final String upstream;
        /** Completed once the first subscribe was answered; exceptionally when it failed. */
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        /** The upstream subscription it goes through; null while there is none (the upstream is away). Guarded. */
        Held held;

        Subscription(String upstream) {
            this.upstream = upstream;
        }
    }

    /** The subscription to one URI on one upstream session, shared by the downstream sessions subscribed through it. */
    private static final class Held {
        final UpstreamSession on;
        final String uri;
        final String upstream;
        /** The upstream's answer: asked for once, given again to everyone who waits for it. */
        final Mono<Void> answer;
        /** The downstream sessions subscribed through it: changed under the lock, read without it by updated(). */
        final Set<String> subscribers = ConcurrentHashMap.newKeySet();
        /** Guarded: the request went out, the upstream accepted it, it is over (refused, or ended). */
        boolean started;
        boolean accepted;
        boolean over;

        Held(UpstreamSession on, String uri, String upstream) {
            this.on = on;
            this.uri = uri;
            this.upstream = upstream;
            McpSchema.SubscribeRequest request = new McpSchema.SubscribeRequest(uri);
            this.answer = Mono.defer(() -> on.client().subscribeResource(request)).cache();
        }
    }

    /** A subscription the check moves, taken out of the lock. */
    private record Moved(String session, String uri, Subscription subscription) {
    }

    private final ConnectionManager connections;
    private final GatewayRegistry registry;
    private final BiFunction<UpstreamSupervisor, String, UpstreamSession> sessions;
    private final KnownSecrets secrets;
    private final Duration timeout;
    private final int maxPerSession;
    private final Duration interval;
    /** Guards the maps, the subscriptions' {@code held} and the held subscriptions' state; never held during I/O. */
    private final Object lock = new Object();
    /** downstream session → URI → subscription. */
    private final Map<String, Map<String, Subscription>> bySession = new HashMap<>();
    /**
     * upstream session → URI → upstream subscription. Changed under the lock, read without it by {@link #updated},
     * which runs on the thread that reads the upstream's messages.
     */
    private final Map<UpstreamSession, Map<String, Held>> byUpstream = new ConcurrentHashMap<>();
    private ScheduledExecutorService checker;

    /** @param sessions the upstream session of a downstream session's caller (throws when there is none now) */
    UpstreamSubscriptions(ConnectionManager connections, GatewayRegistry registry,
            BiFunction<UpstreamSupervisor, String, UpstreamSession> sessions, KnownSecrets secrets, Duration timeout,
            int maxPerSession, Duration interval) {
        this.connections = connections;
        this.registry = registry;
        this.sessions = sessions;
        this.secrets = secrets;
        this.timeout = timeout;
        this.maxPerSession = maxPerSession;
        this.interval = interval;
    }

    /** Subscribes a downstream session to a resource of an upstream; an error the client sees when it cannot. */
    void subscribe(String session, String uri, GatewayRegistry.Served upstream) {
        Subscription existing;
        Subscription subscription = null;
        synchronized (lock) {
            Map<String, Subscription> own = bySession.get(session);
            existing = own == null ? null : own.get(uri);
            if (existing == null) {
                if (own != null && own.size() >= maxPerSession) {
                    throw new UpstreamRequestError(UpstreamRequestError.INVALID_PARAMS, "Invalid params: this session"
                            + " is already subscribed to " + own.size() + " resources, the most"
                            + " connector.limits.max-subscriptions allows; unsubscribe from one first.");
                }
                subscription = new Subscription(upstream.name());
                bySession.computeIfAbsent(session, s -> new LinkedHashMap<>()).put(uri, subscription);
            }
        }
        if (existing != null) {
            // The same subscription again (perhaps while the first is still on its way): its answer is this one's.
            awaitReady(existing, upstream.name());
            return;
        }
        startChecking();
        try {
            UpstreamSession on = sessions.apply(upstream.upstream(), session);
            Held held;
            synchronized (lock) {
                // Unsubscribed, or the session ended, while the upstream session was found: nothing to hold.
                held = current(session, uri, subscription) ? join(on, uri, session, subscription, upstream.name())
                        : null;
            }
            if (held != null) {
                start(held);
                UpstreamRequestError.await(upstream.name(), GatewayResourceRequests.SUBSCRIBE, held.answer, timeout,
                        secrets);
            }
        } catch (RuntimeException e) {
            Runnable after;
            synchronized (lock) {
                after = forget(session, uri, subscription);
            }
            run(after);
            subscription.ready.completeExceptionally(e);
            throw e;
        }
        subscription.ready.complete(null);
    }

    /** Waits (outside the lock) for the answer to a subscription's first subscribe, and fails as it failed. */
    private void awaitReady(Subscription subscription, String upstream) {
        try {
            subscription.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new UpstreamRequestError(UpstreamRequestError.INTERNAL_ERROR, "upstream " + upstream
                    + " did not answer " + GatewayResourceRequests.SUBSCRIBE + " within " + timeout.toMillis()
                    + " ms (connector.limits.timeout of the gateway)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamRequestError(UpstreamRequestError.INTERNAL_ERROR, "the gateway is stopping");
        }
    }

    /**
     * Ends a downstream session's subscription; an error when it had none to that resource.
     *
     * @return the name of the upstream the subscription was to
     */
    String unsubscribe(String session, String uri) {
        Subscription subscription;
        Runnable after;
        synchronized (lock) {
            Map<String, Subscription> own = bySession.get(session);
            subscription = own == null ? null : own.remove(uri);
            if (subscription == null) {
                throw new UpstreamRequestError(UpstreamRequestError.RESOURCE_NOT_FOUND, "Resource not found: this"
                        + " session is not subscribed to " + uri + "; resources/subscribe first.");
            }
            if (own.isEmpty()) {
                bySession.remove(session);
            }
            after = release(subscription, session);
        }
        run(after);
        return subscription.upstream;
    }

    /** How many resources a downstream session is subscribed to. */
    int count(String session) {
        synchronized (lock) {
            Map<String, Subscription> own = bySession.get(session);
            return own == null ? 0 : own.size();
        }
    }

    /** The upstream said a resource changed on one of its sessions: the downstream sessions subscribed there hear it. */
    void updated(UpstreamSession upstream, String uri) {
        Map<String, Held> uris = byUpstream.get(upstream);
        Held held = uris == null ? null : uris.get(uri);
        if (held != null) {
            tell(List.copyOf(held.subscribers), uri);
        }
    }

    private void tell(List<String> subscribers, String uri) {
        for (String session : subscribers) {
            McpConnectionBase connection = connections.get(session);
            if (connection != null) {
                connection.send(new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/resources/updated")
                        .put("params", new JsonObject().put("uri", uri)));
            }
        }
    }

    /** Whether a subscription is still the session's subscription to that URI. Under the lock. */
    private boolean current(String session, String uri, Subscription subscription) {
        Map<String, Subscription> own = bySession.get(session);
        return own != null && own.get(uri) == subscription;
    }

    /**
     * Puts a subscription through the upstream subscription to its URI on an upstream session, making one (not yet
     * asked for: {@link #start}) unless there is one. Under the lock.
     */
    private Held join(UpstreamSession on, String uri, String session, Subscription subscription, String upstream) {
        Map<String, Held> uris = byUpstream.computeIfAbsent(on, s -> new ConcurrentHashMap<>());
        Held held = uris.get(uri);
        if (held == null || held.over) {
            held = new Held(on, uri, upstream);
            uris.put(uri, held);
        }
        held.subscribers.add(session);
        subscription.held = held;
        return held;
    }

    /** Asks the upstream for a held subscription, unless that was done; its answer settles it. Outside the lock. */
    private void start(Held held) {
        synchronized (lock) {
            if (held.started) {
                return;
            }
            held.started = true;
        }
        held.on.onResourceUpdated(this::updated);
        held.answer.subscribe(v -> {
        }, e -> refused(held), () -> accepted(held));
    }

    /** The upstream accepted a subscription; if every subscriber left while it was asked for, it is ended now. */
    private void accepted(Held held) {
        Runnable after = null;
        synchronized (lock) {
            held.accepted = true;
            if (held.subscribers.isEmpty() && !held.over) {
                after = end(held);
            }
        }
        run(after);
    }

    /** The upstream refused a subscription, or did not answer: the subscriptions through it hold nothing now. */
    private void refused(Held held) {
        synchronized (lock) {
            held.over = true;
            unmap(held);
            for (String session : held.subscribers) {
                Map<String, Subscription> own = bySession.get(session);
                Subscription subscription = own == null ? null : own.get(held.uri);
                if (subscription != null && subscription.held == held) {
                    subscription.held = null;
                }
            }
            held.subscribers.clear();
        }
    }

    /** Takes a subscription out of its session's (if it is still there) and lets go of what it holds. Under the lock. */
    private Runnable forget(String session, String uri, Subscription subscription) {
        Map<String, Subscription> own = bySession.get(session);
        if (own != null && own.get(uri) == subscription) {
            own.remove(uri);
            if (own.isEmpty()) {
                bySession.remove(session);
            }
        }
        return release(subscription, session);
    }

    /**
     * Lets go of a subscription's upstream subscription; the last one through it ends it, once the upstream accepted
     * it. Under the lock; what is returned (the unsubscribe) runs after it.
     */
    private Runnable release(Subscription subscription, String session) {
        Held held = subscription.held;
        subscription.held = null;
        if (held == null) {
            return null;
        }
        held.subscribers.remove(session);
        if (!held.subscribers.isEmpty() || held.over || !held.accepted) {
            return null;
        }
        return end(held);
    }

    /** Ends a held subscription here; what is returned ends it upstream. Under the lock. */
    private Runnable end(Held held) {
        held.over = true;
        unmap(held);
        return () -> held.on.client().unsubscribeResource(new McpSchema.UnsubscribeRequest(held.uri)).subscribe(v -> {
        }, e -> LOG.debugf("Unsubscribing %s at upstream %s: %s", held.uri, held.upstream, e.getMessage()));
    }

    private void unmap(Held held) {
        Map<String, Held> uris = byUpstream.get(held.on);
        if (uris != null && uris.remove(held.uri, held) && uris.isEmpty()) {
            byUpstream.remove(held.on, uris);
        }
    }

    private static void run(Runnable after) {
        if (after != null) {
            after.run();
        }
    }

    private synchronized void startChecking() {
        if (checker == null) {
            checker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "gateway-subscriptions");
                thread.setDaemon(true);
                return thread;
            });
            long millis = interval.toMillis();
            checker.scheduleWithFixedDelay(() -> {
                try {
                    check();
                } catch (RuntimeException e) {
                    // One failed round must not end the checks (a scheduled task that throws is not run again).
                    LOG.warnf("Checking the gateway's resource subscriptions failed: %s", e.getMessage());
                }
            }, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** One round: ends the subscriptions of ended sessions, and holds the others on their caller's session now. */
    void check() {
        List<Runnable> after = new ArrayList<>();
        List<Moved> live = new ArrayList<>();
        synchronized (lock) {
            for (String session : List.copyOf(bySession.keySet())) {
                Map<String, Subscription> own = bySession.get(session);
                if (connections.get(session) == null) {
                    own.values().forEach(subscription -> after.add(release(subscription, session)));
                    bySession.remove(session);
                    continue;
                }
                // A subscription whose first subscribe is still on its way is that subscribe's to settle.
                own.forEach((uri, subscription) -> {
                    if (subscription.ready.isDone()) {
                        live.add(new Moved(session, uri, subscription));
                    }
                });
            }
        }
        after.forEach(UpstreamSubscriptions::run);
        live.forEach(this::follow);
    }

    /** Holds a subscription on the upstream session its caller would use now, if that is another one. */
    private void follow(Moved moved) {
        Subscription subscription = moved.subscription();
        GatewayRegistry.Served upstream = registry.served(subscription.upstream);
        UpstreamSession now = null;
        if (upstream != null) {
            try {
                now = sessions.apply(upstream.upstream(), moved.session());
            } catch (RuntimeException e) {
                // The upstream is away: the subscription holds nothing until it is back.
            }
        }
        Runnable after;
        Held held = null;
        synchronized (lock) {
            if (!current(moved.session(), moved.uri(), subscription)
                    || (now != null && subscription.held != null && subscription.held.on == now)) {
                return;
            }
            after = release(subscription, moved.session());
            if (now != null) {
                held = join(now, moved.uri(), moved.session(), subscription, upstream.name());
            }
        }
        run(after);
        if (held != null) {
            Held on = held;
            start(on);
            on.answer.subscribe(v -> {
            }, e -> LOG.debugf("Subscribing %s again at upstream %s: %s", moved.uri(), on.upstream, e.getMessage()),
                    () -> resubscribed(moved, on));
        }
    }

    /**
     * A subscription is held again on another upstream session: what changed while it was not held went unreported, so
     * its subscriber hears that the resource may have changed, and can read it again.
     */
    private void resubscribed(Moved moved, Held held) {
        synchronized (lock) {
            if (!current(moved.session(), moved.uri(), moved.subscription()) || moved.subscription().held != held) {
                return;
            }
        }
        tell(List.of(moved.session()), moved.uri());
    }

    @Override
    public synchronized void close() {
        if (checker != null) {
            checker.shutdownNow();
        }
    }
}
