package io.mcpconnectors.common.mcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.spi.ElicitField;
import io.mcpconnectors.common.spi.Elicited;
import io.quarkiverse.mcp.server.Elicitation;
import io.quarkiverse.mcp.server.ElicitationRequest;
import io.quarkiverse.mcp.server.ElicitationResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Elicitation forms as the runtime sends them, for write confirmations and for tools alike: the fields of the
 * connector SPI as the MCP form schema (with SEP-1034 defaults and SEP-1330 choices), and the user's answer back.
 */
final class ElicitationForms {

    private ElicitationForms() {
    }

    /** A request showing {@code message} above a form of these fields, waiting at most {@code timeout}. */
    static ElicitationRequest request(Elicitation elicitation, String message, List<ElicitField> fields,
            Duration timeout) {
        ElicitationRequest.Builder builder = elicitation.requestBuilder().setMessage(message).setTimeout(timeout);
        for (ElicitField field : fields) {
            builder.addSchemaProperty(field.name(), new FieldSchema(field.required(), schema(field)));
        }
        return builder.build();
    }

    /**
     * The fields as they may be shown: every text of them (name, title, description, choices, their titles, a
     * default) scrubbed of the connector's secrets, since a form is built from data as often as from constants.
     */
    static List<ElicitField> scrubbed(List<ElicitField> fields, KnownSecrets secrets) {
        List<ElicitField> shown = new ArrayList<>(fields.size());
        for (ElicitField field : fields) {
            shown.add(new ElicitField(secrets.scrub(field.name()), field.kind(), secrets.scrub(field.title()),
                    secrets.scrub(field.description()), field.required(), secrets.scrubValue(field.defaultValue()),
                    scrubbedTexts(field.choices(), secrets), scrubbedTexts(field.choiceTitles(), secrets)));
        }
        return shown;
    }

    private static List<String> scrubbedTexts(List<String> texts, KnownSecrets secrets) {
        return texts == null ? null : texts.stream().map(secrets::scrub).toList();
    }

    /**
     * The answer as the connector SPI gives it: the values of the form's fields, each of its field's kind (what
     * the client sent besides the fields is left out).
     *
     * @throws IllegalArgumentException naming the field, when the client answered a field with a value of another
     *         kind or outside its choices
     */
    static Elicited answer(ElicitationResponse response, List<ElicitField> fields) {
        Elicited.Action action = Elicited.Action.valueOf(response.action().name());
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> content = action == Elicited.Action.ACCEPT ? content(response) : Map.of();
        for (ElicitField field : fields) {
            if (content.get(field.name()) != null) {
                values.put(field.name(), value(field, content.get(field.name())));
            }
        }
        return new Elicited(action, values);
    }

    /** The values the client sent, as they came: any JSON values, any keys; empty when it sent none. */
    static Map<String, Object> content(ElicitationResponse response) {
        try {
            Map<String, Object> content = response.content() == null ? null : response.content().asMap();
            return content == null ? Map.of() : content;
        } catch (NullPointerException e) {
            // The MCP layer holds an answer without content as a null object, which fails asMap().
            return Map.of();
        }
    }

    private static Object value(ElicitField field, Object value) {
        Object plain = value instanceof JsonArray a ? a.getList() : value instanceof JsonObject o ? o.getMap() : value;
        Object fitting = switch (field.kind()) {
            case STRING -> plain instanceof String ? plain : null;
            case BOOLEAN -> plain instanceof Boolean ? plain : null;
            case NUMBER -> plain instanceof Number ? plain : null;
            case INTEGER -> plain instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    && Math.abs(n.doubleValue()) < 9.007199254740992E15 ? (Object) n.longValue() : null;
            case CHOICE, LEGACY_CHOICE -> field.choices().contains(plain) ? plain : null;
            case CHOICES -> plain instanceof List<?> list && list.stream().allMatch(String.class::isInstance)
                    && field.choices().containsAll(list) ? List.copyOf(list) : null;
        };
        if (fitting == null) {
            boolean choosing = field.choices() != null;
            String got = choosing && (plain instanceof String || plain instanceof List) ? "a value outside them"
                    : ShapeCheck.jsonTypeOf(plain);
            throw new IllegalArgumentException("field '" + field.name() + "' must be " + expected(field) + ", got "
                    + got);
        }
        return fitting;
    }

    private static String expected(ElicitField field) {
        return switch (field.kind()) {
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case INTEGER -> "an integer";
            case CHOICE, LEGACY_CHOICE -> "one of " + field.choices();
            case CHOICES -> "a list of some of " + field.choices();
        };
    }

    /** Whether a request failed because nobody answered in time (the MCP layer fails with Mutiny's or the JDK's). */
    static boolean timedOut(Throwable failure) {
        return failure instanceof TimeoutException || failure instanceof io.smallrye.mutiny.TimeoutException
                || failure != null && (failure.getCause() instanceof TimeoutException
                        || failure.getCause() instanceof io.smallrye.mutiny.TimeoutException);
    }

    static JsonObject schema(ElicitField field) {
        JsonObject json = new JsonObject();
        switch (field.kind()) {
            case STRING -> json.put("type", "string");
            case INTEGER -> json.put("type", "integer");
            case NUMBER -> json.put("type", "number");
            case BOOLEAN -> json.put("type", "boolean");
            case CHOICE -> {
                json.put("type", "string");
                if (field.choiceTitles() == null) {
                    json.put("enum", field.choices());
                } else {
                    json.put("oneOf", titled(field));
                }
            }
            case LEGACY_CHOICE -> json.put("type", "string").put("enum", field.choices())
                    .put("enumNames", field.choiceTitles());
            case CHOICES -> json.put("type", "array").put("items", field.choiceTitles() == null
                    ? new JsonObject().put("type", "string").put("enum", field.choices())
                    : new JsonObject().put("anyOf", titled(field)));
        }
        if (field.title() != null) {
            json.put("title", field.title());
        }
        if (field.description() != null) {
            json.put("description", field.description());
        }
        if (field.defaultValue() != null) {
            json.put("default", field.defaultValue());
        }
        return json;
    }

    private static JsonArray titled(ElicitField field) {
        JsonArray options = new JsonArray();
        for (int i = 0; i < field.choices().size(); i++) {
            options.add(new JsonObject().put("const", field.choices().get(i)).put("title", field.choiceTitles().get(i)));
        }
        return options;
    }

    /** One property of the form, as the MCP layer sends it. */
    private record FieldSchema(boolean required, JsonObject json) implements ElicitationRequest.PrimitiveSchema {
        @Override
        public JsonObject asJson() {
            return json;
        }
    }
}
