package io.mcpconnectors.common.auth;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.quarkiverse.mcp.server.FilterContext;
import io.quarkiverse.mcp.server.ToolFilter;
import io.quarkiverse.mcp.server.ToolManager.ToolInfo;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Per connection, the tools a caller's scopes allow, as declared in {@link ToolScopes} by whoever registered them:
 * {@code <connector>:read} for READ tools, {@code :write} for WRITE, {@code :admin} for ADMIN; the runtime's
 * approval_status for either of the last two. A tool outside them is neither listed nor callable on that connection, and the {@code tools} capability is advertised to every
 * caller who may use at least one. Sessions without an authenticated caller (stdio, or HTTP without
 * authentication) see every enabled tool.
 */
// On every call's path: a singleton is injected as itself, with no client proxy to look it up on each use.
@Singleton
public class ScopeToolFilter implements ToolFilter {

    private final Callers callers;
    private final CallerGuard guard;
    private final ToolScopes scopes;
    private final Instance<CurrentIdentityAssociation> identities;

    public ScopeToolFilter(Callers callers, CallerGuard guard, ToolScopes scopes,
            Instance<CurrentIdentityAssociation> identities) {
        this.callers = callers;
        this.guard = guard;
        this.scopes = scopes;
        this.identities = identities;
    }

    @Override
    public boolean test(ToolInfo tool, FilterContext context) {
        if (!callers.authenticated()) {
            return true;
        }
        SessionPrincipals.Caller caller = caller(context);
        return caller != null && scopes.allows(tool.name(), caller.scopes());
    }

    /**
     * The authenticated caller a filter decides for, or null. While initialize is answered the new session is not
     * bound yet (its id goes out with the answer); the request's own authenticated identity is the caller then.
     */
    public SessionPrincipals.Caller caller(FilterContext context) {
        SessionPrincipals.Caller caller = callers.caller(context.connection().id());
        return caller != null ? caller : requestCaller();
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
}
