package io.mcpconnectors.common.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.mcp.RequestScreen;
import io.quarkiverse.mcp.server.runtime.ConnectionManager;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Reads each {@code POST /mcp} body after authentication and the caller checks, and answers a malformed message
 * (a batch, a bare string, a wrong envelope) with HTTP 400 and its JSON-RPC error before the MCP layer, which
 * would answer some of them with a 500. See {@link RequestScreen}. The body is read once: the MCP route's own body
 * handler finds it already read.
 */
@ApplicationScoped
public class McpRequestCheck {

    static final String SESSION_HEADER = "Mcp-Session-Id";

    private final RequestScreen screen;
    private final ConnectionManager connections;
    private final long maxBody;

    public McpRequestCheck(RequestScreen screen, ConnectionManager connections, ConnectorRuntimeConfig config) {
        this.screen = screen;
        this.connections = connections;
        this.maxBody = new MemorySizeConverter().convert(config.http().maxBodySize()).asLongValue();
    }

    void install(@Observes Router router) {
        // After authentication (-200), authorization (-100) and the caller guard (-50); before the MCP route.
        router.post("/mcp").order(-10).handler(BodyHandler.create(false).setBodyLimit(maxBody))
                .handler(this::handle);
    }

    void handle(RoutingContext context) {
        RequestScreen.Answer answer = context.body().buffer() == null ? screen.screen(new byte[0])
                : screen.screen(context.body().buffer().getBytes());
        if (answer == null) {
            context.next();
            return;
        }
        String session = context.request().getHeader(SESSION_HEADER);
        if (answer.httpStatus() == 200 && (session == null || !connections.has(session))) {
            // An answer that belongs to a session is only given within one; the MCP layer refuses the rest.
            context.next();
            return;
        }
        context.response().setStatusCode(answer.httpStatus()).putHeader("Content-Type", "application/json")
                .end(answer.body());
    }
}
