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
import org.bson.BsonString;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.EstimatedDocumentCountOptions;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.mongodb.MongoAccess;
import io.mcpconnectors.mongodb.MongoErrors;
import io.mcpconnectors.mongodb.MongoLease;

@ApplicationScoped
public class ListCollectionsTool implements ConnectorTool {

    private static final ToolSpec SPEC = new ToolSpec("list_collections", "List collections",
            "Lists the collections and views of a database that this connector may read, with each collection's"
                    + " estimated document count (from metadata, no scan).",
            ToolAccess.READ, List.of(MongoArgs.DATABASE.spec()),
            properties("collections", arrayOf(object("name", string("collection name"),
                    "type", string("collection, view or timeseries"),
                    "estimated_count", nullableInteger("estimated documents (null for views)")), "collections sorted by name")));

    private final MongoAccess access;

    public ListCollectionsTool(MongoAccess access) {
        this.access = access;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) {
        String name = MongoArgs.database(call);
        try (MongoLease mongo = access.lease(call)) {
            MongoDatabase database = mongo.database(name);
            List<BsonDocument> all = new ArrayList<>();
            try {
                database.listCollections(BsonDocument.class).maxTime(mongo.maxTimeMs(), TimeUnit.MILLISECONDS)
                        .into(all);
            } catch (RuntimeException e) {
                throw MongoErrors.toolError("Listing the collections of '" + name + "'", e);
            }
            List<BsonDocument> visible = all.stream()
                    .filter(c -> mongo.policy().collectionAllowed(name, c.getString("name").getValue()))
                    .sorted((a, b) -> a.getString("name").getValue().compareTo(b.getString("name").getValue()))
                    .toList();
            List<Map<String, Object>> collections = new ArrayList<>();
            for (BsonDocument info : visible.subList(0, Math.min(visible.size(), call.limits().maxItems()))) {
                String collection = info.getString("name").getValue();
                String type = info.getString("type", new BsonString("collection")).getValue();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", collection);
                entry.put("type", type);
                entry.put("estimated_count", type.equals("view") ? null : estimate(mongo, database, collection));
                collections.add(entry);
            }
            return ToolResult.of(Map.of("collections", collections), collections.size(),
                    visible.size() > collections.size() ? call.limits().itemsTruncation() : null);
        }
    }

    private static Long estimate(MongoLease mongo, MongoDatabase database, String collection) {
        try {
            return database.getCollection(collection).estimatedDocumentCount(
                    new EstimatedDocumentCountOptions().maxTime(mongo.maxTimeMs(), TimeUnit.MILLISECONDS));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
