package io.mcpconnectors.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.InvalidSettingException;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * The connection pool to the configured database, built from {@code connector.postgres.*} on Quarkus's Vert.x.
 * Connectivity is checked at start: a failure stops the connector with one line that names the setting.
 */
@ApplicationScoped
public class PostgresPool {

    private final Pool pool;
    private final String target;

    public PostgresPool(Vertx vertx, PostgresConnectorConfig config, ConnectorRuntimeConfig runtime,
            KnownSecrets secrets) {
        PgConnectOptions connect = connectOptions(config);
        // Before the first connection: a row or an error that quotes the password comes back without it.
        config.url().ifPresent(url -> secrets.registerUrlPassword("connector.postgres.url", url));
        secrets.register(config.passwordFile().isPresent() ? "connector.postgres.password-file"
                : config.password().isPresent() ? "connector.postgres.password" : "connector.postgres.url",
                connect.getPassword());
        // Session defaults sent at connect: every transaction is read-only and time-limited unless a write
        // explicitly begins READ WRITE. DISCARD ALL returns a session to these values.
        connect.addProperty("default_transaction_read_only", "on");
        connect.addProperty("statement_timeout", String.valueOf(runtime.limits().timeout().toMillis()));
        // The query guard reads strings as the server does with this on (PostgreSQL's default since 9.1); a server
        // configured otherwise still reads the connector's statements this way.
        connect.addProperty("standard_conforming_strings", "on");
        this.target = connect.getHost() + ":" + connect.getPort() + "/" + connect.getDatabase() + " as "
                + connect.getUser();
        PoolOptions poolOptions = new PoolOptions().setMaxSize(config.pool().maxSize())
                .setIdleTimeout((int) config.pool().idleTimeout().toSeconds())
                .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS).setName("connector-postgres")
                // A call waiting for a free connection gives up with the call's own timeout, not later.
                .setConnectionTimeout((int) Math.max(1, runtime.limits().timeout().toMillis()))
                .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS);
        this.pool = PgBuilder.pool().with(poolOptions).connectingTo(connect).using(vertx).build();
        checkConnectivity(config);
    }

    static PgConnectOptions connectOptions(PostgresConnectorConfig config) {
        PgConnectOptions options;
        try {
            // Required to serve, not for the admin commands, which only use the store.
            options = PgConnectOptions.fromUri(config.url().orElseThrow(() -> new InvalidSettingException(
                    "connector.postgres.url", "is required and not set, e.g."
                            + " postgresql://db.example.com:5432/analytics")));
        } catch (InvalidSettingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidSettingException("connector.postgres.url",
                    "is not a PostgreSQL URL (expected postgresql://host:port/database)");
        }
        config.username().ifPresent(options::setUser);
        password(config).ifPresent(options::setPassword);
        options.setConnectTimeout((int) config.pool().connectTimeout().toMillis());
        options.setReconnectAttempts(0);
        options.setCachePreparedStatements(false);
        options.addProperty("application_name", "mcp-connector-postgres");
        switch (config.ssl().mode()) {
            case DISABLE -> options.setSslMode(SslMode.DISABLE);
            case REQUIRE -> {
                options.setSslMode(SslMode.REQUIRE);
                options.setTrustAll(true);
            }
            case VERIFY_FULL -> {
                options.setSslMode(SslMode.VERIFY_FULL);
                options.setHostnameVerificationAlgorithm("HTTPS");
                config.ssl().caFile().ifPresent(ca -> {
                    if (!Files.isReadable(ca)) {
                        throw new InvalidSettingException("connector.postgres.ssl.ca-file", "cannot be read: " + ca);
                    }
                    options.setTrustOptions(new PemTrustOptions().addCertPath(ca.toString()));
                });
            }
        }
        return options;
    }

    private static java.util.Optional<String> password(PostgresConnectorConfig config) {
        if (config.passwordFile().isPresent()) {
            try {
                List<String> lines = Files.readAllLines(config.passwordFile().get());
                return java.util.Optional.of(lines.isEmpty() ? "" : lines.get(0).strip());
            } catch (IOException e) {
                throw new InvalidSettingException("connector.postgres.password-file",
                        "cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        return config.password();
    }

    private void checkConnectivity(PostgresConnectorConfig config) {
        try {
            Blocking.await(pool.query("SELECT 1").execute(), config.pool().connectTimeout().plusSeconds(5));
        } catch (Exception e) {
            pool.close();
            String key = PostgresErrors.isAuthenticationFailure(e) ? "connector.postgres.password"
                    : "connector.postgres.url";
            throw new InvalidSettingException(key, "- cannot connect to PostgreSQL at " + target + ": "
                    + PostgresErrors.describe(e));
        }
    }

    public Pool pool() {
        return pool;
    }

    public String target() {
        return target;
    }

    @PreDestroy
    void close() {
        pool.close();
    }
}
