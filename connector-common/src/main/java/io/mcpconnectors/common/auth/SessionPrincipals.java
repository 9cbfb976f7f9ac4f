package io.mcpconnectors.common.auth;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;

/**
 * Which principal opened each MCP session on HTTP, with its scopes. A session id is bound to the principal that
 * created it; the same id presented by another principal is refused. Entries end with the session's idle timeout
 * or when the session is deleted; ended ids are remembered for as long again, so a late use of one can be told
 * apart from an id that never existed.
 */
@ApplicationScoped
public class SessionPrincipals {

    /**
     * The principal and scopes behind a session, and the keys its data-source identity is looked up by (the values
     * of {@code connector.identity.claim} in its token, or its principal name).
     */
    public record Caller(String principal, Set<String> scopes, List<String> identityKeys) {

        public Caller {
            identityKeys = List.copyOf(identityKeys);
        }

        /** A caller whose identity is looked up by its principal name. */
        public Caller(String principal, Set<String> scopes) {
            this(principal, scopes, List.of(principal));
        }
    }

    /** What is known about a presented session id. */
    public enum Status {
        /** Open, and owned by the presenting principal. */
        OWN,
        /** Open, but owned by another principal. */
        FOREIGN,
        /** Ended by a DELETE (or its idle timeout, once noticed). */
        ENDED,
        /** Never opened here, or forgotten. */
        UNKNOWN
    }

    private final Cache<String, Caller> sessions;
    private final Cache<String, String> ended;

    public SessionPrincipals(ConnectorRuntimeConfig config) {
        Duration idle = config.http().sessionIdleTimeout();
        Duration lifetime = idle.isZero() || idle.isNegative() ? Duration.ofDays(1) : idle;
        this.ended = Caffeine.newBuilder().expireAfterWrite(lifetime).maximumSize(100_000).build();
        this.sessions = Caffeine.newBuilder().expireAfterAccess(lifetime).maximumSize(100_000)
                .<String, Caller>removalListener((session, caller, cause) -> {
                    if (session != null && caller != null && cause.wasEvicted()) {
                        ended.put(session, caller.principal());
                    }
                }).build();
    }

    public void bind(String session, Caller caller) {
        sessions.put(session, caller);
    }

    /** The caller of a session, or null (stdio, or no authentication). */
    public Caller caller(String session) {
        return session == null ? null : sessions.getIfPresent(session);
    }

    /** How a session id presented by {@code principal} relates to the sessions known here. */
    public Status status(String session, String principal) {
        Caller owner = caller(session);
        if (owner != null) {
            return owner.principal().equals(principal) ? Status.OWN : Status.FOREIGN;
        }
        return ended.getIfPresent(session) != null ? Status.ENDED : Status.UNKNOWN;
    }

    /** How many sessions the principal has open. */
    public long openSessions(String principal) {
        sessions.cleanUp();
        return sessions.asMap().values().stream().filter(c -> c.principal().equals(principal)).count();
    }

    public void end(String session) {
        Caller caller = sessions.asMap().remove(session);
        if (caller != null) {
            ended.put(session, caller.principal());
        }
    }
}
