package io.mcpconnectors.common.mcp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.vertx.core.json.JsonObject;

/**
 * Turns a message line that {@link RequestScreen} let through into the object the MCP layer handles: the values
 * Vert.x's own decoding makes of it (objects as insertion-ordered maps, arrays as lists, integers as the smallest of
 * Integer, Long and BigInteger that holds them, other numbers as Double), read straight from the parser's tokens
 * instead of through data binding, which for a small message costs more than the parse itself.
 */
final class JsonMessageDecoder {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonMessageDecoder() {
    }

    /** The message as an object, or an {@link IOException} when the text is not one JSON object. */
    static JsonObject decode(String line) throws IOException {
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            Map<String, Object> message = object(parser);
            if (parser.nextToken() != null) {
                throw new IOException("trailing content");
            }
            return new JsonObject(message);
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + token);
        };
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            object.put(name, value(parser, parser.nextToken()));
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IOException("unterminated object");
        }
        return object;
    }

    private static List<Object> array(JsonParser parser) throws IOException {
        List<Object> array = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new IOException("unterminated array");
            }
            array.add(value(parser, token));
        }
        return array;
    }
}
