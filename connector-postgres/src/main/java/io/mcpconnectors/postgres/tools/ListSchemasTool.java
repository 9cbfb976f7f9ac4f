package io.mcpconnectors.postgres.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.arrayOf;
import static io.mcpconnectors.common.spi.JsonSchemas.nullableString;
import static io.mcpconnectors.common.spi.JsonSchemas.object;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.postgres.PostgresCatalog;
import io.mcpconnectors.postgres.PostgresSessions;

@ApplicationScoped
public class ListSchemasTool implements ConnectorTool {

    private static final ToolSpec SPEC = new ToolSpec("list_schemas", "List schemas",
            "Lists the schemas of the database that the connector's role can use, with owner and comment.",
            ToolAccess.READ, List.of(),
            properties("schemas", arrayOf(object("name", string("schema name"), "owner", string("owning role"),
                    "comment", nullableString("comment, if any")), "schemas sorted by name")));

    private final PostgresSessions sessions;
    private final PostgresCatalog catalog;

    public ListSchemasTool(PostgresSessions sessions, PostgresCatalog catalog) {
        this.sessions = sessions;
        this.catalog = catalog;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) throws Exception {
        List<Map<String, Object>> schemas = sessions.read(call, catalog::schemas);
        return ToolResult.of(Map.of("schemas", schemas), schemas.size());
    }
}
