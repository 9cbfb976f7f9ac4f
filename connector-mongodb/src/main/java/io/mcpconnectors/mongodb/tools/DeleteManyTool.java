package io.mcpconnectors.mongodb.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;

import java.util.List;

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
import io.mcpconnectors.mongodb.MongoWrites;

@ApplicationScoped
public class DeleteManyTool implements ConnectorTool {

    private static final ToolSpec SPEC = new ToolSpec("delete_many", "Delete documents",
            "Deletes every document matching a filter. An empty filter (every document) is refused unless"
                    + " confirm_all is true. On a replica set it runs in a transaction.",
            ToolAccess.WRITE, List.of(MongoArgs.DATABASE.spec(), MongoArgs.COLLECTION.spec(),
                    MongoArgs.WRITE_FILTER.spec(), UpdateManyTool.CONFIRM_ALL.spec()),
            properties("deleted_count", integer("documents deleted")));

    private final MongoAccess access;
    private final MongoWrites writes;

    public DeleteManyTool(MongoAccess access, MongoWrites writes) {
        this.access = access;
        this.writes = writes;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) {
        UpdateManyTool.Target named = UpdateManyTool.Target.of(call, "delete");
        String database = named.database();
        String collection = named.collection();
        BsonDocument filter = named.filter();
        long deleted;
        try (MongoLease mongo = access.lease(call)) {
            deleted = writes.run(mongo, database, collection, (target, session) -> (session == null
                    ? target.deleteMany(filter) : target.deleteMany(session, filter)).getDeletedCount());
        } catch (RuntimeException e) {
            throw MongoErrors.toolError("delete_many on '" + database + "." + collection + "'", e);
        }
        return MongoArgs.single("deleted_count", deleted);
    }

    @Override
    public String preview(ToolCall call) {
        UpdateManyTool.Target named = UpdateManyTool.Target.of(call, "delete");
        try (MongoLease mongo = access.lease(call)) {
            return writes.matchingNow(mongo, named.database(), named.collection(), named.filter(), "deleted.");
        }
    }
}
