package io.mcpconnectors.common.auth;

import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.quarkiverse.mcp.server.FilterContext;
import io.quarkiverse.mcp.server.ToolFilter;
import io.quarkiverse.mcp.server.ToolManager.ToolInfo;

/**
 * Per connection, the tools a caller's scopes allow: {@code <connector>:read} for READ tools, {@code :write} for
 * WRITE, {@code :admin} for ADMIN; the runtime's approval_status for either of the last two. A tool outside them is neither listed nor callable on that connection. Sessions
 * without an authenticated caller (stdio, or HTTP without authentication) see every enabled tool.
 */
@ApplicationScoped
public class ScopeToolFilter implements ToolFilter {

    private final SessionPrincipals sessions;
    private final CallerGuard guard;
    private final Instance<ConnectorTool> tools;
    private final boolean authenticated;
    private volatile Map<String, ToolAccess> access;

    public ScopeToolFilter(SessionPrincipals sessions, CallerGuard guard, Instance<ConnectorTool> tools,
            io.mcpconnectors.common.config.ConnectorRuntimeConfig config) {
        this.authenticated = config.auth().mode() != io.mcpconnectors.common.config.ConnectorRuntimeConfig.AuthMode.NONE;
        this.sessions = sessions;
        this.guard = guard;
        this.tools = tools;
    }

    @Override
    public boolean test(ToolInfo tool, FilterContext context) {
        SessionPrincipals.Caller caller = sessions.caller(context.connection().id());
        if (caller == null) {
            // Without authentication (stdio, or HTTP on localhost) every enabled tool; with it, an unknown caller
            // gets nothing.
            return !authenticated;
        }
        if (tool.name().equals(io.mcpconnectors.common.approval.ApprovalStatusTool.NAME)) {
            // Whoever may request a write or admin call may follow its approval.
            return caller.scopes().contains(guard.scope("write")) || caller.scopes().contains(guard.scope("admin"));
        }
        ToolAccess level = access().get(tool.name());
        return level != null && caller.scopes().contains(guard.scope(level.name().toLowerCase()));
    }

    private Map<String, ToolAccess> access() {
        Map<String, ToolAccess> known = access;
        if (known == null) {
            known = tools.stream().collect(Collectors.toMap(t -> t.spec().name(), t -> t.spec().access()));
            access = known;
        }
        return known;
    }
}
