package io.mcpconnectors.mongodb.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.arrayOf;
import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonValue;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;

import io.mcpconnectors.common.secrets.SecretScrubber;
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
import io.mcpconnectors.mongodb.MongoWrites;

@ApplicationScoped
public class InsertManyTool implements ConnectorTool {

    /** Most documents one call may insert. */
    static final int MAX_DOCUMENTS = 1000;

    private static final Arg<List<Map<String, Object>>> DOCUMENTS = Arg.objects("documents", "documents to insert,"
            + " in MongoDB Extended JSON, e.g. [{\"name\": \"Ada\", \"joined\":"
            + " {\"$date\": \"2026-01-05T00:00:00Z\"}}]", null).required().shaped(ArgSchema.arrayOf(ArgSchema.object().describedAs("one document"))
                    .withSize(1, MAX_DOCUMENTS));

    private static final ToolSpec SPEC = new ToolSpec("insert_many", "Insert documents",
            "Inserts documents (MongoDB Extended JSON) into a collection, all or none: documents without _id get an"
                    + " ObjectId; if any document is rejected (duplicate key, validation), none stays inserted (in a"
                    + " transaction on a replica set; on a standalone server the accepted ones are removed again). At most "
                    + MAX_DOCUMENTS + " documents and connector.limits.max-bytes per call.",
            ToolAccess.WRITE, List.of(MongoArgs.DATABASE.spec(), MongoArgs.COLLECTION.spec(), DOCUMENTS.spec()),
            properties("inserted_count", integer("documents inserted"),
                    "inserted_ids", arrayOf(Map.of(), "_id of each inserted document, in order")));

    private final MongoAccess access;
    private final MongoWrites writes;

    public InsertManyTool(MongoAccess access, MongoWrites writes) {
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
        List<Map<String, Object>> raw = call.get(DOCUMENTS);
        if (raw.isEmpty() || raw.size() > MAX_DOCUMENTS) {
            throw new ToolCallException("Argument 'documents' must hold 1 to " + MAX_DOCUMENTS + " documents (got "
                    + raw.size() + ").");
        }
        List<BsonDocument> documents = ExtendedJson.documents(raw, "documents");
        long bytes = 0;
        List<BsonValue> ids = new ArrayList<>();
        for (BsonDocument document : documents) {
            if (!document.containsKey("_id")) {
                document.put("_id", new BsonObjectId());
            }
            ids.add(document.get("_id"));
            bytes += document.toJson().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > call.limits().maxBytes()) {
            throw new ToolCallException("The documents are " + bytes + " bytes, more than connector.limits.max-bytes ("
                    + call.limits().maxBytes() + "); insert them in smaller batches.");
        }
        int inserted;
        try (MongoLease mongo = access.lease(call)) {
            try {
                inserted = writes.run(mongo, database, collection, (target, session) -> {
                    // Unordered: the server tries every document, so exactly the ones it reports as failed were
                    // not inserted, and exactly the others were (what a standalone server needs to undo).
                    var options = new InsertManyOptions().ordered(false);
                    return (session == null ? target.insertMany(documents, options)
                            : target.insertMany(session, documents, options)).getInsertedIds().size();
                });
            } catch (MongoBulkWriteException e) {
                throw new ToolCallException("insert_many into '" + database + "." + collection + "' was refused by"
                        + " the server (" + firstError(e) + ")" + undo(mongo, database, collection, ids, e) + ".");
            } catch (RuntimeException e) {
                throw MongoErrors.toolError("insert_many into '" + database + "." + collection + "'", e);
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("inserted_count", inserted);
        data.put("inserted_ids", ExtendedJson.render(new BsonArray(ids), ExtendedJson.Mode.RELAXED).tree());
        return ToolResult.of(data, inserted);
    }

    private static String firstError(MongoBulkWriteException e) {
        var errors = e.getWriteErrors();
        if (errors.isEmpty()) {
            return MongoErrors.describe(e);
        }
        return "document " + errors.get(0).getIndex() + ": error " + errors.get(0).getCode() + ", "
                + SecretScrubber.scrub(errors.get(0).getMessage());
    }

    /**
     * Without a transaction the documents the server accepted stay: remove exactly those again, by the _ids of
     * the documents it did not report as failed (never the _id of a failed one, which may belong to a document
     * that was there before), and say what happened.
     */
    private String undo(MongoLease mongo, String database, String collection, List<BsonValue> ids,
            MongoBulkWriteException e) {
        if (mongo.supportsTransactions()) {
            return "; the transaction was rolled back, nothing was inserted";
        }
        Set<Integer> failed = new HashSet<>();
        e.getWriteErrors().forEach(error -> failed.add(error.getIndex()));
        List<BsonValue> accepted = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!failed.contains(i)) {
                accepted.add(ids.get(i));
            }
        }
        if (accepted.isEmpty()) {
            return "; nothing was inserted";
        }
        try {
            long removed = writes.run(mongo, database, collection,
                    (target, session) -> target.deleteMany(Filters.in("_id", accepted)).getDeletedCount());
            return removed == accepted.size() ? "; the " + removed + " other documents were removed again, nothing"
                    + " was kept" : "; " + accepted.size() + " other documents were inserted and only " + removed
                            + " could be removed again: check the collection";
        } catch (RuntimeException undoFailure) {
            return "; " + accepted.size() + " other documents were inserted and could not be removed again ("
                    + MongoErrors.describe(undoFailure) + "): check the collection";
        }
    }
}
