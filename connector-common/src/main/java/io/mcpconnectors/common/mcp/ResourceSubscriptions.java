package io.mcpconnectors.common.mcp;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.mcp.ResourceRequests.RequestError;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.ConnectorResource;
import io.mcpconnectors.common.spi.ToolCallException;
import io.quarkiverse.mcp.server.runtime.ConnectionManager;
import io.quarkiverse.mcp.server.runtime.McpConnectionBase;
import io.vertx.core.json.JsonObject;

/**
 * The resources each session subscribed to ({@code resources/subscribe}), and the watch that notices their changes:
 * every {@code connector.limits.subscription-poll-interval} each subscribed resource's version is asked of its
 * connector ({@link ConnectorResource#version}), with the subscriber's identity, and a changed version sends
 * {@code notifications/resources/updated} to that session. Polling, rather than file-system events, works the same
 * for every connector and on every file system (network mounts, containers' overlays). A session holds at most
 * {@code connector.limits.max-subscriptions}; its subscriptions end with {@code resources/unsubscribe} or when the
 * session ends, which the next check notices. The thread runs only while there are subscriptions.
 */
@ApplicationScoped
public class ResourceSubscriptions {

    private static final Logger LOG = Logger.getLogger(ResourceSubscriptions.class);
    private static final int RESOURCE_NOT_FOUND = -32002;
    private static final int INVALID_PARAMS = -32602;

    /** One subscribed resource of one session, with the version last seen. */
    private static final class Watch {
        final ConnectorResource resource;
        final CallerIdentity caller;
        volatile String version;

        Watch(ConnectorResource resource, CallerIdentity caller, String version) {
            this.resource = resource;
            this.caller = caller;
            this.version = version;
        }
    }

    private final Instance<ConnectorResource> resources;
    private final ConnectionManager connections;
    private final int maxPerSession;
    private final Duration interval;
    /** session id → uri → watch. */
    private final Map<String, Map<String, Watch>> sessions = new ConcurrentHashMap<>();
    private ScheduledExecutorService poller;

    public ResourceSubscriptions(Instance<ConnectorResource> resources, ConnectionManager connections,
            ConnectorRuntimeConfig config) {
        this.resources = resources;
        this.connections = connections;
        this.maxPerSession = config.limits().maxSubscriptions();
        this.interval = config.limits().subscriptionPollInterval();
    }

    /** Whether any of the connector's resources can be subscribed to. */
    public boolean offered() {
        return resources.stream().anyMatch(ConnectorResource::subscribable);
    }

    /** Subscribes a session to a resource the caller may read; a clear error when it may not or cannot. */
    void subscribe(String session, String uri, CallerIdentity caller) throws Exception {
        Map<String, Watch> own = sessions.computeIfAbsent(session, s -> new ConcurrentHashMap<>());
        if (own.containsKey(uri)) {
            return;
        }
        if (!offered()) {
            throw notWatchable(uri);
        }
        if (own.size() >= maxPerSession) {
            throw new RequestError(INVALID_PARAMS, "Invalid params: this session is already subscribed to "
                    + own.size() + " resources, the most connector.limits.max-subscriptions allows; unsubscribe from"
                    + " one first.");
        }
        for (ConnectorResource resource : resources) {
            if (!resource.subscribable()) {
                continue;
            }
            String version;
            try {
                version = resource.version(uri, caller);
            } catch (ToolCallException e) {
                // The connector's own message already says what is wrong and what to do (as resources/read answers it).
                throw new RequestError(RESOURCE_NOT_FOUND, e.getMessage());
            }
            if (version != null) {
                own.put(uri, new Watch(resource, caller, version));
                startPolling();
                return;
            }
        }
        throw notWatchable(uri);
    }

    /** Ends a session's subscription; an error when it had none to that resource. */
    void unsubscribe(String session, String uri) {
        Map<String, Watch> own = sessions.get(session);
        if (own == null || own.remove(uri) == null) {
            throw new RequestError(RESOURCE_NOT_FOUND, "Resource not found: this session is not subscribed to " + uri
                    + "; resources/subscribe first.");
        }
    }

    /** How many resources a session is subscribed to. */
    public int count(String session) {
        Map<String, Watch> own = sessions.get(session);
        return own == null ? 0 : own.size();
    }

    private static RequestError notWatchable(String uri) {
        return new RequestError(RESOURCE_NOT_FOUND, "Resource not found: " + uri + " is not a resource this connector"
                + " can watch for changes; read it again to see its current content.");
    }

    private synchronized void startPolling() {
        if (poller == null) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "resource-subscriptions");
                thread.setDaemon(true);
                return thread;
            });
            long millis = interval.toMillis();
            poller.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** One round: drops the subscriptions of ended sessions and notifies the changed resources. */
    void check() {
        for (Map.Entry<String, Map<String, Watch>> entry : sessions.entrySet()) {
            String session = entry.getKey();
            McpConnectionBase connection = connections.get(session);
            if (connection == null) {
                sessions.remove(session);
                continue;
            }
            entry.getValue().forEach((uri, watch) -> {
                String now = currentVersion(uri, watch);
                if (!Objects.equals(now, watch.version)) {
                    watch.version = now;
                    connection.send(new JsonObject().put("jsonrpc", "2.0")
                            .put("method", "notifications/resources/updated")
                            .put("params", new JsonObject().put("uri", uri)));
                }
            });
            // A live session's map stays, empty or not: dropping it here could race a subscribe that has just
            // looked it up and is about to add to it (that subscription would be lost and not count against the
            // cap). It goes when the session ends.
        }
    }

    private static String currentVersion(String uri, Watch watch) {
        try {
            String version = watch.resource.version(uri, watch.caller);
            return version == null ? "gone" : version;
        } catch (ToolCallException e) {
            // Deleted or no longer readable: a change too, reported once.
            return "gone";
        } catch (Exception e) {
            LOG.debugf("Checking %s for changes failed: %s", uri, e.getMessage());
            return watch.version;
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
