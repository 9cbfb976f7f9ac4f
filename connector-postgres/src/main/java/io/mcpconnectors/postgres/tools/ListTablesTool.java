package io.mcpconnectors.postgres.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.arrayOf;
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
public class ListTablesTool implements ConnectorTool {

    private static final Arg<String> SCHEMA = Arg.string("schema", "only this schema (case-sensitive)");

    private static final ToolSpec SPEC = new ToolSpec("list_tables", "List tables",
            "Lists tables, views, materialized views and foreign tables the connector's role can read, with the"
                    + " planner's row estimate and comment. Optionally only those of one schema.",
            ToolAccess.READ, List.of(SCHEMA.spec()),
            properties("tables", arrayOf(object("schema", string("schema"), "name", string("relation name"),
                    "type", string("table, partitioned table, view, materialized view or foreign table"),
                    "row_estimate", nullableInteger("planner estimate of the row count (null before the first ANALYZE)"),
                    "comment", nullableString("comment, if any")), "relations sorted by schema and name")));

    private final PostgresSessions sessions;
    private final PostgresCatalog catalog;

    public ListTablesTool(PostgresSessions sessions, PostgresCatalog catalog) {
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
        PostgresCatalog.Tables tables = sessions.read(call, connection -> catalog.tables(connection, schema, call.limits()));
        return ToolResult.of(Map.of("tables", tables.tables()), tables.tables().size(), tables.truncation());
    }
}
