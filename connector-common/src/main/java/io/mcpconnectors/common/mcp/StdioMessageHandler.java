package io.mcpconnectors.common.mcp;

import java.util.List;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.quarkiverse.mcp.server.InitialCheck;
import io.quarkiverse.mcp.server.InitialRequest.Transport;
import io.quarkiverse.mcp.server.InitialResponseInfo;
import io.quarkiverse.mcp.server.runtime.CancellationRequests;
import io.quarkiverse.mcp.server.runtime.ConnectionManager;
import io.quarkiverse.mcp.server.runtime.McpMessageHandler;
import io.quarkiverse.mcp.server.runtime.McpMetadata;
import io.quarkiverse.mcp.server.runtime.McpMetrics;
import io.quarkiverse.mcp.server.runtime.McpRequestValidator;
import io.quarkiverse.mcp.server.runtime.McpTracing;
import io.quarkiverse.mcp.server.runtime.NotificationManagerImpl;
import io.quarkiverse.mcp.server.runtime.PromptCompletionManagerImpl;
import io.quarkiverse.mcp.server.runtime.PromptManagerImpl;
import io.quarkiverse.mcp.server.runtime.ResourceManagerImpl;
import io.quarkiverse.mcp.server.runtime.ResourceTemplateCompletionManagerImpl;
import io.quarkiverse.mcp.server.runtime.ResourceTemplateManagerImpl;
import io.quarkiverse.mcp.server.runtime.ServerRequests;
import io.quarkiverse.mcp.server.runtime.ToolManagerImpl;
import io.quarkiverse.mcp.server.runtime.config.McpServersRuntimeConfig;
import io.quarkus.arc.All;
import io.quarkus.arc.Unremovable;
import io.vertx.core.Vertx;

/**
 * The MCP layer's message handling for the stdio transport: {@link StdioSession} reads the messages and hands each
 * one here. quarkus-mcp-server ships its stdio transport as a separate extension whose releases stopped before the
 * core's; the runtime reads stdin itself, so all it needs from a transport is this handler, which says the messages
 * come over stdio (initial checks, tracing and metrics see {@link Transport#STDIO}) and is otherwise the core's.
 */
@Singleton
@Unremovable
public class StdioMessageHandler extends McpMessageHandler<StdioSession.Request> {

    public StdioMessageHandler(McpServersRuntimeConfig config, ConnectionManager connectionManager,
            PromptManagerImpl promptManager, ToolManagerImpl toolManager, ResourceManagerImpl resourceManager,
            PromptCompletionManagerImpl promptCompletionManager, ResourceTemplateManagerImpl resourceTemplateManager,
            ResourceTemplateCompletionManagerImpl resourceTemplateCompletionManager,
            NotificationManagerImpl notificationManager, ServerRequests serverRequests,
            CancellationRequests cancellationRequests, @All List<InitialCheck> initialChecks,
            @All List<InitialResponseInfo> initialResponseInfos, McpMetadata metadata, Vertx vertx,
            Instance<McpMetrics> metrics, Instance<McpTracing> tracing, Instance<McpRequestValidator> validator) {
        super(config, connectionManager, promptManager, toolManager, resourceManager, promptCompletionManager,
                resourceTemplateManager, resourceTemplateCompletionManager, notificationManager, serverRequests,
                metadata, vertx, initialChecks, initialResponseInfos, metrics.isResolvable() ? metrics.get() : null,
                tracing.isResolvable() ? tracing.get() : null, validator.isResolvable() ? validator.get() : null,
                cancellationRequests);
        if (config.servers().size() > 1) {
            throw new IllegalStateException(
                    "The stdio transport serves one MCP server: remove the named quarkus.mcp.server.<name>.* settings.");
        }
    }

    @Override
    protected Transport transport() {
        return Transport.STDIO;
    }
}
