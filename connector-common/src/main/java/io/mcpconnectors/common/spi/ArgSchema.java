package io.mcpconnectors.common.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The shape of an argument value beyond its JSON type: nested objects with their properties, arrays of typed items,
 * enumerations and alternatives ({@code oneOf}). The runtime advertises it as JSON Schema 2020-12 and checks every
 * call against it before the tool runs, so a tool reads only values of the declared shape. Build one with the static
 * factories and the {@code with...} methods; each returns a new value.
 *
 * @param kind what the value is
 * @param description what it means, or null
 * @param values the values it may take (an enumeration), or null for any of its kind
 * @param pattern a regular expression a string must match whole, or null
 * @param minimum the least value of a number, or null
 * @param maximum the greatest value of a number, or null
 * @param items the schema of an array's items, or null for any
 * @param minItems the fewest items of an array (or properties of an object), or null
 * @param maxItems the most items of an array (or properties of an object), or null
 * @param properties an object's declared properties, in order
 * @param required the names of the properties an object must have
 * @param additional the schema of an object's other properties; null for any value
 * @param closed whether an object refuses properties it does not declare
 * @param propertyNames a regular expression every property name of an object must match, or null
 * @param alternatives the schemas of which exactly one must match ({@link Kind#ONE_OF})
 * @param definition the name under which the schema is advertised once ({@code $defs}) and referred to, or null
 */
public record ArgSchema(Kind kind, String description, List<Object> values, String pattern, Number minimum,
        Number maximum, ArgSchema items, Integer minItems, Integer maxItems, Map<String, ArgSchema> properties,
        Set<String> required, ArgSchema additional, boolean closed, String propertyNames,
        List<ArgSchema> alternatives, String definition) {

    /** What kind of value a schema describes. */
    public enum Kind {
        STRING,
        INTEGER,
        NUMBER,
        BOOLEAN,
        NULL,
        ARRAY,
        OBJECT,
        /** Exactly one of the alternatives. */
        ONE_OF,
        /** Any JSON value. */
        ANY
    }

    public ArgSchema {
        values = values == null ? null : List.copyOf(values);
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(
                new LinkedHashMap<>(properties));
        required = required == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(required));
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        if (!properties.keySet().containsAll(required)) {
            throw new IllegalArgumentException("required properties must be declared: " + required);
        }
        if (kind == Kind.ONE_OF && alternatives.size() < 2) {
            throw new IllegalArgumentException("oneOf needs two alternatives or more");
        }
    }

    private static ArgSchema of(Kind kind) {
        return new ArgSchema(kind, null, null, null, null, null, null, null, null, null, null, null, false, null,
                null, null);
    }

    public static ArgSchema string() {
        return of(Kind.STRING);
    }

    /** A string that is one of these values. */
    public static ArgSchema enumOf(String... values) {
        return string().withValues(Arrays.asList((Object[]) values));
    }

    public static ArgSchema integer() {
        return of(Kind.INTEGER);
    }

    public static ArgSchema number() {
        return of(Kind.NUMBER);
    }

    public static ArgSchema bool() {
        return of(Kind.BOOLEAN);
    }

    public static ArgSchema nullValue() {
        return of(Kind.NULL);
    }

    public static ArgSchema any() {
        return of(Kind.ANY);
    }

    /** An array of items of this schema. */
    public static ArgSchema arrayOf(ArgSchema items) {
        return new ArgSchema(Kind.ARRAY, null, null, null, null, null, items, null, null, null, null, null, false, null,
                null, null);
    }

    /** An object with no declared properties, open to any: add them with {@link #withProperty}. */
    public static ArgSchema object() {
        return of(Kind.OBJECT);
    }

    /** Exactly one of these alternatives (which should not overlap: a value matching two is refused). */
    public static ArgSchema oneOf(ArgSchema... alternatives) {
        return new ArgSchema(Kind.ONE_OF, null, null, null, null, null, null, null, null, null, null, null, false, null,
                List.of(alternatives), null);
    }

    public ArgSchema describedAs(String text) {
        return new ArgSchema(kind, text, values, pattern, minimum, maximum, items, minItems, maxItems, properties,
                required, additional, closed, propertyNames, alternatives, definition);
    }

    public ArgSchema withValues(List<Object> allowed) {
        return new ArgSchema(kind, description, allowed, pattern, minimum, maximum, items, minItems, maxItems,
                properties, required, additional, closed, propertyNames, alternatives, definition);
    }

    public ArgSchema withPattern(String regex) {
        return new ArgSchema(kind, description, values, regex, minimum, maximum, items, minItems, maxItems, properties,
                required, additional, closed, propertyNames, alternatives, definition);
    }

    public ArgSchema withRange(Number least, Number greatest) {
        return new ArgSchema(kind, description, values, pattern, least, greatest, items, minItems, maxItems,
                properties, required, additional, closed, propertyNames, alternatives, definition);
    }

    /** The fewest and most items of an array, or properties of an object (null: no bound). */
    public ArgSchema withSize(Integer least, Integer most) {
        return new ArgSchema(kind, description, values, pattern, minimum, maximum, items, least, most, properties,
                required, additional, closed, propertyNames, alternatives, definition);
    }

    /** This object with one more declared property. */
    public ArgSchema withProperty(String name, ArgSchema schema, boolean isRequired) {
        Map<String, ArgSchema> more = new LinkedHashMap<>(properties);
        more.put(name, schema);
        Set<String> needed = new LinkedHashSet<>(required);
        if (isRequired) {
            needed.add(name);
        }
        return new ArgSchema(kind, description, values, pattern, minimum, maximum, items, minItems, maxItems, more,
                needed, additional, closed, propertyNames, alternatives, definition);
    }

    /** This object, whose undeclared properties must match {@code schema}. */
    public ArgSchema withOtherProperties(ArgSchema schema) {
        return new ArgSchema(kind, description, values, pattern, minimum, maximum, items, minItems, maxItems,
                properties, required, schema, false, propertyNames, alternatives, definition);
    }

    /** This object, refusing properties it does not declare. */
    public ArgSchema closedToOthers() {
        return new ArgSchema(kind, description, values, pattern, minimum, maximum, items, minItems, maxItems,
                properties, required, null, true, propertyNames, alternatives, definition);
    }

    /** This object, whose property names must match {@code regex} whole. */
    public ArgSchema withPropertyNames(String regex) {
        return new ArgSchema(kind, description, values, pattern, minimum, maximum, items, minItems, maxItems,
                properties, required, additional, closed, regex, alternatives, definition);
    }

    /** This schema advertised once under {@code $defs/<name>} and referred to wherever it is used. */
    public ArgSchema definedAs(String name) {
        return new ArgSchema(kind, description, values, pattern, minimum, maximum, items, minItems, maxItems,
                properties, required, additional, closed, propertyNames, alternatives, name);
    }

    /** The argument type this schema's values have at the top level. */
    public ArgType argType() {
        return switch (kind) {
            case STRING -> ArgType.STRING;
            case INTEGER -> ArgType.INTEGER;
            case NUMBER -> ArgType.NUMBER;
            case BOOLEAN -> ArgType.BOOLEAN;
            case ARRAY -> items != null && items.kind == Kind.STRING ? ArgType.STRING_ARRAY
                    : items != null && items.kind == Kind.OBJECT ? ArgType.OBJECT_ARRAY : ArgType.VALUE_ARRAY;
            case OBJECT -> ArgType.OBJECT;
            case NULL, ONE_OF, ANY -> null;
        };
    }

    /**
     * This schema as JSON Schema (maps and lists); named schemas are put into {@code defs} once and referred to
     * with {@code $ref}.
     */
    public Map<String, Object> toJson(Map<String, Object> defs) {
        if (definition != null) {
            if (!defs.containsKey(definition)) {
                defs.put(definition, Map.of());
                defs.put(definition, definedAs(null).toJson(defs));
            }
            return Map.of("$ref", "#/$defs/" + definition);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        switch (kind) {
            case STRING, INTEGER, NUMBER, BOOLEAN, NULL, ARRAY, OBJECT ->
                    json.put("type", kind.name().toLowerCase(Locale.ROOT));
            case ONE_OF -> {
                List<Object> options = new ArrayList<>();
                alternatives.forEach(a -> options.add(a.toJson(defs)));
                json.put("oneOf", options);
            }
            case ANY -> {
            }
        }
        if (description != null) {
            json.put("description", description);
        }
        if (values != null) {
            json.put("enum", values);
        }
        if (pattern != null) {
            json.put("pattern", "^(?:" + pattern + ")$");
        }
        if (minimum != null) {
            json.put("minimum", minimum);
        }
        if (maximum != null) {
            json.put("maximum", maximum);
        }
        if (kind == Kind.ARRAY) {
            if (items != null) {
                json.put("items", items.toJson(defs));
            }
            putIfSet(json, "minItems", minItems);
            putIfSet(json, "maxItems", maxItems);
        }
        if (kind == Kind.OBJECT) {
            if (!properties.isEmpty()) {
                Map<String, Object> props = new LinkedHashMap<>();
                properties.forEach((name, schema) -> props.put(name, schema.toJson(defs)));
                json.put("properties", props);
            }
            if (!required.isEmpty()) {
                json.put("required", List.copyOf(required));
            }
            if (closed) {
                json.put("additionalProperties", false);
            } else if (additional != null) {
                json.put("additionalProperties", additional.toJson(defs));
            }
            if (propertyNames != null) {
                json.put("propertyNames", Map.of("pattern", "^(?:" + propertyNames + ")$"));
            }
            putIfSet(json, "minProperties", minItems);
            putIfSet(json, "maxProperties", maxItems);
        }
        return json;
    }

    private static void putIfSet(Map<String, Object> json, String key, Integer value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
