package io.mcpconnectors.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.mcpconnectors.common.audit.AuditTrail;
import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.auth.SessionPrincipals;
import io.mcpconnectors.gateway.UpstreamStatus.State;
import io.modelcontextprotocol.json.McpJsonMapper;

/**
 * Keeps one upstream connected, checked and registered. It opens the link (spawning a stdio connector), lists what
 * the upstream offers, and only when that matches the pin (and every name is plain) registers it under the gateway;
 * anything else exposes nothing of the upstream, is audited ({@code upstream_refused}) and shown in readiness. A
 * connector that exits or stops answering is unregistered at once and restarted after a pause that doubles with each
 * failed attempt ({@code upstream_down}, {@code upstream_restarted}); its manifest is checked again after every
 * restart and whenever it says its lists changed. Every change of state happens on this upstream's own thread.
 */
final class UpstreamSupervisor {

    private static final Logger LOG = Logger.getLogger(UpstreamSupervisor.class);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

    private final UpstreamSpec spec;
    private final Function<UpstreamSupervisor, UpstreamLink> links;
    private final GatewayRegistry registry;
    private final AuditTrail audit;
    private final KnownSecrets secrets;
    private final McpJsonMapper json;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration listTimeout;
    private final ScheduledExecutorService thread;
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private volatile UpstreamStatus status;
    private volatile UpstreamLink link;
    /** Which link events belong to; events of a link already replaced are ignored. */
    private volatile long generation;
    private int attempt;
    private int restarts;

