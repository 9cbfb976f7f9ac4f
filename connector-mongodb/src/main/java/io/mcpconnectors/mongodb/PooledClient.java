package io.mcpconnectors.mongodb;

import org.bson.Document;

import com.mongodb.client.MongoClient;

/**
 * A MongoDB client (with its connection pool) that the calls of one identity share: the connector's own, or one
 * credential set's. It knows which hosts it reaches, for messages, and whether its deployment runs transactions.
 */
final class PooledClient {

    private final MongoClient client;
    private final String target;
    private volatile Boolean transactions;
    /** Calls holding it now; guarded by {@link CredentialSetPools}, which closes only a pool nobody holds. */
    int leases;

    PooledClient(MongoClient client, String target) {
        this.client = client;
        this.target = target;
    }

    MongoClient client() {
        return client;
    }

    /** Host list of the deployment (never the connection string). */
    String target() {
        return target;
    }

    /** Whether the deployment can run multi-document transactions (a replica set or a sharded cluster). */
    boolean supportsTransactions() {
        Boolean known = transactions;
        if (known == null) {
            try {
                Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
                known = hello.containsKey("setName") || "isdbgrid".equals(hello.getString("msg"));
            } catch (RuntimeException e) {
                return false;
            }
            transactions = known;
        }
        return known;
    }

    void close() {
        client.close();
    }
}
