package io.mcpconnectors.mongodb.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.arrayOf;
import static io.mcpconnectors.common.spi.JsonSchemas.nullableInteger;
import static io.mcpconnectors.common.spi.JsonSchemas.object;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.BsonDocument;

import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.mongodb.MongoAccess;
import io.mcpconnectors.mongodb.MongoErrors;
import io.mcpconnectors.mongodb.MongoLease;

@ApplicationScoped
public class ListDatabasesTool implements ConnectorTool {

    private static final ToolSpec SPEC = new ToolSpec("list_databases", "List databases",
            "Lists the databases this connector may read (the server's list, narrowed by"
                    + " connector.mongodb.databases.allow/deny; admin, local and config are never shown), with their"
                    + " size on disk.",
            ToolAccess.READ, List.of(),
            properties("databases", arrayOf(object("name", string("database name"),
                    "size_on_disk", nullableInteger("bytes on disk, as the server reports (null when it does not)"),
                    "empty", Map.of("type", List.of("boolean", "null"), "description",
                            "whether the database holds no data (null when the server does not say)")), "databases sorted by name")));

    private final MongoAccess access;

    public ListDatabasesTool(MongoAccess access) {
        this.access = access;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) {
        List<BsonDocument> all = new ArrayList<>();
        try (MongoLease mongo = access.lease(call)) {
            mongo.client().listDatabases(BsonDocument.class).authorizedDatabasesOnly(true)
                    .maxTime(mongo.maxTimeMs(), TimeUnit.MILLISECONDS).into(all);
        } catch (RuntimeException e) {
            throw MongoErrors.toolError("Listing databases", e);
        }
        List<Map<String, Object>> databases = new ArrayList<>();
        all.stream().filter(d -> access.policy().databaseAllowed(d.getString("name").getValue()))
                .sorted((a, b) -> a.getString("name").getValue().compareTo(b.getString("name").getValue()))
                .limit(call.limits().maxItems()).forEach(d -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", d.getString("name").getValue());
                    entry.put("size_on_disk", d.containsKey("sizeOnDisk") && d.get("sizeOnDisk").isNumber()
                            ? d.get("sizeOnDisk").asNumber().longValue() : null);
                    entry.put("empty", d.containsKey("empty") && d.get("empty").isBoolean()
                            ? d.getBoolean("empty").getValue() : null);
                    databases.add(entry);
                });
        long visible = all.stream().filter(d -> access.policy().databaseAllowed(d.getString("name").getValue()))
                .count();
        return ToolResult.of(Map.of("databases", databases), databases.size(),
                visible > databases.size() ? call.limits().itemsTruncation() : null);
    }
}
