package io.mcpconnectors.common.auth;

import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;

/**
 * Which principal opened each MCP session on HTTP, with its scopes. A session id is bound to the principal that
 * created it; the same id presented by another principal is refused. Entries end with the session's idle timeout.
 */
@ApplicationScoped
public class SessionPrincipals {

    /** The principal and scopes behind a session. */
    public record Caller(String principal, Set<String> scopes) {
    }

    private final Cache<String, Caller> sessions;

    public SessionPrincipals(ConnectorRuntimeConfig config) {
        Duration idle = config.http().sessionIdleTimeout();
        this.sessions = Caffeine.newBuilder().expireAfterAccess(idle.isZero() || idle.isNegative()
                ? Duration.ofDays(1) : idle).maximumSize(100_000).build();
    }

    public void bind(String session, Caller caller) {
        sessions.put(session, caller);
    }

    /** The caller of a session, or null (stdio, or no authentication). */
    public Caller caller(String session) {
        return session == null ? null : sessions.getIfPresent(session);
    }

    public void end(String session) {
        sessions.invalidate(session);
    }
}
