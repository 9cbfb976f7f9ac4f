package io.mcpconnectors.mongodb.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.mongodb.MongoAccess;
import io.mcpconnectors.mongodb.MongoErrors;
import io.mcpconnectors.mongodb.MongoLease;
import io.mcpconnectors.mongodb.MongoWrites;

@ApplicationScoped
public class DropCollectionTool implements ConnectorTool {

    private static final ToolSpec SPEC = new ToolSpec("drop_collection", "Drop a collection",
            "Drops a collection with all its documents and indexes. This cannot be undone.",
            ToolAccess.ADMIN, List.of(MongoArgs.DATABASE.spec(), MongoArgs.COLLECTION.spec()),
            properties("dropped", string("database.collection dropped")));

    private final MongoAccess access;
    private final MongoWrites writes;

    public DropCollectionTool(MongoAccess access, MongoWrites writes) {
        this.access = access;
        this.writes = writes;
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
            List<String> names = new ArrayList<>();
            try {
                mongo.database(database).listCollectionNames().into(names);
            } catch (RuntimeException e) {
                throw MongoErrors.toolError("drop_collection", e);
            }
            if (!names.contains(collection)) {
                throw new ToolCallException("Collection '" + database + "." + collection + "' does not exist;"
                        + " nothing was dropped (see list_collections).");
            }
            try {
                writes.admin(mongo, database, collection, (target, session) -> {
                    target.drop();
                    return null;
                });
                return MongoArgs.single("dropped", database + "." + collection);
            } catch (RuntimeException e) {
                throw MongoErrors.toolError("drop_collection on '" + database + "." + collection + "'", e);
            }
        }
    }
}
