package io.mcpconnectors.common.spi;

import java.util.List;
import java.util.Map;

/**
 * The declaration of a connector tool.
 *
 * @param name the exact MCP tool name
 * @param title a short human title
 * @param description what the tool does and when to use it
 * @param access the access class, from which annotations and registration follow
 * @param arguments the declared arguments
 * @param outputProperties JSON schema properties of the structured result (the runtime adds its own fields)
 */
public record ToolSpec(String name, String title, String description, ToolAccess access, List<ArgSpec> arguments,
        Map<String, Object> outputProperties) {

    public ToolSpec {
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("Tool name must be lower_snake_case: " + name);
        }
        arguments = List.copyOf(arguments);
        outputProperties = Map.copyOf(outputProperties);
    }
}
