package io.mcpconnectors.postgres;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.CompletionRequest;
import io.mcpconnectors.common.spi.ConnectorResource;
import io.mcpconnectors.common.spi.ResourceBody;
import io.mcpconnectors.common.spi.ResourceEntry;
import io.mcpconnectors.common.spi.ResourceListing;
import io.mcpconnectors.common.spi.ResourcePage;
import io.mcpconnectors.common.spi.ResourceTemplateSpec;

/**
 * Schema resources: {@code postgres://{schema}} lists a schema's relations, {@code postgres://{schema}/{table}} is a
 * table's full description, both as JSON, read through the same read-only sessions as the tools.
 */
@ApplicationScoped
public class PostgresSchemaResource implements ConnectorResource {

    /** Most relations one listing or completion reads from the catalog. */
    static final int MAX_LISTED = 10_000;

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

    /**
     * The schemas, then the tables and views, that the caller's role may use, exactly as list_schemas and
     * list_tables show them (the same catalog queries, in the same read-only session as that role).
     */
    @Override
    public ResourcePage list(ResourceListing page, CallerIdentity caller) throws Exception {
        List<ResourceEntry> all = new ArrayList<>();
        sessions.read(caller, connection -> {
            for (Map<String, Object> schema : catalog.schemas(connection)) {
                String name = (String) schema.get("name");
                all.add(new ResourceEntry("postgres://" + encode(name), name, "Schema " + name,
                        (String) schema.get("comment"), "application/json", null));
            }
            CallLimits everything = new CallLimits(MAX_LISTED, Long.MAX_VALUE);
            for (Map<String, Object> table : catalog.tables(connection, null, everything).tables()) {
                String schema = (String) table.get("schema");
                String name = (String) table.get("name");
                all.add(new ResourceEntry("postgres://" + encode(schema) + "/" + encode(name), schema + "." + name,
                        table.get("type") + " " + schema + "." + name, (String) table.get("comment"),
                        "application/json", null));
            }
            return null;
        });
        return ResourcePage.slice(all, page.position(), page.size());
    }

    /** Schema names, and table names of the chosen schema (or of every schema), that the caller's role may use. */
    @Override
    public List<String> complete(CompletionRequest request, CallerIdentity caller) throws Exception {
        return sessions.read(caller, connection -> {
            List<String> values = new ArrayList<>();
            if (request.variable().equals("schema")) {
                for (Map<String, Object> schema : catalog.schemas(connection)) {
                    values.add((String) schema.get("name"));
                }
            } else if (request.variable().equals("table")) {
                String schema = request.context().get("schema");
                CallLimits everything = new CallLimits(MAX_LISTED, Long.MAX_VALUE);
                for (Map<String, Object> table : catalog.tables(connection, schema, everything).tables()) {
                    values.add((String) table.get("name"));
                }
            }
            return values.stream().filter(request::matches).distinct().limit(request.limit()).toList();
        });
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
