package io.mcpconnectors.postgres.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.arrayOf;
import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.object;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mcpconnectors.common.paging.PageCursors;
import io.mcpconnectors.common.spi.TextTable;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.postgres.QueryRunner;

/**
 * The shape every tool that returns rows shares: columns, rows as arrays, and the row count; as text, the rows as a
 * compact table.
 */
final class QueryResults {

    static final Map<String, Object> PROPERTIES = properties(
            "columns", arrayOf(object("name", string("column name"),
                    "type", string("PostgreSQL type, as format_type names it (integer, numeric(12,2), text, ...)")),
                    "result columns in order"),
            "rows", Map.of("type", "array", "description",
                    "rows as arrays of values in column order; numeric and large bigint values are exact strings"),
            "row_count", integer("rows returned"));

    /** The query tool's result: the rows of one page, and the cursor of the next when there is one. */
    static final Map<String, Object> PAGED_PROPERTIES = paged();

    private QueryResults() {
    }

    private static Map<String, Object> paged() {
        Map<String, Object> properties = new LinkedHashMap<>(PROPERTIES);
        properties.put(PageCursors.NEXT, PageCursors.NEXT_CURSOR);
        return properties;
    }

    static ToolResult toResult(QueryRunner.Result result, TextTable table) {
        return toResult(result, table, null);
    }

    /** The result, with {@code next_cursor} when it is given (never null in the output: the key is left out). */
    static ToolResult toResult(QueryRunner.Result result, TextTable table, String nextCursor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("columns", result.columns());
        data.put("rows", result.rows());
        data.put("row_count", result.rows().size());
        if (nextCursor != null) {
            data.put(PageCursors.NEXT, nextCursor);
        }
        return ToolResult.of(data, result.rows().size(), result.truncation())
                .withText(table.render(result.names(), result.rows()));
    }

    /** JSON parameters as driver values: numbers, strings, booleans and null are accepted. */
    static List<Object> parameters(List<Object> raw) {
        for (int i = 0; i < raw.size(); i++) {
            Object value = raw.get(i);
            if (value != null && !(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)) {
                throw new ToolCallException("Parameter $" + (i + 1) + " must be a string, number, boolean or null;"
                        + " pass arrays and objects as JSON text and cast them in SQL (e.g. $" + (i + 1) + "::jsonb).");
            }
        }
        return raw;
    }
}
