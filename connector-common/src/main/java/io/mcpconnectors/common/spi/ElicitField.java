package io.mcpconnectors.common.spi;

import java.util.List;

/**
 * One field of an elicitation form: a primitive value the user fills in (MCP restricts forms to flat objects of
 * primitives). Defaults (SEP-1034) are pre-filled by the client; choices (SEP-1330) are single or multiple, with or
 * without titles.
 *
 * @param name the key of the value in the answer
 * @param kind what the user gives
 * @param title a short label, or null
 * @param description help text, or null
 * @param required whether the form needs it
 * @param defaultValue the pre-filled value (a string, number, boolean, or list of strings for multiple choice), or
 *        null
 * @param choices the values to choose from ({@link Kind#CHOICE}, {@link Kind#CHOICES}, {@link Kind#LEGACY_CHOICE})
 * @param choiceTitles the label of each choice, in the same order, or null for untitled choices
 */
public record ElicitField(String name, Kind kind, String title, String description, boolean required,
        Object defaultValue, List<String> choices, List<String> choiceTitles) {

    /** What a field asks for. */
    public enum Kind {
        STRING,
        INTEGER,
        NUMBER,
        BOOLEAN,
        /** One of the choices. */
        CHOICE,
        /** Any number of the choices. */
        CHOICES,
        /** One of the choices, labelled the way clients before SEP-1330 read ({@code enumNames}). */
        LEGACY_CHOICE
    }

    public ElicitField {
        if (name == null || kind == null) {
            throw new IllegalArgumentException("a field needs a name and a kind");
        }
        boolean choosing = kind == Kind.CHOICE || kind == Kind.CHOICES || kind == Kind.LEGACY_CHOICE;
        if (choosing != (choices != null && !choices.isEmpty())) {
            throw new IllegalArgumentException("field " + name + ": choices are given exactly for choice fields");
        }
        choices = choices == null ? null : List.copyOf(choices);
        choiceTitles = choiceTitles == null ? null : List.copyOf(choiceTitles);
        if (choiceTitles != null && (choices == null || choiceTitles.size() != choices.size())) {
            throw new IllegalArgumentException("field " + name + ": one title per choice");
        }
        if (kind == Kind.LEGACY_CHOICE && choiceTitles == null) {
            throw new IllegalArgumentException("field " + name + ": a legacy choice has titles");
        }
    }

    public static ElicitField string(String name, String description) {
        return new ElicitField(name, Kind.STRING, null, description, false, null, null, null);
    }

    public static ElicitField integer(String name, String description) {
        return new ElicitField(name, Kind.INTEGER, null, description, false, null, null, null);
    }

    public static ElicitField number(String name, String description) {
        return new ElicitField(name, Kind.NUMBER, null, description, false, null, null, null);
    }

    public static ElicitField bool(String name, String description) {
        return new ElicitField(name, Kind.BOOLEAN, null, description, false, null, null, null);
    }

    /** One of {@code values}; {@code titles} labels them (or null). */
    public static ElicitField choice(String name, String description, List<String> values, List<String> titles) {
        return new ElicitField(name, Kind.CHOICE, null, description, false, null, values, titles);
    }

    /** Any of {@code values}; {@code titles} labels them (or null). */
    public static ElicitField choices(String name, String description, List<String> values, List<String> titles) {
        return new ElicitField(name, Kind.CHOICES, null, description, false, null, values, titles);
    }

    /** One of {@code values}, labelled for clients that read only {@code enumNames}. */
    public static ElicitField legacyChoice(String name, String description, List<String> values, List<String> titles) {
        return new ElicitField(name, Kind.LEGACY_CHOICE, null, description, false, null, values, titles);
    }

    public ElicitField asRequired() {
        return new ElicitField(name, kind, title, description, true, defaultValue, choices, choiceTitles);
    }

    public ElicitField withTitle(String label) {
        return new ElicitField(name, kind, label, description, required, defaultValue, choices, choiceTitles);
    }

    public ElicitField withDefault(Object value) {
        return new ElicitField(name, kind, title, description, required, value, choices, choiceTitles);
    }
}
