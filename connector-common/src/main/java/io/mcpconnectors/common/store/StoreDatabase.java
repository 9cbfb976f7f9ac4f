package io.mcpconnectors.common.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;

/**
 * The PostgreSQL store's database: a small Agroal pool over the PostgreSQL JDBC driver, its tables created and
 * migrated by Flyway ({@code db/connector-store}) when it is opened. Built from the plain libraries and opened only
 * for {@code connector.store.kind=postgresql}, so a connector on the file store starts no datasource, transaction
 * manager or migration tool at all.
 */
public final class StoreDatabase implements AutoCloseable {

    /** Where the migrations are, and the history table they are recorded in (as with the earlier builds). */
    static final String MIGRATIONS = "classpath:db/connector-store";
    static final String HISTORY_TABLE = "mcp_connector_schema_history";
    /** Approvals and chain appends are short; a few connections serve a connector and its admin commands. */
    static final int MAX_CONNECTIONS = 4;
    private static final Duration ACQUISITION_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration VALIDATION_INTERVAL = Duration.ofMinutes(2);
    private static final Duration IDLE_REMOVAL = Duration.ofMinutes(5);
    private static final int VALIDATION_SECONDS = 5;

    private final AgroalDataSource pool;

    private StoreDatabase(AgroalDataSource pool) {
        this.pool = pool;
    }

    /**
     * Opens the pool and brings the store's tables up to date.
     *
     * @param where the store as messages name it (the URL without its query, which may hold a password)
     * @throws StoreException with the SQLState and the driver's or Flyway's message, which carry no password
     */
    public static StoreDatabase open(String jdbcUrl, String username, String password, String where) {
        AgroalDataSourceConfigurationSupplier configuration = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.initialSize(0).minSize(0).maxSize(MAX_CONNECTIONS)
                        .acquisitionTimeout(ACQUISITION_TIMEOUT).validationTimeout(VALIDATION_INTERVAL)
                        .reapTimeout(IDLE_REMOVAL)
                        .connectionValidator(ConnectionValidator.defaultValidatorWithTimeout(VALIDATION_SECONDS))
                        .connectionFactoryConfiguration(factory -> {
                            // The driver class itself, not DriverManager: found whatever class loader runs the connector.
                            factory.jdbcUrl(jdbcUrl).connectionProviderClass(org.postgresql.Driver.class);
                            if (username != null) {
                                factory.principal(new NamePrincipal(username));
                            }
                            if (password != null) {
                                factory.credential(new SimplePassword(password));
                            }
                            return factory;
                        }));
        AgroalDataSource pool;
        try {
            pool = AgroalDataSource.from(configuration);
        } catch (SQLException e) {
            throw new StoreException("Could not open the PostgreSQL store at " + where + " (SQLState " + e.getSQLState()
                    + ": " + e.getMessage() + ").", e);
        }
        // One connection first, so a refused login or an unreachable server is named as such, not as a migration.
        try (Connection connection = pool.getConnection()) {
            connection.isValid(VALIDATION_SECONDS);
        } catch (SQLException e) {
            pool.close();
            throw new StoreException("Could not connect to the PostgreSQL store at " + where + " (SQLState "
                    + e.getSQLState() + ": " + e.getMessage() + ").", e);
        }
        try {
            Flyway.configure(StoreDatabase.class.getClassLoader()).dataSource(pool).locations(MIGRATIONS)
                    .table(HISTORY_TABLE).load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("Could not create or migrate the tables of the PostgreSQL store at " + where + " ("
                    + reason(e) + ").", e);
        }
        return new StoreDatabase(pool);
    }

    /** The pooled connections. */
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** The innermost SQL failure's state and message (a refused login, an unknown database), else the failure's. */
    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return "SQLState " + sql.getSQLState() + ": " + sql.getMessage();
            }
        }
        return String.valueOf(failure.getMessage()).lines().findFirst().orElse("").trim();
    }
}
