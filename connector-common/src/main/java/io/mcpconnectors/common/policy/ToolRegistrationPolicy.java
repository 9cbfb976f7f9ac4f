package io.mcpconnectors.common.policy;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.WritesMode;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolSpec;

/**
 * Decides which tools exist for the host at all: READ tools always, WRITE and ADMIN tools only when writes are
 * enabled, then the allow and deny lists. A tool this policy rejects is never registered, so it is neither listed
 * nor callable.
 */
@ApplicationScoped
public class ToolRegistrationPolicy {

    private final boolean writesEnabled;
    private final List<String> allow;
    private final List<String> deny;

    public ToolRegistrationPolicy(ConnectorRuntimeConfig config) {
        this.writesEnabled = config.access().writes() == WritesMode.ENABLED;
        this.allow = config.tools().allow().orElse(List.of());
        this.deny = config.tools().deny().orElse(List.of());
    }

    public boolean isEnabled(ToolSpec spec) {
        return isEnabled(spec.name(), spec.access());
    }

    /** The same for a tool known by name and access class (a gateway's tools, named {@code <upstream>.<tool>}). */
    public boolean isEnabled(String name, ToolAccess access) {
        if (access.changesData() && !writesEnabled) {
            return false;
        }
        if (!allow.isEmpty() && !allow.contains(name)) {
            return false;
        }
        return !deny.contains(name);
    }

    /** Names in the allow list that match no tool of this connector: almost always a typo. */
    public List<String> unknownAllowed(List<String> toolNames) {
        return allow.stream().filter(n -> !toolNames.contains(n)).distinct().toList();
    }

    /** The same for the deny list. */
    public List<String> unknownDenied(List<String> toolNames) {
        return deny.stream().filter(n -> !toolNames.contains(n)).distinct().toList();
    }

    public boolean writesEnabled() {
        return writesEnabled;
    }
}
