package io.mcpconnectors.mongodb.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

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
public class DropIndexTool implements ConnectorTool {

    private static final Arg<String> NAME = Arg.string("name", "index name").required();

    private static final ToolSpec SPEC = new ToolSpec("drop_index", "Drop an index",
            "Drops one index of a collection by name (see collection_indexes). The _id index cannot be dropped.",
            ToolAccess.ADMIN, List.of(MongoArgs.DATABASE.spec(), MongoArgs.COLLECTION.spec(),
                    NAME.spec()),
            properties("dropped", string("name of the dropped index")));

    private final MongoAccess access;
    private final MongoWrites writes;

    public DropIndexTool(MongoAccess access, MongoWrites writes) {
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
        String name = call.get(NAME);
        if (name.isBlank() || name.equals("*") || name.equals("_id_")) {
            throw new ToolCallException("Argument 'name' must name one index other than _id_ (see collection_indexes).");
        }
        try (MongoLease mongo = access.lease(call)) {
            writes.admin(mongo, database, collection, (target, session) -> {
                target.dropIndex(name);
                return null;
            });
            return MongoArgs.single("dropped", name);
        } catch (RuntimeException e) {
            throw MongoErrors.toolError("drop_index on '" + database + "." + collection + "'", e);
        }
    }
}
