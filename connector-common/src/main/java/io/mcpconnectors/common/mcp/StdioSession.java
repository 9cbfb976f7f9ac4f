package io.mcpconnectors.common.mcp;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.mcpconnectors.common.spi.CallLoop;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.McpServer;
import io.quarkiverse.mcp.server.runtime.ConnectionManager;
import io.quarkiverse.mcp.server.runtime.McpConnectionBase;
import io.quarkiverse.mcp.server.runtime.McpRequestImpl;
import io.quarkiverse.mcp.server.runtime.config.McpServerRuntimeConfig;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.runtime.Quarkus;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The stdio session: one connection, read line by line from stdin (through {@link JsonLineGuard}) and answered on
 * stdout, handled by the MCP layer through {@link StdioMessageHandler}. It does what the MCP layer's own stdio
 * reader does, with two thread hand-offs fewer per tool call, which on a host's small machine are a large part of a
 * call's time:
 * <ul>
 * <li>a {@code tools/call} request is handed to the MCP layer on the {@link CallLoop}, the event loop where the
 * connectors' non-blocking clients live: the layer runs the runtime's (non-blocking) tool handler there, so the
 * extra hop through a worker thread that the extension makes for every message buys nothing, and a PostgreSQL query
 * runs on its connection's own thread. Every other message still goes through a worker thread, as before, since some
 * of them (resource reads, answers to the connector's own requests) can run blocking code.</li>
 * <li>an answer produced on an event loop (a PostgreSQL query completes there) is written there when it is small,
 * instead of being handed to a worker thread to write. A line of up to {@link #INLINE_WRITE_LIMIT} characters fits in
 * a pipe's buffer, so writing it does not wait for the host; larger answers are still written from a worker.</li>
 * </ul>
 * When the input ends, the requests read before its end are still answered (within the tool call timeout) before
 * the application stops: a host or script may send its requests and close stdin at once.
 */
final class StdioSession {

    private static final Logger LOG = Logger.getLogger(StdioSession.class);

    /** Answers up to this many characters are written from the thread that produced them, event loops included. */
    static final int INLINE_WRITE_LIMIT = 16 * 1024;

    private final StdioMessageHandler handler;
    private final ResourceRequests resourceRequests;
    private final Vertx vertx;
    private final CallLoop calls;
    private final StdioConnection connection;
    private final OpenRequests open = new OpenRequests();
    private final Duration answerWait;

    StdioSession(StdioMessageHandler handler, ResourceRequests resourceRequests, ConnectionManager connections,
            McpServerRuntimeConfig serverConfig, Vertx vertx, CallLoop calls, PrintStream stdout,
            Duration answerWait) {
        this.handler = handler;
        this.answerWait = answerWait;
        this.resourceRequests = resourceRequests;
        this.vertx = vertx;
        this.calls = calls;
        String id = Base64.getUrlEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        this.connection = new StdioConnection(id, serverConfig, McpServer.DEFAULT, stdout, vertx, resourceRequests,
                open);
        connections.add(connection);
    }

    /** Reads stdin on a thread of its own until it ends, then stops the application. */
    void start(JsonLineGuard in) {
        Thread reader = new Thread(() -> read(in), "mcp-stdio-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(JsonLineGuard in) {
        try (in) {
            String line;
            while ((line = in.nextMessage()) != null) {
                Object json;
                try {
                    json = JsonMessageDecoder.decode(line);
                } catch (IOException | RuntimeException e) {
                    // JsonLineGuard lets only well-formed JSON-RPC objects through; this is a safety net.
                    connection.sendError(null, RequestScreen.PARSE_ERROR, "Parse error: the line is not JSON.");
                    continue;
                }
                dispatch(json);
            }
            LOG.debug("End of input: stopping once the requests read are answered");
        } catch (IOException e) {
            LOG.errorf("Reading stdin failed: %s", e.getMessage());
        }
        try {
            if (!open.awaitNone(answerWait)) {
                LOG.warnf("Input ended; stopping without answering %d request(s) still running", open.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Quarkus.asyncExit(0);
    }

    private void dispatch(Object json) {
        if (json instanceof JsonObject message && message.getValue("method") instanceof String method) {
            Object id = message.getValue("id");
            if (id != null) {
                open.opened(id);
            } else if ("notifications/cancelled".equals(method)
                    && message.getValue("params") instanceof JsonObject params) {
                // A cancelled request gets no answer.
                open.closed(params.getValue("requestId"));
            }
        }
        if (json instanceof JsonObject message && "initialize".equals(message.getValue("method"))) {
            connection.initializeId = message.getValue("id");
        }
        if (json instanceof JsonObject message && connection.status() == McpConnection.Status.IN_OPERATION
                && resourceRequests.handles(message)) {
            vertx.executeBlocking(() -> connection.send(resourceRequests.answer(message, connection.id())), false);
            return;
        }
        Request request = new Request(json, connection);
        if (json instanceof JsonObject message && "tools/call".equals(message.getValue("method"))
                && connection.status() == McpConnection.Status.IN_OPERATION) {
            calls.execute(() -> handle(request));
            return;
        }
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.executeBlocking(() -> {
            handle(request);
            return null;
        });
    }

    private void handle(Request request) {
        try {
            handler.handle(request);
        } catch (RuntimeException e) {
            LOG.errorf(e, "An MCP message could not be handled");
        }
    }

    /** One message as the MCP layer sees it. */
    static final class Request extends McpRequestImpl<StdioConnection> {
        Request(Object json, StdioConnection connection) {
            super(McpServer.DEFAULT, json, connection, connection, null, null, null);
        }
    }

    /** Requests read and not answered yet, by id. */
    static final class OpenRequests {

        private final Set<Object> ids = ConcurrentHashMap.newKeySet();

        void opened(Object id) {
            ids.add(key(id));
        }

        void closed(Object id) {
            if (id != null && ids.remove(key(id))) {
                synchronized (this) {
                    if (ids.isEmpty()) {
                        notifyAll();
                    }
                }
            }
        }

        int size() {
            return ids.size();
        }

        /** Waits until every request is answered; false when some are still open after {@code within}. */
        boolean awaitNone(Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            synchronized (this) {
                while (!ids.isEmpty()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            }
            return true;
        }

        /** The same id whether it was read as an Integer or a Long. */
        private static Object key(Object id) {
            return id instanceof Number number ? (Object) number.longValue() : id;
        }
    }

    /** The one connection of a stdio session: answers go to stdout, one JSON object per line. */
    static final class StdioConnection extends McpConnectionBase {

        private final PrintStream out;
        private final Vertx vertx;
        private final ResourceRequests resourceRequests;
        private final OpenRequests open;
        /** The id of the initialize request, whose answer declares what the runtime answers beyond the MCP layer. */
        volatile Object initializeId;

        StdioConnection(String id, McpServerRuntimeConfig serverConfig, String serverName, PrintStream out, Vertx vertx,
                ResourceRequests resourceRequests, OpenRequests open) {
            super(id, serverConfig, serverName);
            this.open = open;
            this.out = out;
            this.vertx = vertx;
            this.resourceRequests = resourceRequests;
        }

        @Override
        public Future<Void> send(JsonObject message) {
            if (message == null) {
                return Future.succeededFuture();
            }
            Object initialize = initializeId;
            if (initialize != null && initialize.equals(message.getValue("id")) && message.containsKey("result")) {
                initializeId = null;
                resourceRequests.declareCapabilities(message);
            }
            messageSent(message);
            String line = message.encode();
            Object answered = message.containsKey("method") ? null : message.getValue("id");
            if (line.length() <= INLINE_WRITE_LIMIT || BlockingOperationControl.isBlockingAllowed()) {
                write(line);
                open.closed(answered);
                return Future.succeededFuture();
            }
            return vertx.executeBlocking(() -> {
                write(line);
                open.closed(answered);
                return null;
            }, false);
        }

        /** One write of the line and its newline, in UTF-8 (the encoding MCP's stdio transport uses). */
        private void write(String line) {
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (out) {
                out.write(bytes, 0, bytes.length);
                out.flush();
            }
        }
    }

}
