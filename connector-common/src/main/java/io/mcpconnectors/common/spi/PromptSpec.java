package io.mcpconnectors.common.spi;

import java.util.List;

/**
 * A prompt template a connector offers.
 *
 * @param name unique name
 * @param title short human title
 * @param description what the prompt helps with
 * @param arguments its arguments
 */
public record PromptSpec(String name, String title, String description, List<Argument> arguments) {

    public PromptSpec {
        arguments = List.copyOf(arguments);
    }

    /**
     * @param name argument name
     * @param description what to give
     * @param required whether it must be given
     */
    public record Argument(String name, String description, boolean required) {
    }
}
