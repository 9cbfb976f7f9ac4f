package io.mcpconnectors.common.mcp;

import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.FIELD_NAME;
import static com.fasterxml.jackson.core.JsonToken.START_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.START_OBJECT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_NULL;
import static com.fasterxml.jackson.core.JsonToken.VALUE_STRING;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * What {@link RequestScreen} reads of a message's params, in one streaming pass whatever the order of the keys (the
 * method may come after the params): the kind of each field some method needs, and of the few nested fields the
 * MCP layer reads, so that params a method cannot use are answered with -32602 naming the field instead of
 * failing inside the MCP layer (an HTTP 500, or no answer at all). Values nobody reads are skipped, not built.
 */
final class RequestParams {

    /** The log levels of MCP's logging/setLevel (RFC 5424 severities), least severe first. */
    static final List<String> LOG_LEVELS = List.of("debug", "info", "notice", "warning", "error", "critical", "alert",
            "emergency");

    /** Kinds of the top-level fields; null when absent. */
    JsonToken name;
    boolean emptyName;
    JsonToken uri;
    String uriText;
    JsonToken level;
    String levelText;
    JsonToken cursor;
    JsonToken protocolVersion;
    JsonToken capabilities;
    JsonToken arguments;
    /** The first prompt argument whose value is not a string. */
    String nonStringArgument;
    JsonToken meta;
    JsonToken progressToken;
    JsonToken ref;
    JsonToken refType;
    String refTypeText;
    JsonToken refName;
    JsonToken refUri;
    JsonToken argument;
    JsonToken argumentName;
    JsonToken argumentValue;
    JsonToken clientInfo;
    /** What is wrong with clientInfo, if anything: a whole sentence naming the field. */
    String clientInfoProblem;

