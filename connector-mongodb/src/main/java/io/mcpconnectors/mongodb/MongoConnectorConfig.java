package io.mcpconnectors.mongodb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the MongoDB connector. The connection string (which may carry a password) has no default and is
 * never logged. TLS, read preference and {@code authSource} are options of the connection string.
 */
@ConfigMapping(prefix = "connector.mongodb")
public interface MongoConnectorConfig {

    /** {@code mongodb://} or {@code mongodb+srv://} connection string. Prefer {@link #connectionStringFile()}. */
    Optional<String> connectionString();

    /** File holding the connection string (a mounted secret); its first line is used. */
    Optional<Path> connectionStringFile();

    Pool pool();

    /**
     * Refuse a find or aggregate whose plan, by the server's explain, scans the whole collection (COLLSCAN), before
     * it runs. A plan the server cannot give is refused too while this is on.
     */
    @WithDefault("false")
    boolean requireIndex();

    Databases databases();

    Collections collections();

    Schema schema();

    /** User-bound access ({@code connector.identity.mode=mapped}): the credential sets callers are mapped to. */
    Identity identity();

    interface Identity {
        /**
         * Credential set name (a value of {@code connector.identity.map}) to the file whose first line is its
         * connection string, with the MongoDB user and password its callers act as.
         */
        Map<String, Path> connectionStringFile();

        /** Most credential-set pools open at once; to open another, the least recently used idle one is closed. */
        @WithDefault("8")
        int maxPools();
    }

    interface Pool {
        /** Most connections open at once (unless the connection string sets maxPoolSize). */
        @WithDefault("10")
        int maxSize();

        /** Longest wait for a new connection to a server (unless the connection string sets connectTimeoutMS). */
        @WithDefault("10s")
        Duration connectTimeout();

        /** Longest wait to find a suitable server, at start and for each operation. */
        @WithDefault("10s")
        Duration serverSelectionTimeout();

        /** A pooled connection idle this long is closed. */
        @WithDefault("5m")
        Duration maxIdleTime();
    }

    /** Which databases the tools can reach: names or globs ({@code sales}, {@code reporting_*}). */
    interface Databases {
        /** When set, only these databases. */
        Optional<List<String>> allow();

        /** Never these databases. {@code admin}, {@code local} and {@code config} are always excluded. */
        Optional<List<String>> deny();
    }

    /**
     * Which collections the tools can reach, as {@code database.collection} globs ({@code sales.orders},
     * {@code sales.*}, {@code *.audit_*}).
     */
    interface Collections {
        Optional<List<String>> allow();

        Optional<List<String>> deny();
    }

    interface Schema {
        /** Documents sampled by collection_schema and the schema resource when the call does not say. */
        @WithDefault("100")
        int sampleSize();

        /** Upper bound on a sample a call may ask for. */
        @WithDefault("1000")
        int maxSampleSize();
    }
}
