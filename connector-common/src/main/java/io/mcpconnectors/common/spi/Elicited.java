package io.mcpconnectors.common.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user's answer to an elicitation.
 *
 * @param action what the user did
 * @param values the form's values when accepted (field name to string, number, boolean or list of strings);
 *        empty otherwise
 */
public record Elicited(Action action, Map<String, Object> values) {

    /** What the user did with the form. */
    public enum Action {
        /** Submitted it. */
        ACCEPT,
        /** Refused explicitly. */
        DECLINE,
        /** Dismissed it without choosing. */
        CANCEL
    }

    public Elicited {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public boolean accepted() {
        return action == Action.ACCEPT;
    }
}
