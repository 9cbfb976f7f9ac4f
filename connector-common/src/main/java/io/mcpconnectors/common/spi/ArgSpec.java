package io.mcpconnectors.common.spi;

import java.util.Map;

/**
 * One declared tool argument. The runtime builds the input schema from these and rejects a call whose
 * arguments do not fit (missing, unknown, of the wrong JSON type, or not of the declared {@link ArgSchema} shape)
 * before the tool sees it.
 *
 * @param name the argument name
 * @param type its JSON type
 * @param description what it means, shown to the model
 * @param required whether the call must carry it
 * @param secret whether its value is redacted in audit records
 * @param itemSchema JSON schema of one element, for {@link ArgType#OBJECT_ARRAY} and {@link ArgType#VALUE_ARRAY}
 *        arguments (else null); advertised only, not checked: prefer {@code schema}
 * @param schema the value's full shape (nested objects, typed items, enumerations, alternatives), advertised and
 *        checked; null: the type alone
 */
public record ArgSpec(String name, ArgType type, String description, boolean required, boolean secret,
        Map<String, Object> itemSchema, ArgSchema schema) {

    public ArgSpec(String name, ArgType type, String description, boolean required, boolean secret,
            Map<String, Object> itemSchema) {
        this(name, type, description, required, secret, itemSchema, null);
    }

    public static ArgSpec required(String name, ArgType type, String description) {
        return new ArgSpec(name, type, description, true, false, null);
    }

    public static ArgSpec optional(String name, ArgType type, String description) {
        return new ArgSpec(name, type, description, false, false, null);
    }

    public static ArgSpec objects(String name, boolean required, String description, Map<String, Object> itemSchema) {
        return new ArgSpec(name, ArgType.OBJECT_ARRAY, description, required, false, itemSchema);
    }

    /** An argument of this shape. */
    public static ArgSpec shaped(String name, boolean required, String description, ArgSchema schema) {
        return new ArgSpec(name, schema.argType(), description, required, false, null, schema);
    }
}
