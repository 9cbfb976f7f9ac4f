package io.mcpconnectors.gateway;

import java.util.Locale;

/**
 * Where one upstream stands, as readiness reports it.
 *
 * @param state what the gateway does with it
 * @param detail why, in words an admin can act on
 * @param restarts how often it was restarted (or reconnected) since the gateway started
 * @param manifestSha256 the digest of the manifest it offers now, when it was listed
 */
record UpstreamStatus(State state, String detail, int restarts, String manifestSha256) {

    enum State {
        /** Being started or connected for the first time. */
        STARTING,
        /** Its tools, resources and prompts are offered. */
        SERVING,
        /** It stopped or could not be reached; the gateway tries again after a pause. */
        RESTARTING,
        /** It offers something other than what is allowed (a manifest other than the pin, a lookalike name). */
        REFUSED
    }

    boolean serving() {
        return state == State.SERVING;
    }

    /** The status in one line. */
    String describe() {
        return state.name().toLowerCase(Locale.ROOT) + (detail == null ? "" : ": " + detail)
                + (restarts > 0 ? " (restarted " + restarts + (restarts == 1 ? " time)" : " times)") : "");
    }
}
