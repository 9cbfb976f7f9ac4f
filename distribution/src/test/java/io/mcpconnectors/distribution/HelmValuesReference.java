package io.mcpconnectors.distribution;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The chart's values reference, one row per value: its path, type, default (from values.yaml) and description
 * (from values.schema.json). The schema is where a value is declared and documented; the README shows it.
 */
final class HelmValuesReference {

    private HelmValuesReference() {
    }

    /** One documented value. */
    record Row(String path, String type, String defaultValue, String description) {
    }

    static String table(Path schemaFile, Path valuesFile) throws IOException {
        StringBuilder table = new StringBuilder("| Value | Type | Default | Description |\n|---|---|---|---|\n");
        for (Row row : rows(schemaFile, valuesFile)) {
            table.append("| `").append(row.path()).append("` | ").append(row.type()).append(" | ")
                    .append(row.defaultValue()).append(" | ").append(markdown(row.description()))
                    .append(" |\n");
        }
        return table.toString();
    }

    /** Text for a table cell: a bar would end the cell, and {@code <name>} would read as an HTML tag. */
    private static String markdown(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    static List<Row> rows(Path schemaFile, Path valuesFile) throws IOException {
        JsonNode schema = new ObjectMapper().readTree(schemaFile.toFile());
        JsonNode values = Manifests.YAML.readTree(valuesFile.toFile());
        List<Row> rows = new ArrayList<>();
        collect(schema, schema, "", values, rows);
        return rows;
    }

    /** Objects with declared properties are walked; every other property is a row. */
    private static void collect(JsonNode root, JsonNode node, String prefix, JsonNode values, List<Row> rows) {
        node.get("properties").fields().forEachRemaining(property -> {
            String path = prefix + property.getKey();
            JsonNode declared = resolved(root, property.getValue());
            JsonNode value = values == null ? null : values.get(property.getKey());
            if (declared.has("properties")) {
                collect(root, declared, path + ".", value, rows);
            } else {
                rows.add(new Row(path, type(root, declared), defaultValue(value),
                        declared.path("description").asText(property.getValue().path("description").asText(""))));
            }
        });
    }

    private static JsonNode resolved(JsonNode root, JsonNode property) {
        return property.has("$ref") ? root.at(property.get("$ref").asText().substring(1)) : property;
    }

    private static String type(JsonNode root, JsonNode declared) {
        if (declared.has("enum")) {
            List<String> names = new ArrayList<>();
            declared.get("enum").forEach(e -> names.add("`" + e.asText() + "`"));
            return String.join(", ", names);
        }
        String type = declared.path("type").isArray() ? declared.get("type").get(0).asText()
                : declared.path("type").asText("any");
        if (type.equals("array")) {
            JsonNode items = resolved(root, declared.path("items"));
            return "list of " + items.path("type").asText("any") + "s";
        }
        if (type.equals("object") && declared.has("additionalProperties")) {
            return "map";
        }
        return type;
    }

    private static String defaultValue(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isTextual()) {
            return value.asText().isEmpty() ? "`\"\"`" : "`" + value.asText() + "`";
        }
        return "`" + value.toString().replace("|", "\\|") + "`";
    }
}
