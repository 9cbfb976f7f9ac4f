package io.mcpconnectors.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.mcpconnectors.common.audit.AuditTrail;
import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.config.AdminCommandMode;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.Transport;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.store.StoreProvider;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.quarkus.runtime.StartupEvent;

/**
 * The upstreams and their supervisors: started once the runtime has checked the settings, stopped with the
 * application. Over stdio the gateway waits (a bounded time) for every upstream's first connection before it reads
 * the host's first message, so the host's first listing is complete; over HTTP it serves at once and tools appear as
 * upstreams come up (clients are told the lists changed).
 */
@ApplicationScoped
public class Gateway {

    private static final Logger LOG = Logger.getLogger(Gateway.class);
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final GatewaySettings settings;
    private final GatewayRegistry registry;
    private final AuditTrail audit;
    private final KnownSecrets secrets;
    private final IdentityAssertions assertions;
    private final CancellationWatch cancellations;
    private final Forwarder forwarder;
    private final ConnectorRuntimeConfig runtime;
    private final StoreProvider store;
    private final Instance<MeterRegistry> meters;
    private final McpJsonMapper json = McpJsonDefaults.getMapper();
    private final Map<String, UpstreamSupervisor> supervisors = new LinkedHashMap<>();

    public Gateway(GatewaySettings settings, GatewayRegistry registry, AuditTrail audit, KnownSecrets secrets,
            IdentityAssertions assertions, CancellationWatch cancellations, Forwarder forwarder,
            ConnectorRuntimeConfig runtime, StoreProvider store, Instance<MeterRegistry> meters) {
        this.settings = settings;
        this.registry = registry;
        this.audit = audit;
        this.secrets = secrets;
        this.assertions = assertions;
        this.cancellations = cancellations;
        this.forwarder = forwarder;
        this.runtime = runtime;
        this.store = store;
        this.meters = meters;
    }

    /** Checks what can be checked before any upstream is reached: the signing key, when assertions are used. */
    void verify() {
        if (settings.upstreams().stream().anyMatch(UpstreamSpec::asserts)) {
            assertions.check();
        }
    }

    void start(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 500) StartupEvent event) {
        if (AdminCommandMode.active()) {
            return;
        }
        LinkSettings links = new LinkSettings(START_TIMEOUT,
                forwarder.timeout(ToolAccess.WRITE).plusSeconds(30),
                forwarder.confirmationTimeout(), cancellations);
        Duration listTimeout = Duration.ofSeconds(30);
        for (UpstreamSpec spec : settings.upstreams()) {
            UpstreamSupervisor supervisor = new UpstreamSupervisor(spec, s -> link(s, links), registry, audit, secrets,
                    json, settings.config().restart().initialBackoff(), settings.config().restart().maxBackoff(),
                    listTimeout);
            supervisors.put(spec.name(), supervisor);
            gauge(supervisor);
            supervisor.start();
        }
        if (runtime.transport() == Transport.STDIO) {
            for (UpstreamSupervisor supervisor : supervisors.values()) {
                try {
                    if (!supervisor.awaitFirstAttempt(START_TIMEOUT)) {
                        LOG.warnf("Upstream %s is still starting; its tools will follow", supervisor.name());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private UpstreamLink link(UpstreamSupervisor supervisor, LinkSettings links) {
        UpstreamSpec spec = supervisor.spec();
        long generation = supervisor.generation();
        if (spec.stdio()) {
            return new StdioLink(spec, workingDirectory(spec), json, links,
                    code -> supervisor.lost(generation, "exited with code " + code), supervisor::listChanged);
        }
        return new HttpLink(spec, json, links, assertions, supervisor::listChanged,
                () -> supervisor.lost(generation, "it no longer knows the gateway's MCP session (restarted or"
                        + " redeployed); connecting again and checking its manifest again"));
    }

    /**
     * Where a spawned connector starts: a directory of its own under the gateway's data directory, so that it reads
     * no settings file of the gateway's ({@code config/application.properties}, {@code .env}).
     */
    private Path workingDirectory(UpstreamSpec spec) {
        return store.dataDir().toAbsolutePath().resolve("upstreams").resolve(spec.name());
    }

    private void gauge(UpstreamSupervisor supervisor) {
        if (runtime.metrics().enabled() && meters.isResolvable()) {
            Gauge.builder("mcp.gateway.upstream.up", supervisor, s -> s.status().serving() ? 1 : 0)
                    .description("1 while the upstream's tools are served, 0 while it is starting, restarting or"
                            + " refused")
                    .tag("upstream", supervisor.name()).register(meters.get());
            Gauge.builder("mcp.gateway.upstream.restarts", supervisor, s -> s.status().restarts())
                    .description("How often the upstream was restarted or reconnected")
                    .tag("upstream", supervisor.name()).register(meters.get());
        }
    }

    /** Every upstream's status, for readiness. */
    Map<String, UpstreamStatus> statuses() {
        Map<String, UpstreamStatus> statuses = new LinkedHashMap<>();
        supervisors.forEach((name, supervisor) -> statuses.put(name, supervisor.status()));
        return statuses;
    }

    /** Pings the serving upstreams (restarting those that do not answer); for readiness. */
    void probe() {
        supervisors.values().forEach(UpstreamSupervisor::probe);
    }

    /** Null while every upstream is served; otherwise which are not and why. */
    String problem() {
        List<String> problems = new ArrayList<>();
        supervisors.forEach((name, supervisor) -> {
            if (!supervisor.status().serving()) {
                problems.add("upstream " + name + ": " + supervisor.status().describe());
            }
        });
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** The supervisor of one upstream, for tests and the admin's view. */
    UpstreamSupervisor supervisor(String name) {
        return supervisors.get(name);
    }

    @PreDestroy
    void stop() {
        supervisors.values().forEach(UpstreamSupervisor::stop);
    }
}
