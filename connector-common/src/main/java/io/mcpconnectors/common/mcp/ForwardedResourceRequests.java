package io.mcpconnectors.common.mcp;

import io.vertx.core.json.JsonObject;

/**
 * The requests {@link ResourceRequests} answers for a connector ({@code resources/list},
 * {@code resources/subscribe}/{@code unsubscribe}, {@code completion/complete}), answered instead by an application
 * that serves other servers' resources and prompts: a gateway, which forwards them to its upstreams as the caller. An
 * application provides at most one bean of this type; the transports then hand it these requests, once the session is
 * initialized, as they do for a connector's own.
 */
public interface ForwardedResourceRequests {

    /**
     * Whether a parsed request (with an id and a method) is answered here rather than by the MCP layer: any of the
     * methods above, and any other resource request the application routes itself (a gateway's read of a URI the MCP
     * layer cannot match).
     */
    boolean handles(JsonObject message);

    /** The whole JSON-RPC response to a request {@link #handles} accepted. Blocks: called off the event loop. */
    JsonObject answer(JsonObject message, String session);

    /**
     * What the server's {@code initialize} answer declares beyond the MCP layer (where the transport lets the answer be
     * completed: stdio). Changes {@code capabilities}, a copy the caller puts back, in place.
     */
    void declareCapabilities(JsonObject capabilities);
}
