package io.mcpconnectors.common.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.mcpconnectors.common.approval.ApprovalService;
import io.mcpconnectors.common.approval.ApprovalStatusTool;
import io.mcpconnectors.common.auth.InFlightWork;
import io.mcpconnectors.common.auth.ToolScopes;
import io.mcpconnectors.common.config.AdminCommandMode;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.ApprovalMode;
import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.common.config.RuntimeSettingsCheck;
import io.mcpconnectors.common.identity.IdentityMapping;
import io.mcpconnectors.common.policy.ToolRegistrationPolicy;
import io.mcpconnectors.common.spi.ArgSpec;
import io.mcpconnectors.common.spi.ArgType;
import io.mcpconnectors.common.spi.Connector;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.common.store.StoreException;
import io.quarkiverse.mcp.server.MetaKey;
import io.quarkiverse.mcp.server.ToolManager;
import io.quarkiverse.mcp.server.ToolManager.ToolAnnotations;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.vertx.http.HttpsServerStart;

/**
 * Registers the connector's tools with the MCP server at start, through the policy: a tool the policy rejects is
 * never registered. Annotations are derived from the access class, never set by a tool.
 */
@ApplicationScoped
public class ToolRegistrar {

    private static final Logger LOG = Logger.getLogger(ToolRegistrar.class);

    /**
     * The access class in each tool's {@code _meta}: the annotations are hints that cannot tell a write from an
     * admin tool, and a gateway in front of the connector grants scopes per access class.
     */
    public static final MetaKey ACCESS_META = MetaKey.of("access", "io.mcpconnectors");

    private final ToolManager toolManager;
    private final Instance<ConnectorTool> tools;
    private final ToolRegistrationPolicy policy;
    private final ToolInvoker invoker;
    private final Connector connector;
    private final ConnectorRuntimeConfig config;
    private final ApprovalGate gate;
    private final ApprovalService approvalService;
    private final IdentityMapping identities;
    private final ToolScopes scopes;
    private final InFlightWork inFlight;
    private volatile String ready;

    public ToolRegistrar(ToolManager toolManager, Instance<ConnectorTool> tools, ToolRegistrationPolicy policy,
            ToolInvoker invoker, Connector connector, ConnectorRuntimeConfig config, ApprovalGate gate,
            ApprovalService approvalService, IdentityMapping identities, ToolScopes scopes, InFlightWork inFlight) {
        this.inFlight = inFlight;
        this.identities = identities;
        this.scopes = scopes;
        this.gate = gate;
        this.approvalService = approvalService;
        this.toolManager = toolManager;
        this.tools = tools;
        this.policy = policy;
        this.invoker = invoker;
        this.connector = connector;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (AdminCommandMode.skipsRegistration()) {
            return;
        }
        boolean serving = !AdminCommandMode.manifest();
        if (serving) {
            // The manifest command registers what a client would list, without reaching the source.
            RuntimeSettingsCheck.check(config);
            connector.verify();
            identities.check(connector);
        }
        List<ConnectorTool> all = tools.stream().toList();
        List<String> names = all.stream().map(t -> t.spec().name()).toList();
        // A name that matches no tool is a typo: an allow list of typos would start a connector with no tools, a deny
        // list with one would leave on the tool it meant to switch off.
        List<String> known = new ArrayList<>(names);
        known.add(ApprovalStatusTool.NAME);
        if (connector.toolsKnownAtStart()) {
            unknownTools("connector.tools.allow", policy.unknownAllowed(known), names);
            unknownTools("connector.tools.deny", policy.unknownDenied(known), names);
        }
        int registered = 0;
        boolean approvals = false;
        for (ConnectorTool tool : all) {
            ToolSpec spec = tool.spec();
            if (!policy.isEnabled(spec)) {
                continue;
            }
            if (spec.access().changesData() && gate.active()) {
                spec = withApprovalId(spec);
                approvals = true;
            }
            register(tool, spec);
            scopes.require(spec.name(), Set.of(scope(spec.access())));
            registered++;
        }
        if (approvals) {
            // Whoever may call a write tool needs to follow its approval, whatever the allow list says.
            ApprovalStatusTool status = new ApprovalStatusTool(approvalService);
            register(status, status.spec());
            scopes.require(ApprovalStatusTool.NAME, Set.of(scope(ToolAccess.WRITE), scope(ToolAccess.ADMIN)));
        }
        if (!serving) {
            return;
        }
        warnAboutWrites();
        ready = String.format(Locale.ROOT, "%s connector ready: %d of %d tools enabled (writes %s)", connector.name(),
                registered, all.size(), policy.writesEnabled() ? "enabled" : "disabled");
        if (config.transport() == ConnectorRuntimeConfig.Transport.STDIO) {
            // A host-spawned process says nothing on a terminal until a host speaks to it.
            LOG.debug(ready);
        }
    }

    /** Over HTTP, ready once the port is open (a busy port is a failure to start, not a ready connector). */
    void onHttp(@Observes HttpServerStart started) {
        if (ready != null) {
            LOG.infof("%s; Streamable HTTP at http://%s:%d/mcp", ready, config.http().host(), started.options().getPort());
        }
    }

