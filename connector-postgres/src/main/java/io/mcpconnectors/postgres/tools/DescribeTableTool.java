package io.mcpconnectors.postgres.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.arrayOf;
import static io.mcpconnectors.common.spi.JsonSchemas.bool;
import static io.mcpconnectors.common.spi.JsonSchemas.nullableInteger;
import static io.mcpconnectors.common.spi.JsonSchemas.nullableString;
import static io.mcpconnectors.common.spi.JsonSchemas.object;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.postgres.PostgresCatalog;
import io.mcpconnectors.postgres.PostgresSessions;

@ApplicationScoped
public class DescribeTableTool implements ConnectorTool {

    static final Map<String, Object> DESCRIPTION = properties("schema", string("schema"), "name", string("name"),
            "type", string("table, view, materialized view, partitioned table or foreign table"),
            "row_estimate", nullableInteger("planner estimate of the row count (null before the first ANALYZE)"),
            "comment", nullableString("comment, if any"),
            "columns", arrayOf(object("name", string("column"), "type", string("PostgreSQL type, as format_type names it (integer, numeric(12,2), ...)"),
                    "nullable", bool("accepts NULL"), "default", nullableString("default expression, if any"),
                    "comment", nullableString("comment, if any")), "columns in table order"),
            "primary_key", Map.of("type", List.of("array", "null"), "description", "primary key columns, or null"),
            "foreign_keys", Map.of("type", "array", "description", "foreign keys with definition and columns"),
            "unique_constraints", Map.of("type", "array", "description", "unique constraints"),
            "check_constraints", Map.of("type", "array", "description", "check constraints"),
            "indexes", Map.of("type", "array", "description", "indexes with definition"));

    static final Arg<String> TABLE = Arg.string("table", "table or view name (case-sensitive)").required();
    static final Arg<String> SCHEMA = Arg.string("schema", "its schema (default public)").orElse("public");

    private static final ToolSpec SPEC = new ToolSpec("describe_table", "Describe table",
            "Describes a table or view: columns with types, nullability, defaults and comments; primary key, foreign"
                    + " keys, unique and check constraints; indexes.",
            ToolAccess.READ,
            List.of(TABLE.spec(), SCHEMA.spec()),
            DESCRIPTION);

    private final PostgresSessions sessions;
    private final PostgresCatalog catalog;

    public DescribeTableTool(PostgresSessions sessions, PostgresCatalog catalog) {
        this.sessions = sessions;
        this.catalog = catalog;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) throws Exception {
        String schema = call.get(SCHEMA);
        String table = call.get(TABLE);
        Map<String, Object> description = sessions.read(call, connection -> catalog.describe(connection, schema, table));
        return ToolResult.of(description, ((List<?>) description.get("columns")).size());
    }
}
