package io.mcpconnectors.mongodb;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.BsonDocument;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCollection;

/**
 * Runs a write on a collection with the call's time limit, through the client the call holds (so as the caller's
 * credential set when identities are mapped). On a replica set or sharded cluster the write runs in a transaction,
 * so a failure leaves nothing half-done; on a standalone server (no transactions) each tool has to undo or report
 * what it did itself.
 */
@ApplicationScoped
public class MongoWrites {

    /** A write given the collection and, when transactions are available, the session it runs in. */
    @FunctionalInterface
    public interface Write<T> {
        T run(MongoCollection<BsonDocument> collection, ClientSession session);
    }

    public <T> T run(MongoLease mongo, String database, String collection, Write<T> write) {
        MongoCollection<BsonDocument> target = target(mongo, database, collection);
        if (!mongo.supportsTransactions()) {
            return write.run(target, null);
        }
        try (ClientSession session = mongo.client().startSession()) {
            return session.withTransaction(() -> write.run(target, session));
        }
    }

    /**
     * How many documents a write's filter matches now, as the sentence shown to whoever approves it:
     * "N document(s) in db.coll match the filter now and would be {effect}".
     */
    public String matchingNow(MongoLease mongo, String database, String collection, BsonDocument filter,
            String effect) {
        long matching;
        try {
            matching = target(mongo, database, collection).countDocuments(filter);
        } catch (RuntimeException e) {
            throw MongoErrors.toolError("counting the documents the write would change in '" + database + "."
                    + collection + "'", e);
        }
        return matching + " document(s) in " + database + "." + collection + " match the filter now and would be "
                + effect;
    }

    /** A collection-level (DDL) change: indexes and drops cannot run inside a transaction. */
    public <T> T admin(MongoLease mongo, String database, String collection, Write<T> write) {
        return write.run(target(mongo, database, collection), null);
    }

    private static MongoCollection<BsonDocument> target(MongoLease mongo, String database, String collection) {
        // Client-side operation timeout: the driver also sends it to the server as maxTimeMS.
        return mongo.collection(database, collection).withDocumentClass(BsonDocument.class)
                .withTimeout(mongo.maxTimeMs(), TimeUnit.MILLISECONDS);
    }
}
