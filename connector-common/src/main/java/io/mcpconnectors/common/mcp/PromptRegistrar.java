package io.mcpconnectors.common.mcp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.mcpconnectors.common.config.AdminCommandMode;
import io.mcpconnectors.common.spi.ConnectorPrompt;
import io.mcpconnectors.common.spi.PromptSpec;
import io.mcpconnectors.common.spi.ToolCallException;
import io.quarkiverse.mcp.server.CompletionResponse;
import io.quarkiverse.mcp.server.JsonRpcErrorCodes;
import io.quarkiverse.mcp.server.McpException;
import io.quarkiverse.mcp.server.PromptCompletionManager;
import io.quarkiverse.mcp.server.PromptManager;
import io.quarkiverse.mcp.server.PromptMessage;
import io.quarkiverse.mcp.server.PromptResponse;
import io.quarkus.runtime.StartupEvent;

/**
 * Registers the connector's prompt templates with the MCP server at start, and a completion for each of their
 * arguments: without one, a host asking to complete an argument got an error naming the MCP library's internal key
 * for it ({@code <prompt>_<argument>}) instead of suggestions.
 */
@ApplicationScoped
public class PromptRegistrar {

    private final PromptManager prompts;
    private final PromptCompletionManager completions;
    private final Instance<ConnectorPrompt> connectorPrompts;

    public PromptRegistrar(PromptManager prompts, PromptCompletionManager completions,
            Instance<ConnectorPrompt> connectorPrompts) {
        this.prompts = prompts;
        this.completions = completions;
        this.connectorPrompts = connectorPrompts;
    }

    void onStart(@Observes StartupEvent event) {
        if (AdminCommandMode.skipsRegistration()) {
            return;
        }
        for (ConnectorPrompt prompt : connectorPrompts) {
            PromptSpec spec = prompt.spec();
            PromptManager.PromptDefinition definition = prompts.newPrompt(spec.name()).setTitle(spec.title())
                    .setDescription(spec.description());
            for (PromptSpec.Argument argument : spec.arguments()) {
                definition.addArgument(argument.name(), argument.description(), argument.required());
            }
            definition.setHandler(args -> {
                try {
                    return PromptResponse.withMessages(PromptMessage.withUserRole(prompt.render(args.args())));
                } catch (ToolCallException e) {
                    throw new McpException(e.getMessage(), JsonRpcErrorCodes.INVALID_PARAMS);
                }
            }).register();
            for (PromptSpec.Argument argument : spec.arguments()) {
                completions.newCompletion(spec.name()).setArgumentName(argument.name())
                        .setHandler(args -> CompletionResponse.create(prompt.complete(argument.name(),
                                args.argumentValue() == null ? "" : args.argumentValue())))
                        .register();
            }
        }
    }
}
