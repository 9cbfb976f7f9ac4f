package io.mcpconnectors.common.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.mcpconnectors.common.auth.CallerGuard;
import io.mcpconnectors.common.auth.RequestPlace;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.mcp.ClientErrorAnswers;
import io.mcpconnectors.common.mcp.RequestScreen;
import io.mcpconnectors.common.mcp.ResourceRequests;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.http.runtime.SseMcpConnection;
import io.quarkiverse.mcp.server.runtime.ConnectionManager;
import io.quarkiverse.mcp.server.runtime.McpConnectionBase;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Reads each {@code POST /mcp} body after authentication and the caller checks, and answers a malformed message
 * (a batch, a bare string, a wrong envelope) with HTTP 400 and its JSON-RPC error before the MCP layer, which
 * would answer some of them with a 500. See {@link RequestScreen}. Messages posted to the SSE transport's
 * message endpoint ({@code POST /mcp/messages/<connection>}) are screened the same way. The body is read once: the
 * MCP route's own body handler finds it already read. A request admitted while all of its caller's places were taken
 * ({@link RequestPlace#holdsPlace()}) goes on only when its message starts no work: a notification, such as
 * {@code notifications/cancelled}, or an answer to a request of the server's; anything else gets the caller's 429.
 */
@ApplicationScoped
public class McpRequestCheck {

    static final String SESSION_HEADER = "Mcp-Session-Id";

    private final RequestScreen screen;
    private final ClientErrorAnswers clientErrors;
    private final ResourceRequests resourceRequests;
    private final ConnectionManager connections;
    private final long maxBody;

    public McpRequestCheck(RequestScreen screen, ClientErrorAnswers clientErrors, ResourceRequests resourceRequests,
            ConnectionManager connections, ConnectorRuntimeConfig config) {
        this.screen = screen;
        this.clientErrors = clientErrors;
        this.resourceRequests = resourceRequests;
        this.connections = connections;
        this.maxBody = new MemorySizeConverter().convert(config.http().maxBodySize()).asLongValue();
    }

    void install(@Observes Router router) {
        // After authentication (-200), authorization (-100) and the caller guard (-50); before the MCP route.
        router.post("/mcp").order(-10).handler(BodyHandler.create(false).setBodyLimit(maxBody))
                .handler(this::handle);
        // The SSE transport's message endpoint takes the same messages and fails the same way on malformed ones.
        router.post("/mcp/messages/:id").order(-10).handler(BodyHandler.create(false).setBodyLimit(maxBody))
                .handler(this::handleSseMessage);
    }

    void handle(RoutingContext context) {
        RequestPlace held = RequestPlace.of(context);
        if (held != null && !held.holdsPlace() && (context.body().buffer() == null
                || !screen.startsNoWork(context.body().buffer().getBytes()))) {
            // Admitted without a place only to carry a notification or an answer to the server: anything else is
            // refused as over the caller's requests in flight, as it would have been before its body was read.
            CallerGuard.tooMany(context, held.refusal());
            return;
        }
        RequestScreen.Answer answer = context.body().buffer() == null ? screen.screen(new byte[0])
                : screen.screen(context.body().buffer().getBytes());
        if (answer == null) {
            passClientErrors(context);
            String session = context.request().getHeader(SESSION_HEADER);
            JsonObject message = resourceRequest(context, session);
            if (message == null) {
                context.next();
                return;
            }
            // The answer's work holds the caller's place in flight until it is done, even if the caller hangs up.
            RequestPlace place = RequestPlace.of(context);
            Runnable release = place == null ? null : place.claim();
            if (place != null && release == null) {
                CallerGuard.tooMany(context, place.refusal());
                return;
            }
            context.vertx().executeBlocking(() -> resourceRequests.answer(message, session), false)
                    .onComplete(done -> {
                        if (release != null) {
                            release.run();
                        }
                        if (done.succeeded()) {
                            context.response().putHeader("Content-Type", "application/json")
                                    .end(done.result().encode());
                        } else {
                            context.response().setStatusCode(500).end();
                        }
                    });
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

    /**
     * A message posted to an SSE connection: SSE clients read answers on the connection's event stream, so an
     * error goes there as well as in the POST's answer (HTTP 400), which other clients read.
     */
    void handleSseMessage(RoutingContext context) {
        RequestScreen.Answer answer = context.body().buffer() == null ? screen.screen(new byte[0])
                : screen.screen(context.body().buffer().getBytes());
        if (answer == null) {
            passClientErrors(context);
            String session = context.pathParam("id");
            JsonObject message = resourceRequest(context, session);
            if (message == null || !(connections.get(session) instanceof SseMcpConnection sse)) {
                context.next();
                return;
            }
            context.vertx().executeBlocking(() -> resourceRequests.answer(message, session), false)
                    .onComplete(done -> {
                        if (done.succeeded()) {
                            sse.send(done.result());
                        }
                        context.response().setStatusCode(done.succeeded() ? 202 : 500).end();
                    });
            return;
        }
        McpConnectionBase connection = connections.get(context.pathParam("id"));
        if (!(connection instanceof SseMcpConnection sse)) {
            // Unknown connections are the MCP layer's to refuse.
            context.next();
            return;
        }
        sse.send(new JsonObject(answer.body()));
        if (answer.httpStatus() == 200) {
            // An answer within the protocol: on the stream only, as the MCP layer gives its answers.
            context.response().end();
            return;
        }
        context.response().setStatusCode(answer.httpStatus()).putHeader("Content-Type", "application/json")
                .end(answer.body());
    }

    /** A client's error answer to a request of the server's goes on as {@link ClientErrorAnswers} rewrites it. */
    @SuppressWarnings("deprecation") // RoutingContext.setBody: the one way to hand the next route another body
    private void passClientErrors(RoutingContext context) {
        byte[] rewritten = context.body().buffer() == null ? null : clientErrors.rewrite(context.body().buffer()
                .getBytes());
        if (rewritten != null) {
            context.setBody(Buffer.buffer(rewritten));
        }
    }

    /**
     * The message when it is a request {@link ResourceRequests} answers, within an initialized session of this
     * process; else null, and the MCP layer answers (or refuses) it.
     */
    private JsonObject resourceRequest(RoutingContext context, String session) {
        if (session == null || context.body().buffer() == null) {
            return null;
        }
        byte[] body = context.body().buffer().getBytes();
        if (!resourceRequests.mayHandle(body)) {
            return null;
        }
        McpConnectionBase connection = connections.get(session);
        if (connection == null || connection.status() != McpConnection.Status.IN_OPERATION) {
            return null;
        }
        JsonObject message;
        try {
            message = new JsonObject(context.body().buffer());
        } catch (RuntimeException e) {
            return null;
        }
        if (!resourceRequests.handles(message)) {
            return null;
        }
        connection.touch();
        return message;
    }
}
