package io.mcpconnectors.mongodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonInvalidOperationException;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonParseException;
import org.bson.json.JsonWriterSettings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.spi.ToolCallException;

/**
 * The bridge between the JSON of MCP arguments and results and BSON, through MongoDB Extended JSON: ObjectId,
 * dates, Decimal128, 64-bit integers and binary survive the round trip ({@code {"$oid": ...}},
 * {@code {"$date": ...}}, {@code {"$numberDecimal": ...}}, {@code {"$binary": ...}}). Results are relaxed Extended
 * JSON by default (plain numbers and ISO dates where that loses nothing), canonical on request.
 */
public final class ExtendedJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    /** Output flavour of Extended JSON. */
    public enum Mode {
        RELAXED(JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build()),
        CANONICAL(JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build());

        final JsonWriterSettings settings;

        Mode(JsonWriterSettings settings) {
            this.settings = settings;
        }

        public static Mode of(String name) {
            if (name == null || name.equalsIgnoreCase("relaxed")) {
                return RELAXED;
            }
            if (name.equalsIgnoreCase("canonical")) {
                return CANONICAL;
            }
            throw new ToolCallException("Argument 'json_mode' must be 'relaxed' or 'canonical' (got '" + name + "').");
        }
    }

    /** One document rendered: its JSON text (for sizing) and the same as a JSON tree for structured content. */
    public record Rendered(String json, Object tree) {
    }

    private ExtendedJson() {
    }

    /** An argument object as BSON; Extended JSON wrappers become their BSON types. */
    public static BsonDocument document(Map<String, Object> value, String argument) {
        if (value == null) {
            return new BsonDocument();
        }
        try {
            return BsonDocument.parse(JSON.writeValueAsString(value));
        } catch (JsonParseException | BsonInvalidOperationException | IllegalArgumentException e) {
            throw new ToolCallException("Argument '" + argument + "' is not valid MongoDB Extended JSON: "
                    + e.getMessage() + ". Write ObjectIds as {\"$oid\": \"...\"} and dates as {\"$date\": \"...\"}.");
        } catch (JsonProcessingException e) {
            throw new ToolCallException("Argument '" + argument + "' cannot be read as JSON.");
        }
    }

    /** An array-of-objects argument (a pipeline, documents to insert) as BSON documents. */
    public static List<BsonDocument> documents(List<Map<String, Object>> values, String argument) {
        List<BsonDocument> documents = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            documents.add(document(values.get(i), argument + "[" + i + "]"));
        }
        return documents;
    }

    public static Rendered render(BsonDocument document, Mode mode) {
        String json = document.toJson(mode.settings);
        try {
            return new Rendered(json, JSON.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Extended JSON written by the driver could not be read back", e);
        }
    }

    /** A single BSON value (a distinct value, say) as a JSON tree; its text is the value inside a wrapper. */
    public static Rendered render(BsonValue value, Mode mode) {
        Rendered wrapped = render(new BsonDocument("v", value), mode);
        return new Rendered(wrapped.json(), ((Map<?, ?>) wrapped.tree()).get("v"));
    }
}
