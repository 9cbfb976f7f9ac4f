package io.mcpconnectors.common.spi;

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
}
