package io.mcpconnectors.gateway;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.Elicitation;
import io.quarkiverse.mcp.server.McpLog;
import io.quarkiverse.mcp.server.Progress;

/**
 * One downstream request in flight on an upstream session: what the upstream's notifications and requests for it
 * are carried to (progress, log messages, an elicitation), the upstream's id for it once sent, so that a downstream
 * cancellation can name it upstream, and whether its caller is still waiting for it.
 *
 * @param token the progress token the gateway put on the upstream request: the key its progress comes back under
 * @param progress the downstream request's progress channel
 * @param log the downstream request's log channel
 * @param elicitation the downstream client's elicitation channel (null where the feature has none)
 * @param cancellation the downstream request's cancellation state
 * @param upstreamId the upstream request id, once sent
 * @param abandoned set once the downstream request ended (cancelled, timed out, gone) before the upstream answered:
 *        nothing the upstream still sends about it reaches anyone, and a confirmation it asks for is declined
 */
record CallContext(String token, Progress progress, McpLog log, Elicitation elicitation, Cancellation cancellation,
        AtomicReference<Object> upstreamId, AtomicBoolean abandoned) {

    CallContext(String token, Progress progress, McpLog log, Elicitation elicitation, Cancellation cancellation) {
        this(token, progress, log, elicitation, cancellation, new AtomicReference<>(), new AtomicBoolean());
    }

    boolean isAbandoned() {
        return abandoned.get();
    }
}
