package io.mcpconnectors.common.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mcpconnectors.common.spi.ArgSpec;
import io.mcpconnectors.common.spi.ArgType;
import io.mcpconnectors.common.spi.ToolSpec;
import io.vertx.core.json.JsonObject;

/** Builds the JSON schemas a tool advertises from its declaration. */
final class SchemaFactory {

    private SchemaFactory() {
    }

    /** The dialect of every input schema: the default of MCP 2025-11-25, stated so no client has to guess. */
    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    static JsonObject inputSchema(ToolSpec spec) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        Map<String, Object> defs = new LinkedHashMap<>();
        for (ArgSpec arg : spec.arguments()) {
            Map<String, Object> property = new LinkedHashMap<>();
            if (arg.schema() != null) {
                property.putAll(arg.schema().toJson(defs));
                property.put("description", arg.description());
            } else {
                property.put("type", arg.type().jsonType());
                property.put("description", arg.description());
                if (arg.type() == ArgType.STRING_ARRAY) {
                    property.put("items", Map.of("type", "string"));
                } else if (arg.type() == ArgType.OBJECT_ARRAY) {
                    property.put("items", arg.itemSchema() == null ? Map.of("type", "object") : arg.itemSchema());
                } else if (arg.type() == ArgType.VALUE_ARRAY) {
                    property.put("items", arg.itemSchema() == null ? Map.of() : arg.itemSchema());
                }
            }
            properties.put(arg.name(), property);
            if (arg.required()) {
                required.add(arg.name());
            }
        }
        JsonObject schema = new JsonObject().put("$schema", DIALECT).put("type", "object");
        if (!defs.isEmpty()) {
            schema.put("$defs", defs);
        }
        schema.put("properties", properties).put("additionalProperties", false);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        return schema;
    }

    static JsonObject outputSchema(ToolSpec spec) {
        Map<String, Object> properties = new LinkedHashMap<>(spec.outputProperties());
        properties.put("truncated", Map.of("type", "boolean",
                "description", "true when the result was cut short by a limit; see 'limit'"));
        properties.put("limit", Map.of("type", "object",
                "description", "the limit that cut the result short (present only when truncated)",
                "properties", Map.of("name", Map.of("type", "string"), "value", Map.of("type", "integer"))));
        return new JsonObject().put("type", "object").put("properties", properties).put("required", List.of("truncated"));
    }
}
