package io.mcpconnectors.mongodb;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsConnectionPoolListener;

/**
 * Creates the connector's MongoDB clients, its own and one per credential set, all with the same settings: the
 * pool settings of {@code connector.mongodb.pool.*} where the connection string does not set them, the command
 * listeners (metrics, tests: they see command names and options, never the connection string) and pool metrics.
 * Creating a client does not connect; the first operation does.
 */
@ApplicationScoped
public class MongoClientFactory {

    private final MongoConnectorConfig.Pool pool;
    private final Instance<CommandListener> listeners;
    private final Instance<MeterRegistry> metrics;

    public MongoClientFactory(MongoConnectorConfig config, Instance<CommandListener> listeners,
            Instance<MeterRegistry> metrics) {
        this.pool = config.pool();
        this.listeners = listeners;
        this.metrics = metrics;
    }

    /**
     * A client for the deployment and user of a connection string.
     *
     * @param applicationName what the server's logs and {@code currentOp} show as the client's name
     */
    public MongoClient create(ConnectionString connection, String applicationName) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connection)
                .applicationName(applicationName);
        listeners.forEach(settings::addCommandListener);
        if (metrics.isResolvable()) {
            // In a build with metrics: mongodb_driver_pool_{size,checkedout,waitqueuesize,checkoutfailed}.
            settings.applyToConnectionPoolSettings(
                    p -> p.addConnectionPoolListener(new MongoMetricsConnectionPoolListener(metrics.get())));
        }
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
        return MongoClients.create(settings.build());
    }
}
