package io.mcpconnectors.common.store;

import java.nio.file.Path;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.approval.ApprovalStore;
import io.mcpconnectors.common.config.AdminCommandMode;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.StoreKind;
import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.common.config.RuntimeSettingsCheck;
import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.spi.Connector;
import io.quarkus.runtime.StartupEvent;

/**
 * Opens the configured store: the file store on first use, so a connector that never writes and never audits to the
 * chain does not touch its data directory; the PostgreSQL store at start (its pool opened and its tables migrated),
 * so a database that cannot be reached stops the connector with one line instead of failing a call later.
 */
@ApplicationScoped
public class StoreProvider {

    private final ConnectorRuntimeConfig config;
    private final Connector connector;
    private final ObjectMapper json;
    private final KnownSecrets secrets;
    private ConnectorStore store;
    private StoreDatabase database;

    public StoreProvider(ConnectorRuntimeConfig config, Connector connector, ObjectMapper json, KnownSecrets secrets) {
        this.config = config;
        this.secrets = secrets;
        this.connector = connector;
        this.json = json;
    }

    /**
     * Registers the PostgreSQL store's passwords at start, before the data source first connects with them: a
     * result or a message that quotes one comes back without it.
     */
    void onStart(@Observes StartupEvent event) {
        if (config.store().kind() == StoreKind.POSTGRESQL) {
            secrets.register("connector.store.password", config.store().password().orElse(null));
            config.store().jdbcUrl().ifPresent(url -> secrets.registerUrlPassword("connector.store.jdbc-url", url));
            if (!AdminCommandMode.manifest()) {
                // The manifest command lists what a client would see and reaches nothing.
                RuntimeSettingsCheck.checkStore(config);
                try {
                    store();
                } catch (StoreException e) {
                    throw new InvalidSettingException("connector.store.jdbc-url", "names a PostgreSQL store that cannot"
                            + " be used: " + e.getMessage() + " Check the URL, connector.store.username and"
                            + " connector.store.password, and that the database accepts connections.");
                }
            }
        }
    }

    public synchronized ConnectorStore store() {
        if (store == null) {
            store = config.store().kind() == StoreKind.POSTGRESQL
                    ? new PostgresStore(database().dataSource(), json, where())
                    : new FileStore(dataDir(), json);
        }
        return store;
    }

    /**
     * The PostgreSQL store's database, opened (and its tables migrated) on first use; only for
     * {@code connector.store.kind=postgresql}.
     *
     * @throws StoreException when it cannot be opened; the message names no secret
     */
    public synchronized StoreDatabase database() {
        if (config.store().kind() != StoreKind.POSTGRESQL) {
            throw new IllegalStateException("the store is not PostgreSQL");
        }
        if (database == null) {
            String url = config.store().jdbcUrl().map(String::trim).orElseThrow(() -> new StoreException(
                    "connector.store.jdbc-url is not set"));
            try {
                database = StoreDatabase.open(url, config.store().username().orElse(null),
                        config.store().password().orElse(null), where());
            } catch (StoreException e) {
                throw new StoreException(secrets.scrubMessage(e.getMessage()));
            }
        }
        return database;
    }

    private String where() {
        return config.store().jdbcUrl().map(StoreProvider::withoutSecrets).orElse("connector.store.jdbc-url");
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
        if (database != null) {
            database.close();
        }
    }
}
