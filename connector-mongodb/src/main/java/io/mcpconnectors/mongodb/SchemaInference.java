package io.mcpconnectors.mongodb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * Infers a collection's shape from sampled documents: every field path (nested documents as {@code a.b}, array
 * elements as {@code tags[]} and {@code items[].sku}), the BSON types seen there with counts, and how often the
 * field is present. Type names are MongoDB's {@code $type} aliases, so they can be used in a filter as they are.
 */
public final class SchemaInference {

    /** Paths deeper than this are not followed. */
    static final int MAX_DEPTH = 20;
    /** Distinct paths reported at most; a wider collection is marked truncated. */
    static final int MAX_PATHS = 2000;

    private final Map<String, Field> fields = new TreeMap<>();
    private int documents;
    private boolean truncated;

    private static final class Field {
        /** Documents (for array elements: array elements) in which the path occurs. */
        long present;
        final Map<String, Long> types = new LinkedHashMap<>();
    }

    public static Map<String, Object> infer(List<BsonDocument> sample) {
        SchemaInference inference = new SchemaInference();
        sample.forEach(inference::add);
        return inference.result();
    }

    void add(BsonDocument document) {
        documents++;
        Set<String> seen = new HashSet<>();
        walk(document, "", 0, seen);
    }

    private void walk(BsonDocument document, String prefix, int depth, Set<String> seen) {
        for (Map.Entry<String, BsonValue> entry : document.entrySet()) {
            record(prefix + entry.getKey(), entry.getValue(), depth, seen);
        }
    }

    private void record(String path, BsonValue value, int depth, Set<String> seen) {
        Field field = fields.get(path);
        if (field == null) {
            if (fields.size() >= MAX_PATHS) {
                truncated = true;
                return;
            }
            field = new Field();
            fields.put(path, field);
        }
        // A path counts once per document (or per array element for element paths).
        if (seen == null || seen.add(path)) {
            field.present++;
        }
        field.types.merge(typeName(value.getBsonType()), 1L, Long::sum);
        if (depth >= MAX_DEPTH) {
            return;
        }
        if (value.isDocument()) {
            walk(value.asDocument(), path + ".", depth + 1, seen);
        } else if (value.isArray()) {
            for (BsonValue element : value.asArray()) {
                // Element paths count each element; nested fields inside elements count once per element too.
                record(path + "[]", element, depth + 1, null);
            }
        }
    }

    Map<String, Object> result() {
        List<Map<String, Object>> out = new ArrayList<>();
        fields.forEach((path, field) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", path);
            List<Map<String, Object>> types = new ArrayList<>();
            field.types.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(t -> types.add(Map.of("type", t.getKey(), "count", t.getValue())));
            entry.put("types", types);
            entry.put("present", field.present);
            if (!path.contains("[]")) {
                entry.put("frequency", documents == 0 ? 0.0 : Math.round(1000.0 * field.present / documents) / 1000.0);
            }
            out.add(entry);
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sampled", documents);
        result.put("fields", out);
        result.put("fields_truncated", truncated);
        return result;
    }

    /** MongoDB's {@code $type} alias for a BSON type. */
    static String typeName(BsonType type) {
        return switch (type) {
            case DOUBLE -> "double";
            case STRING -> "string";
            case DOCUMENT -> "object";
            case ARRAY -> "array";
            case BINARY -> "binData";
            case UNDEFINED -> "undefined";
            case OBJECT_ID -> "objectId";
            case BOOLEAN -> "bool";
            case DATE_TIME -> "date";
            case NULL -> "null";
            case REGULAR_EXPRESSION -> "regex";
            case DB_POINTER -> "dbPointer";
            case JAVASCRIPT -> "javascript";
            case SYMBOL -> "symbol";
            case JAVASCRIPT_WITH_SCOPE -> "javascriptWithScope";
            case INT32 -> "int";
            case TIMESTAMP -> "timestamp";
            case INT64 -> "long";
            case DECIMAL128 -> "decimal";
            case MIN_KEY -> "minKey";
            case MAX_KEY -> "maxKey";
            case END_OF_DOCUMENT -> "endOfDocument";
        };
    }
}
