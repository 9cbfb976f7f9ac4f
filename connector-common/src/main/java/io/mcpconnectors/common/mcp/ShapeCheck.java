package io.mcpconnectors.common.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.mcpconnectors.common.spi.ArgSchema;

/**
 * Checks a value (already normalised to maps, lists, strings, longs, doubles, booleans and nulls) against an
 * {@link ArgSchema}, and says where and how it does not fit, naming the path into the value
 * ({@code filter.$and[1]}).
 */
final class ShapeCheck {

    private ShapeCheck() {
    }

    /** What is wrong with the value, as "argument '<path>' must be ..., got ...", or null when it fits. */
    static String problem(String path, ArgSchema schema, Object value) {
        switch (schema.kind()) {
            case ANY:
                return null;
            case ONE_OF:
                return oneOf(path, schema, value);
            case NULL:
                return value == null ? null : mismatch(path, "null", value);
            case STRING:
                if (!(value instanceof String text)) {
                    return mismatch(path, "a string", value);
                }
                if (schema.pattern() != null && !Pattern.compile(schema.pattern()).matcher(text).matches()) {
                    return "argument '" + path + "' must match " + schema.pattern() + ", got '" + shorten(text) + "'";
                }
                return enumeration(path, schema, value);
            case INTEGER:
            case NUMBER:
                boolean integral = schema.kind() == ArgSchema.Kind.INTEGER;
                if (!(value instanceof Number n) || integral && !(value instanceof Long)) {
                    return mismatch(path, integral ? "an integer" : "a number", value);
                }
                if (schema.minimum() != null && n.doubleValue() < schema.minimum().doubleValue()
                        || schema.maximum() != null && n.doubleValue() > schema.maximum().doubleValue()) {
                    return "argument '" + path + "' must be between " + schema.minimum() + " and " + schema.maximum()
                            + ", got " + value;
                }
                return enumeration(path, schema, value);
            case BOOLEAN:
                return value instanceof Boolean ? null : mismatch(path, "a boolean", value);
            case ARRAY:
                return array(path, schema, value);
            case OBJECT:
                return object(path, schema, value);
            default:
                throw new IllegalStateException("unknown kind " + schema.kind());
        }
    }

    private static String array(String path, ArgSchema schema, Object value) {
        if (!(value instanceof List<?> list)) {
            return mismatch(path, "an array", value);
        }
        String size = size(path, "items", schema, list.size());
        if (size != null) {
            return size;
        }
        if (schema.items() != null) {
            for (int i = 0; i < list.size(); i++) {
                String problem = problem(path + "[" + i + "]", schema.items(), list.get(i));
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String object(String path, ArgSchema schema, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return mismatch(path, "an object", value);
        }
        String size = size(path, "properties", schema, map.size());
        if (size != null) {
            return size;
        }
        for (String name : schema.required()) {
            if (!map.containsKey(name)) {
                return "argument '" + path + "' must have the property '" + name + "'";
            }
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            String at = path + "." + name;
            if (schema.propertyNames() != null && !Pattern.compile(schema.propertyNames()).matcher(name).matches()) {
                return "argument '" + path + "' has the property '" + shorten(name) + "', whose name must match "
                        + schema.propertyNames();
            }
            ArgSchema declared = schema.properties().get(name);
            if (declared == null && schema.closed()) {
                return "argument '" + path + "' has the unknown property '" + shorten(name) + "'; accepted: "
                        + schema.properties().keySet();
            }
            ArgSchema applies = declared != null ? declared : schema.additional();
            if (applies != null) {
                String problem = problem(at, applies, entry.getValue());
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String oneOf(String path, ArgSchema schema, Object value) {
        List<ArgSchema> matching = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (ArgSchema alternative : schema.alternatives()) {
            String problem = problem(path, alternative, value);
            if (problem == null) {
                matching.add(alternative);
            } else {
                reasons.add(problem);
            }
        }
        if (matching.size() == 1) {
            return null;
        }
        List<String> names = schema.alternatives().stream().map(ShapeCheck::describe).toList();
        if (matching.isEmpty()) {
            // One alternative of the value's own kind says best what is wrong with it.
            for (int i = 0; i < schema.alternatives().size(); i++) {
                if (sameKind(schema.alternatives().get(i), value)) {
                    return reasons.get(i);
                }
            }
            return "argument '" + path + "' must be one of: " + String.join("; ", names) + ", got "
                    + jsonTypeOf(value);
        }
        return "argument '" + path + "' fits more than one of: " + String.join("; ", names) + "; make it fit one";
    }

    private static boolean sameKind(ArgSchema schema, Object value) {
        return switch (schema.kind()) {
            case STRING -> value instanceof String;
            case INTEGER -> value instanceof Long;
            case NUMBER -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            case ARRAY -> value instanceof List;
            case OBJECT -> value instanceof Map;
            default -> false;
        };
    }

    private static String enumeration(String path, ArgSchema schema, Object value) {
        if (schema.values() == null) {
            return null;
        }
        for (Object allowed : schema.values()) {
            if (allowed.equals(value) || allowed instanceof Number a && value instanceof Number v
                    && a.doubleValue() == v.doubleValue()) {
                return null;
            }
        }
        return "argument '" + path + "' must be one of " + schema.values() + ", got "
                + (value instanceof String s ? "'" + shorten(s) + "'" : value);
    }

    private static String size(String path, String what, ArgSchema schema, int size) {
        Integer least = schema.minItems();
        Integer most = schema.maxItems();
        if (least != null && least.equals(most) && size != least) {
            return "argument '" + path + "' must have exactly " + count(least, what) + ", got " + size;
        }
        if (least != null && size < least) {
            return "argument '" + path + "' must have at least " + count(least, what) + ", got " + size;
        }
        if (most != null && size > most) {
            return "argument '" + path + "' must have at most " + count(most, what) + ", got " + size;
        }
        return null;
    }

    /** "1 item", "2 items", "1 property", "3 properties". */
    private static String count(int n, String what) {
        String one = what.equals("properties") ? "property" : "item";
        return n + " " + (n == 1 ? one : what);
    }

    /** A schema in a few words, for messages. */
    static String describe(ArgSchema schema) {
        String base = switch (schema.kind()) {
            case ARRAY -> schema.items() == null ? "an array" : "an array of " + describe(schema.items());
            case INTEGER, OBJECT, ANY -> (schema.kind() == ArgSchema.Kind.ANY ? "any value"
                    : "an " + schema.kind().name().toLowerCase(Locale.ROOT));
            case ONE_OF -> "one of (" + String.join("; ", schema.alternatives().stream().map(ShapeCheck::describe)
                    .toList()) + ")";
            default -> "a " + schema.kind().name().toLowerCase(Locale.ROOT);
        };
        return schema.values() == null ? base : base + " in " + schema.values();
    }

    private static String mismatch(String path, String expected, Object value) {
        return "argument '" + path + "' must be " + expected + ", got " + jsonTypeOf(value);
    }

    static String jsonTypeOf(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof String) {
            return "a string";
        } else if (value instanceof Boolean) {
            return "a boolean";
        } else if (value instanceof Number) {
            return "a number";
        } else if (value instanceof List) {
            return "an array";
        } else if (value instanceof Map) {
            return "an object";
        }
        return "an unsupported value";
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