    /** Reads the params object; the parser is at its START_OBJECT and is left at its END_OBJECT. */
    void read(JsonParser parser) throws IOException {
        while (parser.nextToken() == FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "name" -> {
                    name = token;
                    emptyName = token == VALUE_STRING && parser.getTextLength() == 0;
                }
                case "uri" -> {
                    uri = token;
                    uriText = token == VALUE_STRING ? parser.getText() : null;
                }
                case "level" -> {
                    level = token;
                    levelText = token == VALUE_STRING ? parser.getText().toLowerCase(Locale.ROOT) : null;
                }
                case "cursor" -> cursor = token;
                case "protocolVersion" -> protocolVersion = token;
                case "capabilities" -> capabilities = token;
                case "arguments" -> {
                    arguments = token;
                    if (token == START_OBJECT) {
                        readArguments(parser);
                    }
                }
                case "_meta" -> {
                    meta = token;
                    if (token == START_OBJECT) {
                        readMeta(parser);
                    }
                }
                case "ref" -> {
                    ref = token;
                    if (token == START_OBJECT) {
                        readRef(parser);
                    }
                }
                case "argument" -> {
                    argument = token;
                    if (token == START_OBJECT) {
                        readArgument(parser);
                    }
                }
                case "clientInfo" -> {
                    clientInfo = token;
                    if (token == START_OBJECT) {
                        clientInfoProblem = readClientInfo(parser);
                    }
                }
                default -> {
                }
            }
            parser.skipChildren();
        }
    }

    /**
     * What is wrong with the params for {@code method}, as a sentence naming the field; null when the method can use
     * them (or is not one whose params are checked here).
     */
    String problemFor(String method) {
        String problem = switch (method) {
            case "tools/call" -> toolsCall();
            case "prompts/get" -> promptsGet();
            case "resources/read", "resources/subscribe", "resources/unsubscribe" -> !is(uri, VALUE_STRING)
                    ? "params.uri must be the resource's URI, a string."
                    : null;
            case "completion/complete" -> complete();
            case "initialize" -> initialize();
            case "logging/setLevel" -> !is(level, VALUE_STRING) || !LOG_LEVELS.contains(levelText)
                    ? "params.level must be one of " + String.join(", ", LOG_LEVELS) + "."
                    : null;
            case "tools/list", "prompts/list", "resources/list", "resources/templates/list" -> optional(cursor,
                    VALUE_STRING) ? null : "params.cursor must be a string (the nextCursor of the previous page).";
            default -> null;
        };
        if (problem != null) {
            return problem;
        }
        if (!optional(meta, START_OBJECT)) {
            return "params._meta must be an object.";
        }
        if (progressToken != null && progressToken != VALUE_STRING && progressToken != VALUE_NULL
                && !progressToken.isNumeric()) {
            return "params._meta.progressToken must be a string or a number.";
        }
        return null;
    }

    private String toolsCall() {
        if (!is(name, VALUE_STRING) || emptyName) {
            return "params.name must be the name of the tool to call, a non-empty string.";
        }
        if (!optional(arguments, START_OBJECT)) {
            return "params.arguments must be an object holding the tool's arguments by name.";
        }
        return null;
    }

    private String promptsGet() {
        if (!is(name, VALUE_STRING) || emptyName) {
            return "params.name must be the name of the prompt, a non-empty string.";
        }
        if (!optional(arguments, START_OBJECT)) {
            return "params.arguments must be an object holding the prompt's arguments by name.";
        }
        if (nonStringArgument != null) {
            return "params.arguments." + nonStringArgument + " must be a string: prompt arguments are strings.";
        }
        return null;
    }

    private String complete() {
        if (!is(ref, START_OBJECT)) {
            return "params.ref must be an object naming the prompt or resource template to complete for.";
        }
        if (!is(refType, VALUE_STRING) || !(refTypeText.equals("ref/prompt") || refTypeText.equals("ref/resource"))) {
            return "params.ref.type must be \"ref/prompt\" or \"ref/resource\".";
        }
        if (refTypeText.equals("ref/prompt") && !is(refName, VALUE_STRING)) {
            return "params.ref.name must be the prompt's name, a string.";
        }
        if (refTypeText.equals("ref/resource") && !is(refUri, VALUE_STRING)) {
            return "params.ref.uri must be the resource template's URI, a string.";
        }
        if (!is(argument, START_OBJECT)) {
            return "params.argument must be an object with the argument's name and value (strings).";
        }
        if (!is(argumentName, VALUE_STRING)) {
            return "params.argument.name must be the argument's name, a string.";
        }
        if (!is(argumentValue, VALUE_STRING)) {
            return "params.argument.value must be the value to complete, a string.";
        }
        return null;
    }

    private String initialize() {
        if (!is(protocolVersion, VALUE_STRING)) {
            return "params.protocolVersion must be the protocol version the client speaks, a string such as"
                    + " \"2025-11-25\".";
        }
        if (!optional(capabilities, START_OBJECT)) {
            return "params.capabilities must be an object (the client's capabilities by name).";
        }
        if (!is(clientInfo, START_OBJECT)) {
            return "params.clientInfo must be an object with the client's name and version.";
        }
        return clientInfoProblem;
    }

    private void readArguments(JsonParser parser) throws IOException {
        while (parser.nextToken() == FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value != VALUE_STRING && nonStringArgument == null) {
                nonStringArgument = key;
            }
            parser.skipChildren();
        }
    }

    private void readMeta(JsonParser parser) throws IOException {
        while (parser.nextToken() == FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if (key.equals("progressToken")) {
                progressToken = value;
            }
            parser.skipChildren();
        }
    }

    private void readRef(JsonParser parser) throws IOException {
        while (parser.nextToken() == FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (key) {
                case "type" -> {
                    refType = value;
                    refTypeText = value == VALUE_STRING ? parser.getText() : null;
                }
                case "name" -> refName = value;
                case "uri" -> refUri = value;
                default -> {
                }
            }
            parser.skipChildren();
        }
    }

    private void readArgument(JsonParser parser) throws IOException {
        while (parser.nextToken() == FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if (key.equals("name")) {
                argumentName = value;
            } else if (key.equals("value")) {
                argumentValue = value;
            }
            parser.skipChildren();
        }
    }

    /** The first problem of clientInfo (name and version first), or null; reads up to its END_OBJECT. */
    private static String readClientInfo(JsonParser parser) throws IOException {
        JsonToken clientName = null;
        JsonToken version = null;
        String other = null;
        while (parser.nextToken() == FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (key) {
                case "name" -> clientName = value;
                case "version" -> version = value;
                case "title", "description", "websiteUrl" -> {
                    if (other == null && !optional(value, VALUE_STRING)) {
                        other = "params.clientInfo." + key + " must be a string.";
                    }
                }
                case "icons" -> {
                    if (value == START_ARRAY) {
                        String problem = readIcons(parser);
                        other = other == null ? problem : other;
                    } else if (other == null && value != VALUE_NULL) {
                        other = "params.clientInfo.icons must be an array of icons.";
                    }
                }
                default -> {
                }
            }
            parser.skipChildren();
        }
        if (!is(clientName, VALUE_STRING)) {
            return "params.clientInfo.name must be the client's name, a string.";
        }
        if (!is(version, VALUE_STRING)) {
            return "params.clientInfo.version must be the client's version, a string.";
        }
        return other;
    }

    /** The first problem of an icons array, or null; reads up to its END_ARRAY. */
    private static String readIcons(JsonParser parser) throws IOException {
        String problem = null;
        int index = 0;
        for (JsonToken element = parser.nextToken(); element != END_ARRAY; element = parser.nextToken(), index++) {
            String at = "params.clientInfo.icons[" + index + "]";
            if (element != START_OBJECT) {
                if (problem == null && element != VALUE_NULL) {
                    problem = at + " must be an object with the icon's src.";
                }
                parser.skipChildren();
                continue;
            }
            boolean src = false;
            while (parser.nextToken() == FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                String found = switch (key) {
                    case "src" -> {
                        src = value == VALUE_STRING;
                        yield src ? null : at + ".src must be the icon's URI, a string.";
                    }
                    case "mimeType" -> optional(value, VALUE_STRING) ? null : at + ".mimeType must be a string.";
                    case "sizes" -> sizes(parser, value) ? null : at + ".sizes must be an array of strings.";
                    case "theme" -> value == VALUE_STRING && isTheme(parser.getText()) ? null
                            : at + ".theme must be \"light\" or \"dark\".";
                    default -> null;
                };
                if (problem == null && found != null) {
                    problem = found;
                }
                parser.skipChildren();
            }
            if (problem == null && !src) {
                problem = at + ".src must be the icon's URI, a string.";
            }
        }
        return problem;
    }

    /** Whether an icon's sizes are null or an array of strings; reads an array up to its END_ARRAY. */
    private static boolean sizes(JsonParser parser, JsonToken value) throws IOException {
        if (value != START_ARRAY) {
            return value == VALUE_NULL;
        }
        boolean strings = true;
        for (JsonToken element = parser.nextToken(); element != END_ARRAY; element = parser.nextToken()) {
            strings &= element == VALUE_STRING;
            parser.skipChildren();
        }
        return strings;
    }

    private static boolean isTheme(String theme) {
        String lower = theme.toLowerCase(Locale.ROOT);
        return lower.equals("light") || lower.equals("dark");
    }

    private static boolean is(JsonToken token, JsonToken kind) {
        return token == kind;
    }

    /** Absent, null, or of the kind. */
    private static boolean optional(JsonToken token, JsonToken kind) {
        return token == null || token == VALUE_NULL || token == kind;
    }
}
