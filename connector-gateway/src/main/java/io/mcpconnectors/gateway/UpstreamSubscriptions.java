package io.mcpconnectors.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import org.jboss.logging.Logger;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkiverse.mcp.server.runtime.ConnectionManager;
import io.quarkiverse.mcp.server.runtime.McpConnectionBase;
import io.vertx.core.json.JsonObject;

/**
 * Resource subscriptions through the gateway. A downstream session's {@code resources/subscribe} of a resource of an
 * upstream is forwarded on the upstream session that session's caller uses for its tool calls (its own per caller
 * where the upstream is reached over HTTP with identity assertions, the shared one of a spawned connector), once per
 * upstream session and URI however many downstream sessions share it; the upstream's
 * {@code notifications/resources/updated} on that upstream session goes to the downstream sessions subscribed through
 * it to that URI, and to no other. The last one to unsubscribe, or to end, ends the upstream subscription.
 * <p>
 * Every {@code connector.limits.subscription-poll-interval} a check drops the subscriptions of ended sessions and
 * moves the others to the upstream session their caller would use now, subscribing there again: after an upstream
 * restarted, or after a caller's idle HTTP session with an upstream was closed. A session holds at most
 * {@code connector.limits.max-subscriptions}.
 */
final class UpstreamSubscriptions implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UpstreamSubscriptions.class);

    /** One downstream session's subscription, and the upstream session it is held on (null until it is). */
    private static final class Subscription {
        final String upstream;
        UpstreamSession held;

        Subscription(String upstream) {
            this.upstream = upstream;
        }
    }

    private final ConnectionManager connections;
    private final GatewayRegistry registry;
    private final BiFunction<UpstreamSupervisor, String, UpstreamSession> sessions;
    private final KnownSecrets secrets;
    private final Duration timeout;
    private final int maxPerSession;
    private final Duration interval;
    /** downstream session → URI → subscription. */
    private final Map<String, Map<String, Subscription>> bySession = new HashMap<>();
    /**
     * upstream session → URI → downstream sessions subscribed through it. Changed under this object's lock, read
     * without it by {@link #updated}, which runs on the thread that reads the upstream's messages: waiting for the lock
     * there, while a subscribe holds it waiting for the upstream's answer on that same thread, would stall both.
     */
    private final Map<UpstreamSession, Map<String, Set<String>>> byUpstream = new ConcurrentHashMap<>();
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
    synchronized void subscribe(String session, String uri, GatewayRegistry.Served upstream) {
        Map<String, Subscription> own = bySession.computeIfAbsent(session, s -> new LinkedHashMap<>());
        if (own.containsKey(uri)) {
            return;
        }
        if (own.size() >= maxPerSession) {
            throw new UpstreamRequestError(UpstreamRequestError.INVALID_PARAMS, "Invalid params: this session is"
                    + " already subscribed to " + own.size() + " resources, the most connector.limits.max-subscriptions"
                    + " allows; unsubscribe from one first.");
        }
        UpstreamSession held = sessions.apply(upstream.upstream(), session);
        hold(held, uri, session, upstream.name());
        Subscription subscription = new Subscription(upstream.name());
        subscription.held = held;
        own.put(uri, subscription);
        startChecking();
    }

    /**
     * Ends a downstream session's subscription; an error when it had none to that resource.
     *
     * @return the name of the upstream the subscription was to
     */
    synchronized String unsubscribe(String session, String uri) {
        Map<String, Subscription> own = bySession.get(session);
        Subscription subscription = own == null ? null : own.remove(uri);
        if (subscription == null) {
            throw new UpstreamRequestError(UpstreamRequestError.RESOURCE_NOT_FOUND, "Resource not found: this session"
                    + " is not subscribed to " + uri + "; resources/subscribe first.");
        }
        if (own.isEmpty()) {
            bySession.remove(session);
        }
        release(subscription, uri, session);
        return subscription.upstream;
    }

    /** How many resources a downstream session is subscribed to. */
    synchronized int count(String session) {
        Map<String, Subscription> own = bySession.get(session);
        return own == null ? 0 : own.size();
    }

    /** The upstream said a resource changed on one of its sessions: the downstream sessions subscribed there hear it. */
    void updated(UpstreamSession upstream, String uri) {
        Map<String, Set<String>> uris = byUpstream.get(upstream);
        Set<String> found = uris == null ? null : uris.get(uri);
        List<String> subscribers = found == null ? List.of() : new ArrayList<>(found);
        for (String session : subscribers) {
            McpConnectionBase connection = connections.get(session);
            if (connection != null) {
                connection.send(new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/resources/updated")
                        .put("params", new JsonObject().put("uri", uri)));
            }
        }
    }

    /** Subscribes on an upstream session unless a downstream session already has through it. */
    private void hold(UpstreamSession held, String uri, String session, String upstream) {
        Map<String, Set<String>> uris = byUpstream.computeIfAbsent(held, s -> new ConcurrentHashMap<>());
        Set<String> subscribers = uris.get(uri);
        if (subscribers == null || subscribers.isEmpty()) {
            held.onResourceUpdated(this::updated);
            try {
                UpstreamRequestError.await(upstream, "resources/subscribe",
                        held.client().subscribeResource(new McpSchema.SubscribeRequest(uri)), timeout, secrets);
            } catch (RuntimeException e) {
                if (uris.isEmpty()) {
                    byUpstream.remove(held);
                }
                throw e;
            }
            subscribers = ConcurrentHashMap.newKeySet();
            uris.put(uri, subscribers);
        }
        subscribers.add(session);
    }

    /** Lets go of a subscription's upstream session; the last one through it ends the upstream subscription. */
    private void release(Subscription subscription, String uri, String session) {
        UpstreamSession held = subscription.held;
        subscription.held = null;
        if (held == null) {
            return;
        }
        Map<String, Set<String>> uris = byUpstream.get(held);
        Set<String> subscribers = uris == null ? null : uris.get(uri);
        if (subscribers == null || !subscribers.remove(session) || !subscribers.isEmpty()) {
            return;
        }
        uris.remove(uri);
        if (uris.isEmpty()) {
            byUpstream.remove(held);
        }
        held.client().unsubscribeResource(new McpSchema.UnsubscribeRequest(uri)).subscribe(v -> {
        }, e -> LOG.debugf("Unsubscribing %s at upstream %s: %s", uri, subscription.upstream, e.getMessage()));
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
    synchronized void check() {
        for (String session : List.copyOf(bySession.keySet())) {
            Map<String, Subscription> own = bySession.get(session);
            if (connections.get(session) == null) {
                own.forEach((uri, subscription) -> release(subscription, uri, session));
                bySession.remove(session);
                continue;
            }
            own.forEach((uri, subscription) -> follow(session, uri, subscription));
        }
    }

    private void follow(String session, String uri, Subscription subscription) {
        GatewayRegistry.Served upstream = registry.served(subscription.upstream);
        if (upstream == null) {
            release(subscription, uri, session);
            return;
        }
        UpstreamSession now;
        try {
            now = sessions.apply(upstream.upstream(), session);
        } catch (RuntimeException e) {
            release(subscription, uri, session);
            return;
        }
        if (now == subscription.held) {
            return;
        }
        release(subscription, uri, session);
        try {
            hold(now, uri, session, upstream.name());
            subscription.held = now;
        } catch (RuntimeException e) {
            LOG.debugf("Subscribing %s again at upstream %s: %s", uri, upstream.name(), e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (checker != null) {
            checker.shutdownNow();
        }
    }
}
