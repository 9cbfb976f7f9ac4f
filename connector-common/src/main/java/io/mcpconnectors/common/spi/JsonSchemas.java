package io.mcpconnectors.common.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for the JSON schema fragments tools use to describe their results. */
public final class JsonSchemas {

    private JsonSchemas() {
    }

    public static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    public static Map<String, Object> integer(String description) {
        return Map.of("type", "integer", "description", description);
    }

    /** A string that may be null (a comment not set, a default not declared). */
    public static Map<String, Object> nullableString(String description) {
        return Map.of("type", List.of("string", "null"), "description", description);
    }

    /** An integer that may be null (an estimate not known yet, a size the server did not report). */
    public static Map<String, Object> nullableInteger(String description) {
        return Map.of("type", List.of("integer", "null"), "description", description);
    }

    public static Map<String, Object> bool(String description) {
        return Map.of("type", "boolean", "description", description);
    }

    public static Map<String, Object> arrayOf(Map<String, Object> items, String description) {
        return Map.of("type", "array", "items", items, "description", description);
    }

    /** An object schema; {@code properties} alternates names and schemas. */
    public static Map<String, Object> object(Object... properties) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            props.put((String) properties[i], properties[i + 1]);
        }
        return Map.of("type", "object", "properties", props);
    }

    /** Result properties; alternates names and schemas. */
    public static Map<String, Object> properties(Object... properties) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            props.put((String) properties[i], properties[i + 1]);
        }
        return props;
    }
}
