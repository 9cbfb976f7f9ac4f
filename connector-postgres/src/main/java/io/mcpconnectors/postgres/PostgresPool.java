package io.mcpconnectors.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.common.spi.CallLoop;
import io.vertx.core.Future;
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
 *
 * <p>
 * Every connection of the pool lives on the runtime's {@link CallLoop}, and non-blocking work on a connection runs
 * there ({@link PostgresSessions#readAsync}): the driver runs a command at once when it is scheduled from its
 * connection's event loop, and hands it over to that loop (a queue and a wake-up of the loop's thread) when it comes
 * from any other thread, then hands the answer back the same way. A query is about seven commands (transaction,
 * prepare, cursor, closes, rollback, reset), so working on the connection's own loop saves a dozen thread hand-offs
 * per call.
 */
@ApplicationScoped
public class PostgresPool {

    private final Pool pool;
    private final String target;
    /** The event loop the pool's connections are opened from, and used from. */
    private final CallLoop loop;
    /** How long a caller waits for a free connection. */
    private final Duration connectionWait;

    public PostgresPool(Vertx vertx, CallLoop loop, PostgresConnectorConfig config, ConnectorRuntimeConfig runtime,
            KnownSecrets secrets) {
        this.loop = loop;
        this.connectionWait = runtime.limits().timeout();
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
                .setIdleTimeoutUnit(TimeUnit.SECONDS).setName("connector-postgres")
                // A call waiting for a free connection gives up with the call's own timeout, not later.
                .setConnectionTimeout((int) Math.max(1, connectionWait.toMillis()))
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
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

    private static Optional<String> password(PostgresConnectorConfig config) {
        if (config.passwordFile().isPresent()) {
            try {
                List<String> lines = Files.readAllLines(config.passwordFile().get());
                return Optional.of(lines.isEmpty() ? "" : lines.get(0).strip());
            } catch (IOException e) {
                throw new InvalidSettingException("connector.postgres.password-file",
                        "cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        return config.password();
    }

    private void checkConnectivity(PostgresConnectorConfig config) {
        try {
            Blocking.await(run(p -> p.query("SELECT 1").execute()),
                    config.pool().connectTimeout().plusSeconds(5));
        } catch (Exception e) {
            pool.close();
            String key = PostgresErrors.isAuthenticationFailure(e) ? "connector.postgres.password"
                    : "connector.postgres.url";
            throw new InvalidSettingException(key, "- cannot connect to PostgreSQL at " + target + ": "
                    + PostgresErrors.describe(e));
        }
    }

    /** How long a caller waits for a free connection ({@code connector.limits.timeout}). */
    public Duration connectionWait() {
        return connectionWait;
    }

    public String target() {
        return target;
    }

    /**
     * Non-blocking work with the pool, started on the loop its connections live on (the pool opens a connection on
     * the event loop of the thread that asks for it: its event-loop size is 0), completing there.
     */
    public <T> Future<T> run(Function<Pool, Future<T>> work) {
        return loop.run(() -> work.apply(pool));
    }

    @PreDestroy
    void close() {
        pool.close();
    }
}
