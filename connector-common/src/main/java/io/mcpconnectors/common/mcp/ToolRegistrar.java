package io.mcpconnectors.common.mcp;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.ApprovalMode;
import io.mcpconnectors.common.policy.ToolRegistrationPolicy;
import io.mcpconnectors.common.spi.Connector;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolSpec;
import io.quarkiverse.mcp.server.ToolManager;
import io.quarkiverse.mcp.server.ToolManager.ToolAnnotations;
import io.quarkus.runtime.StartupEvent;

/**
 * Registers the connector's tools with the MCP server at start, through the policy: a tool the policy rejects is
 * never registered. Annotations are derived from the access class, never set by a tool.
 */
@ApplicationScoped
public class ToolRegistrar {

    private static final Logger LOG = Logger.getLogger(ToolRegistrar.class);

    private final ToolManager toolManager;
    private final Instance<ConnectorTool> tools;
    private final ToolRegistrationPolicy policy;
    private final ToolInvoker invoker;
    private final Connector connector;
    private final ConnectorRuntimeConfig config;

    public ToolRegistrar(ToolManager toolManager, Instance<ConnectorTool> tools, ToolRegistrationPolicy policy,
            ToolInvoker invoker, Connector connector, ConnectorRuntimeConfig config) {
        this.toolManager = toolManager;
        this.tools = tools;
        this.policy = policy;
        this.invoker = invoker;
        this.connector = connector;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        RuntimeSettingsCheck.check(config);
        connector.verify();
        List<ConnectorTool> all = tools.stream().toList();
        List<String> names = all.stream().map(t -> t.spec().name()).toList();
        for (String unknown : policy.unknownNames(names)) {
            LOG.warnf("connector.tools.allow/deny names '%s', which is not a tool of the %s connector (tools: %s)",
                    unknown, connector.name(), names);
        }
        int registered = 0;
        for (ConnectorTool tool : all) {
            ToolSpec spec = tool.spec();
            if (!policy.isEnabled(spec)) {
                continue;
            }
            toolManager.newTool(spec.name())
                    .setTitle(spec.title())
                    .setDescription(spec.description())
                    .setInputSchema(SchemaFactory.inputSchema(spec))
                    .setOutputSchema(SchemaFactory.outputSchema(spec))
                    .setAnnotations(annotations(spec))
                    .setAsyncHandler(args -> invoker.invoke(tool, args))
                    .register();
            registered++;
        }
        warnAboutWrites();
        LOG.infof("%s connector ready: %d of %d tools enabled (writes %s)", connector.name(), registered, all.size(),
                policy.writesEnabled() ? "enabled" : "disabled");
    }

    private void warnAboutWrites() {
        if (policy.writesEnabled()) {
            ApprovalMode mode = config.approval().mode();
            if (mode == ApprovalMode.NONE) {
                LOG.warn("Write tools are enabled and connector.approval.mode=none: writes run without any approval.");
            } else {
                LOG.warnf("Write tools are enabled, but approval mode '%s' is not available in this version: every"
                        + " write will be refused. Set connector.approval.mode=none to run writes without approval.",
                        mode.name().toLowerCase(java.util.Locale.ROOT));
            }
        } else {
            String excess = connector.excessWriteRight();
            if (excess != null) {
                LOG.warnf("Writes are disabled, but the identity this connector runs as can write: %s. Use a"
                        + " least-privilege identity.", excess);
            }
        }
    }

    ToolAnnotations annotations(ToolSpec spec) {
        boolean read = spec.access() == ToolAccess.READ;
        return new ToolAnnotations(spec.title(), read, !read, read, connector.openWorld());
    }
}
