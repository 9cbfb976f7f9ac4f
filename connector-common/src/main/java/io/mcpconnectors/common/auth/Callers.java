package io.mcpconnectors.common.auth;

import java.util.Set;

import jakarta.inject.Singleton;

import com.sun.security.auth.module.UnixSystem;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.AuthMode;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.Transport;

/**
 * Who calls on a session, the one answer every part of the runtime uses (tool calls, resource reads, approvals,
 * audit): the authenticated principal on HTTP with authentication, {@code local:<os user>} on stdio (the person who
 * started the process, who also runs the admin command), {@code anonymous} on HTTP without authentication. With
 * authentication on, a session whose caller is not known has no caller at all: nothing may act for it.
 */
// On every call's path: a singleton is injected as itself, with no client proxy to look it up on each use.
@Singleton
public class Callers {

    public static final String ANONYMOUS = "anonymous";

    private final SessionPrincipals sessions;
    private final boolean authenticated;
    private final SessionPrincipals.Caller unauthenticated;

    public Callers(SessionPrincipals sessions, ConnectorRuntimeConfig config) {
        this.sessions = sessions;
        this.authenticated = config.auth().mode() != AuthMode.NONE;
        this.unauthenticated = new SessionPrincipals.Caller(
                config.transport() == Transport.STDIO ? localUser() : ANONYMOUS, Set.of());
    }

    /** Whether callers present credentials (HTTP with static or oidc authentication). */
    public boolean authenticated() {
        return authenticated;
    }

    /** The caller of a session, or null when authentication is on and the session's caller is not known. */
    public SessionPrincipals.Caller caller(String session) {
        return authenticated ? sessions.caller(session) : unauthenticated;
    }

    /** The principal of a session's caller, or null when it is not known. */
    public String principal(String session) {
        SessionPrincipals.Caller caller = caller(session);
        return caller == null ? null : caller.principal();
    }

    /** The identity of whoever runs this process on this machine: {@code local:<os user>}. */
    public static String localUser() {
        try {
            // The OS account itself, not the user.name property, which anyone starting a JVM can set.
            return "local:" + new UnixSystem().getUsername();
        } catch (RuntimeException | LinkageError e) {
            return "local:" + System.getProperty("user.name", "unknown");
        }
    }
}
