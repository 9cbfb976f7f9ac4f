package io.mcpconnectors.common.mcp;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.OutputStream;
import java.io.PrintStream;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;

import io.mcpconnectors.common.config.AdminCommandMode;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.Transport;
import io.mcpconnectors.common.spi.CallLoop;
import io.quarkiverse.mcp.server.McpServer;
import io.quarkiverse.mcp.server.runtime.ConnectionManager;
import io.quarkiverse.mcp.server.runtime.config.McpServersRuntimeConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Starts reading MCP messages from stdin only after the connector's tools and resources are registered, so the
 * host's first {@code tools/list} sees them all and no {@code list_changed} notification precedes the
 * {@code initialize} answer.
 * From here on nothing but JSON-RPC may reach stdout: {@link System#out} is replaced by a sink. Stdin passes
 * through {@link JsonLineGuard}, so a malformed line gets a parse error instead of ending the session, and is read
 * by {@link StdioSession}, which hands messages to {@link StdioMessageHandler}. Console logging goes to stderr
 * ({@code quarkus.log.console.stderr} in the runtime's defaults) and a stdio session never times out idle
 * ({@code TransportConfigInterceptor}).
 */
@ApplicationScoped
public class StdioTransportStarter {

    private final ConnectorRuntimeConfig config;

    private final RequestScreen screen;
    private final ClientErrorAnswers clientErrors;
    private final ResourceRequests resourceRequests;
    private final ConnectionManager connections;
    private final McpServersRuntimeConfig servers;
    private final Vertx vertx;
    private final CallLoop calls;
    private final Instance<StdioMessageHandler> handler;

    public StdioTransportStarter(ConnectorRuntimeConfig config, RequestScreen screen, ClientErrorAnswers clientErrors,
            ResourceRequests resourceRequests, ConnectionManager connections, McpServersRuntimeConfig servers,
            Vertx vertx, CallLoop calls, Instance<StdioMessageHandler> handler) {
        this.calls = calls;
        this.handler = handler;
        this.config = config;
        this.screen = screen;
        this.clientErrors = clientErrors;
        this.resourceRequests = resourceRequests;
        this.connections = connections;
        this.servers = servers;
        this.vertx = vertx;
    }

    void start(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 1000) StartupEvent event) {
        if (config.transport() != Transport.STDIO || AdminCommandMode.active()) {
            return;
        }
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        JsonLineGuard in = new JsonLineGuard(new FileInputStream(FileDescriptor.in), stdout, screen, clientErrors);
        System.setIn(in);
        new StdioSession(handler.get(), resourceRequests, connections, servers.servers().get(McpServer.DEFAULT), vertx,
                calls, stdout, config.limits().timeout()).start(in);
    }
}
