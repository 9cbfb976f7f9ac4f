package io.mcpconnectors.common.spi;

import java.util.List;
import java.util.Map;

/**
 * A prompt template; a CDI bean the runtime registers. A prompt implements {@link #render} (one user message of
 * text) or {@link #messages} (several messages, with images and embedded resources).
 */
public interface ConnectorPrompt {

    PromptSpec spec();

    /**
     * Renders the prompt as the text of one user message.
     *
     * @throws ToolCallException when an argument is unusable, with a message for the user
     */
    default String render(Map<String, String> arguments) {
        throw new IllegalStateException("Prompt " + spec().name() + " implements neither render nor messages.");
    }

    /**
     * The prompt's messages, in order. Text and embedded text are scrubbed of the connector's secrets; binary
     * content that holds one fails the request. The default is one user message of {@link #render}'s text.
     *
     * @throws ToolCallException when an argument is unusable, with a message for the user
     */
    default List<ChatMessage> messages(Map<String, String> arguments) {
        return List.of(ChatMessage.user(render(arguments)));
    }

    /**
     * Values that complete what the user has typed so far for one of the prompt's arguments (MCP
     * {@code completion/complete}), best first. The runtime asks for every declared argument; the default offers
     * none, so a host asking gets an empty list, not an error.
     *
     * @param argument the argument's name, as declared in {@link #spec()}
     * @param typed what the user has typed so far (may be empty)
     */
    default List<String> complete(String argument, String typed) {
        return List.of();
    }
}
