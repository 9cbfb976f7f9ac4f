package io.mcpconnectors.common.spi;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Rows as a compact Markdown table, for the text content of a result: a model reads a table in a fraction of the
 * tokens the same rows take as JSON, and hosts that render Markdown show it as a table. Cells are not padded; a
 * {@code |} in a value is escaped, line breaks are shown as {@code \n}, NULL is {@code NULL}, and arrays and
 * objects are compact JSON. The structured content keeps the exact values.
 */
public final class TextTable {

    private final ObjectMapper json;

    public TextTable(ObjectMapper json) {
        this.json = json;
    }

    public String render(List<String> headers, List<? extends List<?>> rows) {
        StringBuilder text = new StringBuilder();
        line(text, headers);
        text.append('|');
        for (int i = 0; i < headers.size(); i++) {
            text.append("---|");
        }
        text.append('\n');
        for (List<?> row : rows) {
            line(text, row);
        }
        text.append('(').append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)");
        return text.toString();
    }

    private void line(StringBuilder text, List<?> cells) {
        text.append('|');
        for (Object cell : cells) {
            text.append(' ').append(cell(cell)).append(" |");
        }
        text.append('\n');
    }

    private String cell(Object value) {
        String text;
        if (value == null) {
            return "NULL";
        } else if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                text = json.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                text = String.valueOf(value);
            }
        } else {
            text = String.valueOf(value);
        }
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "\\n").replace("\n", "\\n")
                .replace("\r", "\\n");
    }
}
