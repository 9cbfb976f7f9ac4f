package io.mcpconnectors.mongodb;

import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.mongodb.ConnectionStrings.UnusableConnectionString;

/**
 * The only way tools reach MongoDB: {@link #lease} gives a call the client it runs with, the connector's own pooled
 * client or, with {@code connector.identity.mode=mapped}, the pool of the caller's credential set
 * ({@link CredentialSetPools}), and every database or collection name passes the allow/deny policy first, on either.
 * The connection string is read from the setting or a secret file and is never logged or shown; what identifies the
 * deployment in messages is its host list only.
 */
@ApplicationScoped
public class MongoAccess {

    static final String KEY = "connector.mongodb.connection-string";
    static final String FILE_KEY = "connector.mongodb.connection-string-file";

    private final PooledClient service;
    private final CredentialSetPools pools;
    private final NamespacePolicy policy;
    /** The server-side limit of a read outside a tool call (a resource read); a tool call has its own deadline. */
    private final Duration resourceTimeout;

    public MongoAccess(MongoConnectorConfig config, ConnectorRuntimeConfig runtime, MongoClientFactory clients,
            CredentialSetPools pools, KnownSecrets secrets) {
        ConnectionString connection = connectionString(config);
        // Before the first connection: a document or an error that quotes the password comes back without it.
        ConnectionStrings.registerPassword(secrets, config.connectionStringFile().isPresent() ? FILE_KEY : KEY,
                connection);
        this.pools = pools;
        this.policy = NamespacePolicy.from(config);
        this.resourceTimeout = runtime.limits().timeout();
        this.service = new PooledClient(clients.create(connection, CredentialSetPools.APPLICATION),
                String.join(",", connection.getHosts()));
        checkConnectivity();
    }

    private static ConnectionString connectionString(MongoConnectorConfig config) {
        if (config.connectionStringFile().isPresent()) {
            try {
                return ConnectionStrings.fromFile(config.connectionStringFile().get());
            } catch (UnusableConnectionString e) {
                throw new InvalidSettingException(FILE_KEY, e.getMessage());
            }
        }
        String text = config.connectionString().orElseThrow(() -> new InvalidSettingException(KEY,
                "is required (or " + FILE_KEY + "): the MongoDB deployment to connect to,"
                        + " e.g. mongodb://reader@db.example.com:27017/?authSource=admin"));
        try {
            return ConnectionStrings.parse(text);
        } catch (UnusableConnectionString e) {
            throw new InvalidSettingException(KEY, e.getMessage());
        }
    }

    private void checkConnectivity() {
        try {
            service.client().getDatabase("admin").runCommand(new Document("ping", 1));
        } catch (RuntimeException e) {
            service.close();
            throw new InvalidSettingException(KEY, "- cannot connect to MongoDB at " + service.target() + ": "
                    + MongoErrors.describe(e));
        }
    }

    /**
     * The client a tool call reaches MongoDB with, held until the lease is closed: the connector's own, or for a
     * mapped caller the pool of its credential set (opened on first use). Its reads and writes are limited on the
     * server to what is left of the call's deadline.
     *
     * @throws ToolCallException when the credential set's pool cannot be opened now
     */
    public MongoLease lease(ToolCall call) {
        return lease(call.caller(), call.remaining());
    }

    /**
     * The same for a read outside a tool call (a resource read), limited to {@code connector.limits.timeout}.
     *
     * @throws ToolCallException when the credential set's pool cannot be opened now
     */
    public MongoLease lease(CallerIdentity caller) {
        return lease(caller, resourceTimeout);
    }

    private MongoLease lease(CallerIdentity caller, Duration timeout) {
        // maxTimeMS 0 means no limit to the server: a call whose deadline has passed still gets the smallest one.
        long maxTimeMs = Math.max(1, timeout.toMillis());
        if (!caller.isMapped()) {
            return new MongoLease(service, policy, maxTimeMs, () -> {
            });
        }
        PooledClient pooled = pools.acquire(caller.mapped());
        return new MongoLease(pooled, policy, maxTimeMs, () -> pools.release(pooled));
    }

    /** The connector's own client, for health and start-up checks; never for a caller's call. */
    MongoClient serviceClient() {
        return service.client();
    }

    public NamespacePolicy policy() {
        return policy;
    }

    /** Host list of the deployment, for messages (never the connection string). */
    public String target() {
        return service.target();
    }

    @PreDestroy
    void close() {
        service.close();
    }
}
