package io.mcpconnectors.mongodb.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.arrayOf;
import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.BsonDocument;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.mongodb.CappedDocuments;
import io.mcpconnectors.mongodb.ExtendedJson;
import io.mcpconnectors.mongodb.MongoAccess;
import io.mcpconnectors.mongodb.MongoErrors;
import io.mcpconnectors.mongodb.MongoLease;

@ApplicationScoped
public class CollectionIndexesTool implements ConnectorTool {

    private static final ToolSpec SPEC = new ToolSpec("collection_indexes", "Collection indexes",
            "Lists a collection's indexes as the server describes them (name, key, unique, sparse, partial filter,"
                    + " TTL): the fields a query can use efficiently.",
            ToolAccess.READ, List.of(MongoArgs.DATABASE.spec(), MongoArgs.COLLECTION.spec()),
            properties("indexes", arrayOf(Map.of("type", "object"), "index descriptions in Extended JSON"),
                    "count", integer("indexes returned")));

    private final MongoAccess access;

    public CollectionIndexesTool(MongoAccess access) {
        this.access = access;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) {
        String database = MongoArgs.database(call);
        String collection = MongoArgs.collection(call);
        try (MongoLease mongo = access.lease(call)) {
            CappedDocuments.Result indexes = indexes(mongo, database, collection, call.limits());
            return ToolResult.of(Map.of("indexes", indexes.items(), "count", indexes.items().size()),
                    indexes.items().size(), indexes.truncation());
        }
    }

    /** The indexes of a collection; shared with the schema resource. */
    public static CappedDocuments.Result indexes(MongoLease mongo, String database, String collection,
            CallLimits limits) {
        try {
            return CappedDocuments.read(mongo.collection(database, collection).listIndexes(BsonDocument.class)
                    .maxTime(mongo.maxTimeMs(), TimeUnit.MILLISECONDS), limits, ExtendedJson.Mode.RELAXED);
        } catch (RuntimeException e) {
            throw MongoErrors.toolError("Listing the indexes of '" + database + "." + collection + "'", e);
        }
    }
}
