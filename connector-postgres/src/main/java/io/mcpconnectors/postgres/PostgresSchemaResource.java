package io.mcpconnectors.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.ConnectorResource;
import io.mcpconnectors.common.spi.ResourceBody;
import io.mcpconnectors.common.spi.ResourceTemplateSpec;

/**
 * Schema resources: {@code postgres://{schema}} lists a schema's relations, {@code postgres://{schema}/{table}} is a
 * table's full description, both as JSON, read through the same read-only sessions as the tools.
 */
@ApplicationScoped
public class PostgresSchemaResource implements ConnectorResource {

    private final PostgresSessions sessions;
    private final PostgresCatalog catalog;
    private final ObjectMapper json;

    public PostgresSchemaResource(PostgresSessions sessions, PostgresCatalog catalog, ObjectMapper json) {
        this.sessions = sessions;
        this.catalog = catalog;
        this.json = json;
    }

    @Override
    public List<ResourceTemplateSpec> templates() {
        return List.of(
                new ResourceTemplateSpec("schema", "Schema", "The tables and views of a schema, as JSON.",
                        "postgres://{schema}", "application/json", true),
                new ResourceTemplateSpec("table", "Table", "A table's columns, keys, constraints and indexes, as JSON.",
                        "postgres://{schema}/{table}", "application/json", true));
    }

    @Override
    public ResourceBody read(String uri, Map<String, String> variables, CallLimits limits, CallerIdentity caller) throws Exception {
        String schema = decode(variables.get("schema"));
        if (variables.containsKey("table")) {
            String table = decode(variables.get("table"));
            Map<String, Object> description = sessions.read(caller, connection -> catalog.describe(connection, schema, table));
            return ResourceBody.text("application/json", json.writeValueAsString(description));
        }
        PostgresCatalog.Tables tables = sessions.read(caller, connection -> catalog.tables(connection, schema, limits));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schema", schema);
        body.put("tables", tables.tables());
        body.put("truncated", tables.truncation() != null);
        return ResourceBody.text("application/json", json.writeValueAsString(body));
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
