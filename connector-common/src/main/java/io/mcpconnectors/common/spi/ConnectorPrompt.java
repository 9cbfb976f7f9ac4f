package io.mcpconnectors.common.spi;

import java.util.List;
import java.util.Map;

/** A prompt template; a CDI bean the runtime registers. */
public interface ConnectorPrompt {

    PromptSpec spec();

    /**
     * Renders the prompt as the text of one user message.
     *
     * @throws ToolCallException when an argument is unusable, with a message for the user
     */
    String render(Map<String, String> arguments);

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
