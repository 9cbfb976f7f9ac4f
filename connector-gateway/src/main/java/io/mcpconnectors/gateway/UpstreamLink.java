package io.mcpconnectors.gateway;

import io.mcpconnectors.common.auth.SessionPrincipals;

/** How the gateway reaches one upstream: the session it lists the catalog on, and the session for each caller. */
interface UpstreamLink extends AutoCloseable {

    /** Opens the catalog session; the server name the upstream introduced itself with. */
    String open();

    /** The session the catalog is listed on (and pinged). */
    UpstreamSession catalog();

    /**
     * The session a caller's requests go through.
     *
     * @param caller the caller: on a gateway without authentication, {@code local:<user>} or {@code anonymous} with
     *        the scopes of the access classes the gateway enables
     * @param elicitation whether the caller's client can answer elicitations
     */
    UpstreamSession session(SessionPrincipals.Caller caller, boolean elicitation);

    /** What the upstream last said about a failure (a spawned connector's last stderr line), or null. */
    default String lastWords() {
        return null;
    }

    @Override
    void close();
}
