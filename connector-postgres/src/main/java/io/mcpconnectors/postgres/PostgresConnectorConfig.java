package io.mcpconnectors.postgres;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the PostgreSQL connector. The password has no default and is never logged. */
@ConfigMapping(prefix = "connector.postgres")
public interface PostgresConnectorConfig {

    /** {@code postgresql://host:port/database}; user and password may also be given here, but prefer the keys below. */
    Optional<String> url();

    /** Role to connect as; a read-only role is recommended (see the docs). */
    Optional<String> username();

    /** The role's password. Prefer {@link #passwordFile()} or the environment. */
    Optional<String> password();

    /** File holding the password (a mounted secret); its first line is used. */
    Optional<Path> passwordFile();

    Pool pool();

    Ssl ssl();

    /**
     * The most a query may cost by the planner's estimate (EXPLAIN's total cost, in the planner's units); a query
     * estimated above it is refused before it runs. Unset: no limit.
     */
    OptionalDouble maxPlanCost();

    /**
     * The most rows a query may be estimated to return (EXPLAIN's row estimate of the plan's top); a query estimated
     * above it is refused before it runs. Unset: no limit.
     */
    OptionalLong maxPlanRows();

    interface Pool {
        /** Most connections open at once. */
        @WithDefault("4")
        int maxSize();

        /** An idle connection is closed after this long. */
        @WithDefault("5m")
        Duration idleTimeout();

        /** Longest wait for a new connection to the server. */
        @WithDefault("10s")
        Duration connectTimeout();
    }

    interface Ssl {
        /** disable, require (encrypted, server not verified) or verify-full (certificate and host name checked). */
        @WithDefault("disable")
        SslMode mode();

        /** PEM file of the CA that signed the server's certificate (verify-full). */
        Optional<Path> caFile();
    }

    enum SslMode {
        DISABLE,
        REQUIRE,
        VERIFY_FULL
    }
}
