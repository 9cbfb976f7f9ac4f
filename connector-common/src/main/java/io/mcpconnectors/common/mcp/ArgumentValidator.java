package io.mcpconnectors.common.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mcpconnectors.common.spi.ArgSpec;
import io.mcpconnectors.common.spi.LoneSurrogates;
import io.mcpconnectors.common.spi.ToolSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Checks the shape of a call's arguments against the tool's declaration. A call that does not fit (an unknown
 * argument, a missing required one, a value of the wrong JSON type or not of the declared shape, a lone UTF-16
 * surrogate) is refused before the approval gate: the tool never runs, and the client gets an {@code isError} result
 * naming the argument and what it accepts, so the model can correct the call. MCP 2025-11-25 (SEP-1303) makes input
 * validation a tool execution error, not a JSON-RPC error; an unknown tool or a malformed request stays one.
 */
final class ArgumentValidator {

    private ArgumentValidator() {
    }

    static Map<String, Object> validate(ToolSpec spec, Map<String, Object> raw) {
        Map<String, Object> args = raw == null ? Map.of() : raw;
        Map<String, ArgSpec> declared = new LinkedHashMap<>();
        spec.arguments().forEach(a -> declared.put(a.name(), a));
        for (String name : args.keySet()) {
            if (!declared.containsKey(name)) {
                throw invalid(spec, "unknown argument '" + name + "'; accepted: " + declared.keySet());
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (ArgSpec arg : declared.values()) {
            Object value = normalise(args.get(arg.name()));
            if (value == null) {
                if (arg.required()) {
                    throw invalid(spec, "missing required argument '" + arg.name() + "'");
                }
                continue;
            }
            if (arg.schema() != null) {
                String problem = ShapeCheck.problem(arg.name(), arg.schema(), value);
                if (problem != null) {
                    // A problem can quote the value (an enumeration, a pattern), which a secret's must not be.
                    throw invalid(spec, arg.secret() ? "argument '" + arg.name() + "' must be "
                            + ShapeCheck.describe(arg.schema()) + " (its value is secret, so not shown here)" : problem);
                }
            } else if (!hasType(arg, value)) {
                throw invalid(spec, "argument '" + arg.name() + "' must be " + describe(arg) + ", got "
                        + ShapeCheck.jsonTypeOf(value));
            }
            String broken = unpairedSurrogate(value);
            if (broken != null) {
                throw invalid(spec, "argument '" + arg.name() + "' holds an invalid character " + broken + " (half of a"
                        + " UTF-16 surrogate pair, which no text encoding can carry: the source would read another"
                        + " character in its place); remove it");
            }
            result.put(arg.name(), value);
        }
        return result;
    }

    /**
     * Where a string of the value (at any depth) holds a lone surrogate, as "at position N", or null. JSON can carry
     * one ({@code \ud800}); encoding it for the data source turns it into a replacement character, so what a guard
     * checked is not what the source would read.
     */
    static String unpairedSurrogate(Object value) {
        if (value instanceof String text) {
            int at = LoneSurrogates.indexIn(text);
            return at < 0 ? null : "at position " + at;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String found = entry.getKey() instanceof String key ? unpairedSurrogate(key) : null;
                found = found != null ? found : unpairedSurrogate(entry.getValue());
                if (found != null) {
                    return found;
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                String found = unpairedSurrogate(item);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static InvalidArgumentsException invalid(ToolSpec spec, String problem) {
        return new InvalidArgumentsException("Invalid arguments for tool " + spec.name() + ": " + problem);
    }

    private static boolean hasType(ArgSpec arg, Object value) {
        return switch (arg.type()) {
            case STRING -> value instanceof String;
            case INTEGER -> isIntegral(value);
            case NUMBER -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            case STRING_ARRAY -> value instanceof List<?> list && list.stream().allMatch(String.class::isInstance);
            case OBJECT_ARRAY -> value instanceof List<?> list && list.stream().allMatch(Map.class::isInstance);
            case VALUE_ARRAY -> value instanceof List;
            case OBJECT -> value instanceof Map;
        };
    }

    private static boolean isIntegral(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return true;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.007199254740992E15;
        }
        return false;
    }

    private static String describe(ArgSpec arg) {
        return switch (arg.type()) {
            case STRING_ARRAY -> "an array of strings";
            case OBJECT_ARRAY -> "an array of objects";
            case VALUE_ARRAY -> "an array";
            case INTEGER -> "an integer";
            case OBJECT -> "an object";
            default -> "a " + arg.type().jsonType();
        };
    }

    /** Turns Vert.x JSON wrappers into plain maps and lists, and integral numbers into longs. */
    @SuppressWarnings("unchecked")
    static Object normalise(Object value) {
        if (value instanceof JsonObject o) {
            return normalise(o.getMap());
        } else if (value instanceof JsonArray a) {
            return normalise(a.getList());
        } else if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> copy.put(k, normalise(v)));
            return copy;
        } else if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(normalise(v)));
            return copy;
        } else if (value instanceof Number n && !(value instanceof Long) && isIntegral(n)) {
            return n.longValue();
        }
        return value;
    }
}
