package io.mcpconnectors.common.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prepares call arguments for the audit trail: values of secret arguments (declared secret, or named like a
 * credential) are replaced, and long strings are shortened so file contents and statements do not flood it.
 */
public final class ArgumentRedactor {

    static final String REDACTED = "[REDACTED]";
    static final int MAX_VALUE_CHARS = 256;

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[_-]?key|private[_-]?key|credential|authorization).*");

    private ArgumentRedactor() {
    }

    /**
     * The arguments as a person approving the call sees them: complete, nothing shortened, only the values of
     * arguments the tool declares secret hidden (their content is covered by the approval's hash all the same).
     */
    public static Map<String, Object> forApprover(Map<String, Object> arguments, Set<String> declaredSecret) {
        Map<String, Object> shown = new LinkedHashMap<>();
        arguments.forEach((name, value) -> shown.put(name, declaredSecret.contains(name) ? REDACTED : value));
        return shown;
    }

    public static Map<String, Object> redact(Map<String, Object> arguments, Set<String> declaredSecret) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (arguments != null) {
            arguments.forEach((name, value) -> copy.put(name,
                    declaredSecret.contains(name) || SECRET_NAME.matcher(name).matches() ? REDACTED : shorten(value)));
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object shorten(Object value) {
        if (value instanceof String s && s.length() > MAX_VALUE_CHARS) {
            return s.substring(0, MAX_VALUE_CHARS) + "…(" + s.length() + " chars)";
        } else if (value instanceof Map<?, ?> m) {
            return redact((Map<String, Object>) m, Set.of());
        } else if (value instanceof List<?> l) {
            return l.stream().map(ArgumentRedactor::shorten).toList();
        }
        return value;
    }
}
