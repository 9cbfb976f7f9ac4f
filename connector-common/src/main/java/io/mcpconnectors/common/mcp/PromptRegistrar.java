package io.mcpconnectors.common.mcp;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.mcpconnectors.common.auth.InFlightWork;
import io.mcpconnectors.common.config.AdminCommandMode;
import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.spi.ChatMessage;
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
import io.quarkiverse.mcp.server.Role;
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
    private final KnownSecrets secrets;
    private final InFlightWork inFlight;

    public PromptRegistrar(PromptManager prompts, PromptCompletionManager completions,
            Instance<ConnectorPrompt> connectorPrompts, KnownSecrets secrets, InFlightWork inFlight) {
        this.inFlight = inFlight;
        this.prompts = prompts;
        this.completions = completions;
        this.connectorPrompts = connectorPrompts;
        this.secrets = secrets;
    }

    /** The prompt's messages as MCP messages, scrubbed of the connector's secrets like a tool's result. */
    private List<PromptMessage> messages(PromptSpec spec, List<ChatMessage> messages) {
        List<PromptMessage> rendered = new ArrayList<>();
        for (ChatMessage message : messages) {
            String secret = ContentRendering.secretIn(message.content(), secrets);
            if (secret != null) {
                throw new McpException(ToolInvoker.withheld("prompt " + spec.name() + "'s " + secret),
                        JsonRpcErrorCodes.INTERNAL_ERROR);
            }
            rendered.add(new PromptMessage(message.role() == ChatMessage.Role.USER ? Role.USER : Role.ASSISTANT,
                    ContentRendering.render(message.content(), secrets)));
        }
        return rendered;
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
            // Over HTTP with callers' limits, the work holds its caller's place in flight until it returns.
            definition.setHandler(inFlight.heldWhile(args -> {
                try {
                    return PromptResponse.withMessages(messages(spec, prompt.messages(args.args())));
                } catch (ToolCallException e) {
                    throw new McpException(secrets.scrubMessage(e.getMessage()), JsonRpcErrorCodes.INVALID_PARAMS);
                }
            })).register();
            for (PromptSpec.Argument argument : spec.arguments()) {
                completions.newCompletion(spec.name()).setArgumentName(argument.name())
                        .setHandler(inFlight.heldWhile(args -> CompletionResponse.create(prompt.complete(
                                argument.name(), args.argumentValue() == null ? "" : args.argumentValue()))))
                        .register();
            }
        }
    }
}
