package io.mcpconnectors.common.store;

import java.nio.file.Path;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.approval.ApprovalStore;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.StoreKind;
import io.mcpconnectors.common.spi.Connector;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.StartupEvent;

/**
 * Opens the configured store on first use, so a connector that never writes and never audits to the chain
 * touches neither the data directory nor the database.
 */
@ApplicationScoped
public class StoreProvider {

    private final ConnectorRuntimeConfig config;
    private final Connector connector;
    private final ObjectMapper json;
    private final InjectableInstance<AgroalDataSource> storeDataSource;
    private final KnownSecrets secrets;
    private ConnectorStore store;

    public StoreProvider(ConnectorRuntimeConfig config, Connector connector, ObjectMapper json,
            @DataSource("store") InjectableInstance<AgroalDataSource> storeDataSource, KnownSecrets secrets) {
        this.config = config;
        this.secrets = secrets;
        this.connector = connector;
        this.json = json;
        this.storeDataSource = storeDataSource;
    }

    /**
     * Registers the PostgreSQL store's passwords at start, before the data source first connects with them: a
     * result or a message that quotes one comes back without it.
     */
    void onStart(@Observes StartupEvent event) {
        if (config.store().kind() == StoreKind.POSTGRESQL) {
            secrets.register("connector.store.password", config.store().password().orElse(null));
            config.store().jdbcUrl().ifPresent(url -> secrets.registerUrlPassword("connector.store.jdbc-url", url));
        }
    }

    public synchronized ConnectorStore store() {
        if (store == null) {
            store = config.store().kind() == StoreKind.POSTGRESQL
                    ? new PostgresStore(storeDataSource.get(), json, config.store().jdbcUrl().map(StoreProvider::withoutSecrets)
                            .orElse("connector.store.jdbc-url"))
                    : new FileStore(dataDir(), json);
        }
        return store;
    }

    /** The approval store for the approval service: the connector's store, opened when first used. */
    @Produces
    @ApplicationScoped
    ApprovalStore approvalStore() {
        return store();
    }

    /** connector.data-dir, or ~/.mcp-connectors/&lt;connector&gt;. */
    public Path dataDir() {
        return config.dataDir().orElseGet(() -> Path.of(System.getProperty("user.home"), ".mcp-connectors",
                connector.name()));
    }

    /** A JDBC URL for messages: query parameters (which may hold a password) left out. */
    static String withoutSecrets(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    @PreDestroy
    synchronized void close() {
        if (store instanceof FileStore file) {
            file.close();
        }
    }
}
