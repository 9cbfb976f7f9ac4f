package io.mcpconnectors.common.auth;

import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.mcpconnectors.common.approval.ApprovalStatusTool;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.quarkiverse.mcp.server.FilterContext;
import io.quarkiverse.mcp.server.ToolFilter;
import io.quarkiverse.mcp.server.ToolManager.ToolInfo;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Per connection, the tools a caller's scopes allow: {@code <connector>:read} for READ tools, {@code :write} for
 * WRITE, {@code :admin} for ADMIN; the runtime's approval_status for either of the last two. A tool outside them
 * is neither listed nor callable on that connection, and the {@code tools} capability is advertised to every
 * caller who may use at least one. Sessions without an authenticated caller (stdio, or HTTP without
 * authentication) see every enabled tool.
 */
@ApplicationScoped
public class ScopeToolFilter implements ToolFilter {

    private final Callers callers;
    private final CallerGuard guard;
    private final Instance<ConnectorTool> tools;
    private final Instance<CurrentIdentityAssociation> identities;
    private volatile Map<String, ToolAccess> access;

    public ScopeToolFilter(Callers callers, CallerGuard guard, Instance<ConnectorTool> tools,
            Instance<CurrentIdentityAssociation> identities) {
        this.callers = callers;
        this.guard = guard;
        this.tools = tools;
        this.identities = identities;
    }

    @Override
    public boolean test(ToolInfo tool, FilterContext context) {
        if (!callers.authenticated()) {
            return true;
        }
        SessionPrincipals.Caller caller = callers.caller(context.connection().id());
        if (caller == null) {
            // While initialize is answered the new session is not bound yet (its id goes out with the answer); the
            // request's own authenticated identity is the caller then. Without one, nothing.
            caller = requestCaller();
            if (caller == null) {
                return false;
            }
        }
        if (tool.name().equals(ApprovalStatusTool.NAME)) {
            // Whoever may request a write or admin call may follow its approval.
            return caller.scopes().contains(guard.scope("write")) || caller.scopes().contains(guard.scope("admin"));
        }
        ToolAccess level = access().get(tool.name());
        return level != null && caller.scopes().contains(guard.scope(level.name().toLowerCase()));
    }

    private SessionPrincipals.Caller requestCaller() {
        if (!identities.isResolvable()) {
            return null;
        }
        SecurityIdentity identity;
        try {
            identity = identities.get().getIdentity();
        } catch (RuntimeException e) {
            // No request in progress (a notification sent outside any request): no caller.
            return null;
        }
        return identity == null || identity.isAnonymous() ? null : guard.callerOf(identity);
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
