package io.mcpconnectors.common.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments of one call, already checked by the runtime against the tool's {@link ArgSpec}s: every required
 * argument is present and every present argument has its declared JSON type. Range and meaning checks are the
 * tool's; they fail with a {@link ToolCallException} that names the argument. Read them through their typed
 * handles ({@link #get(Arg)}); the reads by name remain for tools not yet declared with handles.
 */
public final class ToolArguments {

    private final Map<String, Object> values;

    public ToolArguments(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * The argument's value; its default when the call does not carry it (null for an optional one without a
     * default, an empty list for an array).
     */
    public <T> T get(Arg<T> arg) {
        return arg.read(this);
    }

    /** Whether the call carries the argument. */
    public boolean has(Arg<?> arg) {
        return has(arg.name());
    }

    /** An integer argument that must lie in [min, max]; {@code defaultValue} when absent. */
    public int intInRange(Arg<Long> arg, int defaultValue, int min, int max) {
        return intInRange(arg.name(), defaultValue, min, max);
    }

    public String string(String name) {
        return optionalString(name).orElseThrow(() -> new ToolCallException("Argument '" + name + "' is required."));
    }

    public Optional<String> optionalString(String name) {
        return Optional.ofNullable((String) values.get(name));
    }

    public Optional<Long> optionalLong(String name) {
        Object value = values.get(name);
        return value == null ? Optional.empty() : Optional.of(((Number) value).longValue());
    }

    /** An integer argument that must lie in [min, max]; {@code defaultValue} when absent. */
    public int intInRange(String name, int defaultValue, int min, int max) {
        long value = optionalLong(name).orElse((long) defaultValue);
        if (value < min || value > max) {
            throw new ToolCallException(
                    "Argument '" + name + "' must be between " + min + " and " + max + " (got " + value + ").");
        }
        return (int) value;
    }

    public boolean bool(String name, boolean defaultValue) {
        Object value = values.get(name);
        return value == null ? defaultValue : (Boolean) value;
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String name) {
        Object value = values.get(name);
        return value == null ? List.of() : (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    public List<Object> values(String name) {
        Object value = values.get(name);
        return value == null ? List.of() : (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> objects(String name) {
        Object value = values.get(name);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    /** An object argument (a JSON object) as a map, or empty when absent. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> optionalObject(String name) {
        return Optional.ofNullable((Map<String, Object>) values.get(name));
    }
}
