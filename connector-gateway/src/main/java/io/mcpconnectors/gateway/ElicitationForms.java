package io.mcpconnectors.gateway;

import java.util.List;
import java.util.Map;

import io.quarkiverse.mcp.server.ElicitationRequest;
import io.quarkiverse.mcp.server.ElicitationRequest.BooleanSchema;
import io.quarkiverse.mcp.server.ElicitationRequest.EnumSchema;
import io.quarkiverse.mcp.server.ElicitationRequest.NumberSchema;
import io.quarkiverse.mcp.server.ElicitationRequest.StringSchema;

/**
 * Copies the form an upstream asks the user to fill (the flat, primitive-only schema of MCP form elicitation) into
 * the downstream request: boolean, string, number and integer fields, and string enumerations, with their titles,
 * descriptions, defaults and whether they are required.
 */
final class ElicitationForms {

    private ElicitationForms() {
    }

    /** False when a field has a kind the form cannot carry faithfully; nothing should be asked then. */
    @SuppressWarnings("unchecked")
    static boolean copy(Map<String, Object> schema, ElicitationRequest.Builder builder) {
        if (schema == null || !(schema.get("properties") instanceof Map<?, ?> properties)) {
            return false;
        }
        List<Object> required = schema.get("required") instanceof List<?> list ? (List<Object>) list : List.of();
        for (Map.Entry<?, ?> entry : properties.entrySet()) {
            if (!(entry.getValue() instanceof Map<?, ?> field)) {
                return false;
            }
            String name = String.valueOf(entry.getKey());
            boolean mandatory = required.contains(name);
            String title = text(field.get("title"));
            String description = text(field.get("description"));
            Object type = field.get("type");
            ElicitationRequest.PrimitiveSchema copied;
            if (field.get("enum") instanceof List<?> values && "string".equals(type)) {
                copied = new EnumSchema(title, description, values.stream().map(String::valueOf).toList(), null,
                        mandatory, text(field.get("default")));
            } else if ("boolean".equals(type)) {
                copied = new BooleanSchema(title, description,
                        field.get("default") instanceof Boolean b ? b : null, mandatory);
            } else if ("string".equals(type)) {
                copied = new StringSchema(title, description, null, null, null, mandatory, text(field.get("default")));
            } else if ("number".equals(type) || "integer".equals(type)) {
                copied = new NumberSchema(title, description, number(field.get("maximum")), number(field.get("minimum")),
                        mandatory, number(field.get("default")));
            } else {
                return false;
            }
            builder.addSchemaProperty(name, copied);
        }
        return true;
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static Number number(Object value) {
        return value instanceof Number n ? n : null;
    }
}
