package io.mcpconnectors.mongodb;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.bson.Document;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.InvalidSettingException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsConnectionPoolListener;

/**
 * The one pooled MongoDB client of the connector, and the only way tools reach a database or collection: every
 * name passes the allow/deny policy first. The connection string is read from the setting or a secret file and is
 * never logged or shown; what identifies the deployment in messages is its host list only.
 */
@ApplicationScoped
public class MongoAccess {

    static final String KEY = "connector.mongodb.connection-string";
    static final String FILE_KEY = "connector.mongodb.connection-string-file";

    private final MongoClient client;
    private final NamespacePolicy policy;
    private final Duration timeout;
    private final String target;

    public MongoAccess(MongoConnectorConfig config, ConnectorRuntimeConfig runtime,
            Instance<CommandListener> listeners, Instance<MeterRegistry> metrics) {
        ConnectionString connection = connectionString(config);
        this.target = String.join(",", connection.getHosts());
        this.policy = NamespacePolicy.from(config);
        this.timeout = runtime.limits().timeout();
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connection)
                .applicationName("mcp-connector-mongodb");
        // Command listeners (metrics, tests) see command names and options, never the connection string.
        listeners.forEach(settings::addCommandListener);
        if (metrics.isResolvable()) {
            // In a build with metrics: mongodb_driver_pool_{size,checkedout,waitqueuesize,checkoutfailed}.
            settings.applyToConnectionPoolSettings(
                    p -> p.addConnectionPoolListener(new MongoMetricsConnectionPoolListener(metrics.get())));
        }
        MongoConnectorConfig.Pool pool = config.pool();
        if (connection.getMaxConnectionPoolSize() == null) {
            settings.applyToConnectionPoolSettings(p -> p.maxSize(pool.maxSize()));
        }
        if (connection.getMaxConnectionIdleTime() == null) {
            settings.applyToConnectionPoolSettings(
                    p -> p.maxConnectionIdleTime(pool.maxIdleTime().toMillis(), TimeUnit.MILLISECONDS));
        }
        if (connection.getConnectTimeout() == null) {
            settings.applyToSocketSettings(s -> s.connectTimeout((int) pool.connectTimeout().toMillis(),
                    TimeUnit.MILLISECONDS));
        }
        if (connection.getServerSelectionTimeout() == null) {
            settings.applyToClusterSettings(c -> c.serverSelectionTimeout(pool.serverSelectionTimeout().toMillis(),
                    TimeUnit.MILLISECONDS));
        }
        this.client = MongoClients.create(settings.build());
        checkConnectivity();
    }

    private static ConnectionString connectionString(MongoConnectorConfig config) {
        String text;
        String key;
        if (config.connectionStringFile().isPresent()) {
            key = FILE_KEY;
            try {
                List<String> lines = Files.readAllLines(config.connectionStringFile().get());
                text = lines.isEmpty() ? "" : lines.get(0).strip();
            } catch (IOException e) {
                throw new InvalidSettingException(FILE_KEY, "cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        } else {
            key = KEY;
            text = config.connectionString().orElseThrow(() -> new InvalidSettingException(KEY,
                    "is required (or " + FILE_KEY + "): the MongoDB deployment to connect to,"
                            + " e.g. mongodb://reader@db.example.com:27017/?authSource=admin"));
        }
        try {
            return new ConnectionString(text);
        } catch (RuntimeException e) {
            // The driver's message can quote the string, password included: never pass it on.
            throw new InvalidSettingException(key,
                    "is not a MongoDB connection string (expected mongodb://host:port/... or mongodb+srv://...)");
        }
    }

    private void checkConnectivity() {
        try {
            client.getDatabase("admin").runCommand(new Document("ping", 1));
        } catch (RuntimeException e) {
            client.close();
            throw new InvalidSettingException(KEY, "- cannot connect to MongoDB at " + target + ": "
                    + MongoErrors.describe(e));
        }
    }

    /** The database, after checking the policy allows it. */
    public MongoDatabase database(String name) {
        policy.checkDatabase(name);
        return client.getDatabase(name);
    }

    /** The collection, after checking the policy allows it and its database. */
    public MongoCollection<Document> collection(String database, String collection) {
        policy.checkCollection(database, collection);
        return client.getDatabase(database).getCollection(collection);
    }

    public MongoClient client() {
        return client;
    }

    public NamespacePolicy policy() {
        return policy;
    }

    /** The per-call timeout, sent to the server as maxTimeMS on every read. */
    public long maxTimeMs() {
        return timeout.toMillis();
    }

    public Duration timeout() {
        return timeout;
    }

    /** Host list of the deployment, for messages (never the connection string). */
    public String target() {
        return target;
    }

    /** Whether the deployment can run multi-document transactions (a replica set or a sharded cluster). */
    public boolean supportsTransactions() {
        try {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            return hello.containsKey("setName") || "isdbgrid".equals(hello.getString("msg"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