    UpstreamSupervisor(UpstreamSpec spec, Function<UpstreamSupervisor, UpstreamLink> links, GatewayRegistry registry,
            AuditTrail audit, KnownSecrets secrets, McpJsonMapper json, Duration initialBackoff, Duration maxBackoff,
            Duration listTimeout) {
        this.spec = spec;
        this.links = links;
        this.registry = registry;
        this.audit = audit;
        this.secrets = secrets;
        this.json = json;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.listTimeout = listTimeout;
        this.status = new UpstreamStatus(State.STARTING, null, 0, null);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gateway-upstream-" + spec.name());
            t.setDaemon(true);
            return t;
        });
    }

    UpstreamSpec spec() {
        return spec;
    }

    String name() {
        return spec.name();
    }

    UpstreamStatus status() {
        return status;
    }

    /** The current link, or null while there is none. */
    UpstreamLink link() {
        return link;
    }

    void start() {
        thread.execute(this::connect);
    }

    /** Waits until the first connection attempt has ended, however it ended. */
    boolean awaitFirstAttempt(Duration timeout) throws InterruptedException {
        return firstAttempt.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The session a caller's request goes through, or an exception saying why the upstream cannot take it now. */
    UpstreamSession session(SessionPrincipals.Caller caller, boolean elicitation) {
        UpstreamLink current = link;
        UpstreamStatus now = status;
        if (current == null || !now.serving()) {
            throw new UnavailableException("upstream " + spec.name() + " is not available: " + now.describe());
        }
        return current.session(caller, elicitation);
    }

    /** Thrown when an upstream cannot take requests. */
    static final class UnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    private void connect() {
        long mine = ++generation;
        UpstreamLink opened = null;
        try {
            opened = links.apply(this);
            link = opened;
            String server = opened.open();
            UpstreamCatalog catalog = UpstreamCatalog.read(opened.catalog().client(), server, json, listTimeout);
            if (mine != generation) {
                return;
            }
            serve(catalog);
        } catch (RuntimeException e) {
            if (mine != generation) {
                return;
            }
            // Events the failed link still reports (its process exiting) are not news any more.
            generation++;
            String reason = reason(e, opened);
            if (opened != null) {
                opened.close();
            }
            link = null;
            retry(reason);
        } finally {
            firstAttempt.countDown();
        }
    }

    private void serve(UpstreamCatalog catalog) {
        String problem = catalog.problem(spec);
        if (problem == null) {
            problem = registry.register(this, catalog);
        }
        if (problem != null) {
            refuse(problem, catalog.digest().sha256());
            return;
        }
        boolean restarted = restarts > 0;
        status = new UpstreamStatus(State.SERVING, null, restarts, catalog.digest().sha256());
        attempt = 0;
        Map<String, Object> event = fields();
        event.put("manifest_sha256", catalog.digest().sha256());
        event.put("tools", catalog.tools().size());
        if (restarted) {
            event.put("restarts", restarts);
            audit.event("upstream_restarted", event);
        } else {
            audit.event("upstream_ready", event);
        }
        LOG.infof("Upstream %s (%s) serving %d tools, %d resource templates, %d prompts (manifest sha256 %s)",
                spec.name(), catalog.server(), catalog.tools().size(), catalog.templates().size(),
                catalog.prompts().size(), catalog.digest().sha256());
    }

    private void refuse(String problem, String digest) {
        registry.unregister(spec.name());
        UpstreamLink current = link;
        link = null;
        generation++;
        if (current != null) {
            current.close();
        }
        status = new UpstreamStatus(State.REFUSED, problem, restarts, digest);
        Map<String, Object> event = fields();
        event.put("reason", problem);
        event.put("manifest_sha256", digest);
        event.put("pin", spec.pin());
        audit.event("upstream_refused", event);
        LOG.errorf("Upstream %s refused, nothing of it is served: %s. If the change is expected, review the"
                + " manifest ('bin/connector <connector> manifest') and pin %s in %s.", spec.name(), problem, digest,
                spec.key("manifest-sha256"));
    }

    /** Which link is the current one; a link created now belongs to this generation. */
    long generation() {
        return generation;
    }

    /** The upstream went away (a ping went unanswered). */
    void lost(String reason) {
        lost(generation, reason);
    }

    /**
     * The link of this generation reported that the upstream went away (a spawned connector exited, an HTTP upstream
     * no longer knows the gateway's session). What an earlier link reports is not news any more.
     */
    void lost(long linkGeneration, String reason) {
        thread.execute(() -> {
            if (linkGeneration == generation && link != null && status.state() != State.REFUSED) {
                down(reason);
            }
        });
    }

    /** The upstream said its lists changed: they are listed and checked again. */
    void listChanged() {
        long seen = generation;
        thread.execute(() -> {
            UpstreamLink current = link;
            if (seen != generation || current == null || !status.serving()) {
                return;
            }
            try {
                UpstreamCatalog catalog = UpstreamCatalog.read(current.catalog().client(), "", json, listTimeout);
                if (catalog.digest().sha256().equals(status.manifestSha256())) {
                    return;
                }
                registry.unregister(spec.name());
                serve(catalog);
            } catch (RuntimeException e) {
                down("listing after a change failed: " + reason(e, current));
            }
        });
    }

    /**
     * Checks that a serving upstream still answers (readiness asks); one that does not is restarted. Runs on the
     * caller's thread, bounded by the ping timeout.
     */
    void probe() {
        UpstreamLink current = link;
        if (current != null && status.serving() && !current.catalog().ping(PING_TIMEOUT)) {
            lost("did not answer a ping within " + PING_TIMEOUT.toSeconds() + " s");
        }
    }

    private void down(String reason) {
        registry.unregister(spec.name());
        UpstreamLink current = link;
        link = null;
        generation++;
        if (current != null) {
            current.close();
        }
        restarts++;
        Map<String, Object> event = fields();
        event.put("reason", reason);
        audit.event("upstream_down", event);
        retry(reason);
    }

    private void retry(String reason) {
        attempt++;
        long delay = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
        status = new UpstreamStatus(State.RESTARTING, "attempt " + attempt + " in " + delay + " ms, last: " + reason,
                restarts, status.manifestSha256());
        LOG.warnf("Upstream %s is not available (%s); trying again in %d ms", spec.name(), reason, delay);
        thread.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private String reason(RuntimeException e, UpstreamLink opened) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String words = opened == null ? null : opened.lastWords();
        return secrets.scrubMessage(words == null ? text : text + "; it said: " + words);
    }

    private Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("upstream", spec.name());
        fields.put("transport", spec.stdio() ? "stdio" : "http");
        return fields;
    }

    void stop() {
        thread.shutdownNow();
        UpstreamLink current = link;
        link = null;
        if (current != null) {
            current.close();
        }
    }
}
