package io.mcpconnectors.mongodb;

import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

/**
 * The MongoDB client one call reaches its deployment with, held for the call: the connector's own, or with
 * {@code connector.identity.mode=mapped} the pool of the caller's credential set. Databases and collections are
 * reached through the same namespace policy and time limit whichever it is. Close it when the call is done, so
 * that a pool nobody holds can be closed to make room for another.
 */
public final class MongoLease implements AutoCloseable {

    private final PooledClient pooled;
    private final NamespacePolicy policy;
    private final long maxTimeMs;
    private final Runnable release;
    private final AtomicBoolean released = new AtomicBoolean();

    MongoLease(PooledClient pooled, NamespacePolicy policy, long maxTimeMs, Runnable release) {
        this.pooled = pooled;
        this.policy = policy;
        this.maxTimeMs = maxTimeMs;
        this.release = release;
    }

    /** The database, after checking the policy allows it. */
    public MongoDatabase database(String name) {
        policy.checkDatabase(name);
        return pooled.client().getDatabase(name);
    }

    /** The collection, after checking the policy allows it and its database. */
    public MongoCollection<Document> collection(String database, String collection) {
        policy.checkCollection(database, collection);
        return pooled.client().getDatabase(database).getCollection(collection);
    }

    /** The client itself, for commands on the deployment (listing databases, sessions). */
    public MongoClient client() {
        return pooled.client();
    }

    public NamespacePolicy policy() {
        return policy;
    }

    /** What is left of the call's deadline, sent to the server as maxTimeMS on every read. */
    public long maxTimeMs() {
        return maxTimeMs;
    }

    /** Whether the deployment can run multi-document transactions (checked once per pool). */
    public boolean supportsTransactions() {
        return pooled.supportsTransactions();
    }

    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }
}
