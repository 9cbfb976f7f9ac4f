package io.mcpconnectors.common.mcp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

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

    /** The answer as the connector SPI gives it. */
    static Elicited answer(ElicitationResponse response) {
        Elicited.Action action = Elicited.Action.valueOf(response.action().name());
        Map<String, Object> values = new LinkedHashMap<>();
        if (action == Elicited.Action.ACCEPT) {
            try {
                Map<String, Object> content = response.content().asMap();
                if (content != null) {
                    content.forEach((k, v) -> values.put(k, v instanceof JsonArray a ? a.getList() : v));
                }
            } catch (NullPointerException e) {
                // An accepted form without content: no values.
            }
        }
        return new Elicited(action, values);
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