    void onHttps(@Observes HttpsServerStart started) {
        if (ready != null) {
            LOG.infof("%s; Streamable HTTP at https://%s:%d/mcp", ready, config.http().host(),
                    started.options().getPort());
        }
    }

    private void unknownTools(String key, List<String> unknown, List<String> names) {
        if (!unknown.isEmpty()) {
            throw new InvalidSettingException(key, "names " + String.join(", ", unknown) + ", which "
                    + (unknown.size() == 1 ? "is not a tool" : "are not tools") + " of the " + connector.name()
                    + " connector; its tools: " + String.join(", ", names.stream().sorted().toList()));
        }
    }

    /** The scope that gives a caller the tools of one access class: {@code <connector>:read|write|admin}. */
    private String scope(ToolAccess access) {
        return connector.name() + ":" + access.name().toLowerCase(Locale.ROOT);
    }

    private void register(ConnectorTool tool, ToolSpec spec) {
        // The tool's instance, looked up once here rather than through its client proxy on every call (a tool bean
        // lives as long as the application; the spec above already created it).
        ConnectorTool target = ClientProxy.unwrap(tool);
        toolManager.newTool(spec.name())
                .setTitle(spec.title())
                .setDescription(spec.description())
                .setInputSchema(SchemaFactory.inputSchema(spec))
                .setOutputSchema(SchemaFactory.outputSchema(spec))
                .setAnnotations(annotations(spec))
                .setMetadata(Map.of(ACCESS_META, spec.access().name()))
                // Over HTTP with callers' limits, a call holds its caller's place in flight until it ends.
                .setAsyncHandler(inFlight.held(args -> invoker.invoke(target, spec, args)))
                .register();
    }

    /** The declaration a write or admin tool is registered with when approvals apply. */
    static ToolSpec withApprovalId(ToolSpec spec) {
        List<ArgSpec> arguments = new ArrayList<>(spec.arguments());
        arguments.add(ArgSpec.optional(ApprovalGate.APPROVAL_ID, ArgType.STRING, "Only when re-submitting a call"
                + " that an admin approved: the approval id this tool returned. The other arguments must be"
                + " identical to the approved ones."));
        Map<String, Object> output = new LinkedHashMap<>(spec.outputProperties());
        output.put("approval", Map.of("type", "object", "description", "present when the call did not run but"
                + " waits for approval: its id, status and expiry", "properties", Map.of("id", Map.of("type",
                        "string"), "status", Map.of("type", "string"), "expires_at", Map.of("type", "string"))));
        return new ToolSpec(spec.name(), spec.title(), spec.description() + " Changes are confirmed by a person"
                + " before they run.", spec.access(), arguments, output);
    }

    private void warnAboutWrites() {
        if (policy.writesEnabled()) {
            ApprovalMode mode = config.approval().mode();
            String elsewhere = connector.writesApprovedElsewhere();
            if (elsewhere != null) {
                LOG.infof("Write tools are enabled; %s.", elsewhere);
            } else if (mode == ApprovalMode.NONE) {
                LOG.warn("Write tools are enabled and connector.approval.mode=none: writes run without any approval.");
            } else {
                String store;
                try {
                    // Opened now: writes that cannot be approved should stop the start, not fail one by one.
                    store = approvalService.describeStore();
                } catch (StoreException e) {
                    throw new InvalidSettingException(
                            config.store().kind() == ConnectorRuntimeConfig.StoreKind.POSTGRESQL
                                    ? "connector.store.jdbc-url" : "connector.data-dir",
                            "cannot hold the approval store, which write tools need: " + e.getMessage());
                }
                LOG.infof("Write tools are enabled; every write needs approval (connector.approval.mode=%s, %s%s).",
                        mode.name().toLowerCase(Locale.ROOT), store,
                        config.approval().fourEyes() ? ", four-eyes" : "");
            }
        } else {
            // Advisory only (writes are off, so no tool depends on it), and it may take a round trip to the source:
            // checked beside the rest of the start instead of before the first answer. The warning still comes at
            // start; for a database it also opens the pool's first connection before the first call needs it.
            Thread check = new Thread(this::warnAboutExcessWriteRight, "connector-identity-check");
            check.setDaemon(true);
            check.start();
        }
    }

    private void warnAboutExcessWriteRight() {
        try {
            String excess = connector.excessWriteRight();
            if (excess != null) {
                LOG.warnf("Writes are disabled, but the identity this connector runs as can write: %s. Use a"
                        + " least-privilege identity.", excess);
            }
        } catch (RuntimeException e) {
            // The connector is stopping, or the source is not reachable yet: its readiness check reports that.
            LOG.debugf("The identity's write rights could not be checked: %s", e.getClass().getSimpleName());
        }
    }

    ToolAnnotations annotations(ToolSpec spec) {
        boolean read = spec.access() == ToolAccess.READ;
        return new ToolAnnotations(spec.title(), read, !read, read, connector.openWorld());
    }
}
