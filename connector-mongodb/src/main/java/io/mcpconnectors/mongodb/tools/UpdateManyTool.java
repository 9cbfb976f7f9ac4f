package io.mcpconnectors.mongodb.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.BsonDocument;

import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ArgSchema;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.mongodb.ExtendedJson;
import io.mcpconnectors.mongodb.MongoAccess;
import io.mcpconnectors.mongodb.MongoErrors;
import io.mcpconnectors.mongodb.MongoLease;
import io.mcpconnectors.mongodb.MongoGuard;
import io.mcpconnectors.mongodb.MongoWrites;

@ApplicationScoped
public class UpdateManyTool implements ConnectorTool {

    static final Arg<Boolean> CONFIRM_ALL = Arg.bool("confirm_all",
            "must be true to act on every document (an empty filter)").orElse(false);

    /** The update operators MongoDB applies to matching documents, each with its fields. */
    static final List<String> UPDATE_OPERATORS = List.of("$set", "$unset", "$inc", "$mul", "$min", "$max",
            "$rename", "$currentDate", "$setOnInsert", "$push", "$addToSet", "$pop", "$pull", "$pullAll", "$bit");
    static final Arg<Map<String, Object>> UPDATE = Arg.object("update", "update operators, e.g. {\"$set\":"
            + " {\"status\": \"closed\"}, \"$inc\": {\"visits\": 1}}; whole replacement documents are not accepted")
            .required().shaped(updateSchema());
    private static final Arg<Boolean> UPSERT = Arg.bool("upsert", "insert a document when none matches (default false)")
            .orElse(false);

    private static final ToolSpec SPEC = new ToolSpec("update_many", "Update documents",
            "Applies update operators ($set, $unset, $inc, $push, ...) to every document matching a filter. An empty"
                    + " filter (every document) is refused unless confirm_all is true. On a replica set it runs in a"
                    + " transaction; on a standalone server MongoDB updates document by document, so a failure part"
                    + " way is reported with the count already changed.",
            ToolAccess.WRITE, List.of(MongoArgs.DATABASE.spec(), MongoArgs.COLLECTION.spec(),
                    MongoArgs.WRITE_FILTER.spec(), UPDATE.spec(), UPSERT.spec(), CONFIRM_ALL.spec()),
            properties("matched_count", integer("documents matched"), "modified_count", integer("documents changed"),
                    "upserted_id", Map.of("description", "_id of the inserted document, when upserted")));

    private final MongoAccess access;
    private final MongoWrites writes;

    public UpdateManyTool(MongoAccess access, MongoWrites writes) {
        this.access = access;
        this.writes = writes;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) {
        Target named = Target.of(call, "update");
        String database = named.database();
        String collection = named.collection();
        BsonDocument filter = named.filter();
        BsonDocument update = update(call);
        UpdateOptions options = new UpdateOptions().upsert(call.get(UPSERT));
        UpdateResult result;
        try (MongoLease mongo = access.lease(call)) {
            try {
                result = writes.run(mongo, database, collection, (target, session) -> session == null
                        ? target.updateMany(filter, update, options)
                        : target.updateMany(session, filter, update, options));
            } catch (RuntimeException e) {
                throw MongoErrors.toolError("update_many on '" + database + "." + collection + "'"
                        + (mongo.supportsTransactions() ? " (rolled back, nothing changed)"
                                : " (standalone server, no transaction: documents updated before the error stay"
                                        + " updated)"), e);
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("matched_count", result.getMatchedCount());
        data.put("modified_count", result.getModifiedCount());
        data.put("upserted_id", result.getUpsertedId() == null ? null
                : ExtendedJson.render(result.getUpsertedId(), ExtendedJson.Mode.RELAXED).tree());
        return ToolResult.of(data, result.getModifiedCount());
    }

    @Override
    public String preview(ToolCall call) {
        Target named = Target.of(call, "update");
        update(call);
        try (MongoLease mongo = access.lease(call)) {
            return writes.matchingNow(mongo, named.database(), named.collection(), named.filter(), "updated"
                    + (call.get(UPSERT) ? " (when none match, one is inserted: upsert is on)."
                            : "."));
        }
    }

    private static ArgSchema updateSchema() {
        ArgSchema update = ArgSchema.object();
        for (String operator : UPDATE_OPERATORS) {
            update = update.withProperty(operator, ArgSchema.object().describedAs("fields and their values, in"
                    + " MongoDB Extended JSON"), false);
        }
        return update.closedToOthers().withSize(1, null);
    }

    /** The update operators, checked the same way before an approver sees them and before they run. */
    private static BsonDocument update(ToolCall call) {
        BsonDocument update = ExtendedJson.document(call.get(UPDATE), UPDATE.name());
        if (update.isEmpty() || update.keySet().stream().anyMatch(k -> !k.startsWith("$"))) {
            throw new ToolCallException("Argument 'update' must contain only update operators such as"
                    + " {\"$set\": {...}}; replacing whole documents is not supported by this tool.");
        }
        MongoGuard.checkQuery(update, "update");
        return update;
    }

    /** The collection and filter a multi-document write names; an empty filter only with confirm_all. */
    record Target(String database, String collection, BsonDocument filter) {

        static Target of(ToolCall call, String verb) {
            String database = MongoArgs.database(call);
            String collection = MongoArgs.collection(call);
            BsonDocument filter = MongoArgs.query(call, MongoArgs.WRITE_FILTER);
            if (filter.isEmpty() && !call.get(CONFIRM_ALL)) {
                throw new ToolCallException("Refused: the filter is empty, which would " + verb + " every document"
                        + " in the collection. Give a filter, or set confirm_all: true if that is really meant.");
            }
            return new Target(database, collection, filter);
        }
    }
}
