package io.mcpconnectors.mongodb.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.BsonDocument;

import com.mongodb.client.model.CountOptions;

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
public class CountTool implements ConnectorTool {

    private static final ToolSpec SPEC = new ToolSpec("count", "Count documents",
            "Counts the documents matching a filter (exact, server-side, within maxTimeMS). For a quick size of a"
                    + " whole collection, list_collections has an estimate.",
            ToolAccess.READ, List.of(MongoArgs.DATABASE.spec(), MongoArgs.COLLECTION.spec(), MongoArgs.FILTER.spec()),
            properties("count", integer("matching documents")));

    private final MongoAccess access;

    public CountTool(MongoAccess access) {
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
        BsonDocument filter = MongoArgs.query(call, MongoArgs.FILTER);
        try (MongoLease mongo = access.lease(call)) {
            long count = mongo.collection(database, collection).countDocuments(filter,
                    new CountOptions().maxTime(mongo.maxTimeMs(), TimeUnit.MILLISECONDS));
            return MongoArgs.single("count", count);
        } catch (RuntimeException e) {
            throw MongoErrors.toolError("count on '" + database + "." + collection + "'", e);
        }
    }
}
