package io.mcpconnectors.common.spi;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A typed handle on one tool argument, declared once and read through itself, so the name is spelled once:
 *
 * <pre>
 * static final Arg&lt;String&gt; SQL = Arg.string("sql", "one SQL query").required();
 * ...
 * new ToolSpec(..., List.of(SQL.spec()), ...);
 * String sql = call.get(SQL);
 * </pre>
 *
 * An optional argument without a default reads as null when absent (an empty list for an array argument); a
 * required one is always there, since the runtime rejects a call without it before the tool runs. Handles are
 * immutable: {@link #required()}, {@link #secret()} and {@link #orElse} return new ones.
 *
 * @param <T> the Java type the argument reads as
 */
public final class Arg<T> {

    private final ArgSpec spec;
    private final BiFunction<ToolArguments, String, T> reader;
    private final T defaultValue;

    private Arg(ArgSpec spec, BiFunction<ToolArguments, String, T> reader, T defaultValue) {
        this.spec = spec;
        this.reader = reader;
        this.defaultValue = defaultValue;
    }

    private static <T> Arg<T> of(String name, ArgType type, String description, Map<String, Object> itemSchema,
            BiFunction<ToolArguments, String, T> reader, T defaultValue) {
        return new Arg<>(new ArgSpec(name, type, description, false, false, itemSchema), reader, defaultValue);
    }

    /** A JSON string. */
    public static Arg<String> string(String name, String description) {
        return of(name, ArgType.STRING, description, null, (a, n) -> a.optionalString(n).orElse(null), null);
    }

    /** A JSON integer. */
    public static Arg<Long> integer(String name, String description) {
        return of(name, ArgType.INTEGER, description, null, (a, n) -> a.optionalLong(n).orElse(null), null);
    }

    /** A JSON boolean. */
    public static Arg<Boolean> bool(String name, String description) {
        return of(name, ArgType.BOOLEAN, description, null, (a, n) -> a.has(n) ? a.bool(n, false) : null, null);
    }

    /** An array of strings; empty when absent. */
    public static Arg<List<String>> strings(String name, String description) {
        return of(name, ArgType.STRING_ARRAY, description, null, ToolArguments::strings, List.of());
    }

    /** An array of JSON values of any type, described by {@code itemSchema}; empty when absent. */
    public static Arg<List<Object>> values(String name, String description, Map<String, Object> itemSchema) {
        return of(name, ArgType.VALUE_ARRAY, description, itemSchema, ToolArguments::values, List.of());
    }

    /** An array of JSON objects, described by {@code itemSchema}; empty when absent. */
    public static Arg<List<Map<String, Object>>> objects(String name, String description,
            Map<String, Object> itemSchema) {
        return of(name, ArgType.OBJECT_ARRAY, description, itemSchema, ToolArguments::objects, List.of());
    }

    /** A JSON object, as a map. */
    public static Arg<Map<String, Object>> object(String name, String description) {
        return of(name, ArgType.OBJECT, description, null, (a, n) -> a.optionalObject(n).orElse(null), null);
    }

    /** The same argument, which every call must carry. */
    public Arg<T> required() {
        return new Arg<>(new ArgSpec(spec.name(), spec.type(), spec.description(), true, spec.secret(),
                spec.itemSchema(), spec.schema()), reader, defaultValue);
    }

    /** The same argument, whose value is redacted in audit records and shown hidden to approvers. */
    public Arg<T> secret() {
        return new Arg<>(new ArgSpec(spec.name(), spec.type(), spec.description(), spec.required(), true,
                spec.itemSchema(), spec.schema()), reader, defaultValue);
    }

    /**
     * The same argument with this full shape, advertised and checked (see {@link ArgSchema}); the shape's top-level
     * type must be the one this handle reads.
     */
    public Arg<T> shaped(ArgSchema schema) {
        if (schema.argType() != spec.type()) {
            throw new IllegalArgumentException("argument '" + spec.name() + "' reads a " + spec.type()
                    + ", not a value of the shape's type " + schema.argType());
        }
        return new Arg<>(new ArgSpec(spec.name(), spec.type(), spec.description(), spec.required(), spec.secret(),
                null, schema), reader, defaultValue);
    }

    /** The same argument, read as {@code value} when the call does not carry it. */
    public Arg<T> orElse(T value) {
        return new Arg<>(spec, reader, value);
    }

    public String name() {
        return spec.name();
    }

    /** The declaration the runtime builds the input schema from and validates calls against. */
    public ArgSpec spec() {
        return spec;
    }

    /** The value in these arguments, the default when absent, or a refusal naming a missing required one. */
    T read(ToolArguments arguments) {
        T value = arguments.has(spec.name()) ? reader.apply(arguments, spec.name()) : null;
        if (value != null) {
            return value;
        }
        if (defaultValue == null && spec.required()) {
            throw new ToolCallException("Argument '" + spec.name() + "' is required.");
        }
        return defaultValue;
    }

    @Override
    public String toString() {
        return spec.name();
    }
}
