package io.mcpconnectors.common.approval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL for the store, started for the test class that names it. */
public class EmbeddedPostgresStore implements QuarkusTestResourceLifecycleManager {

    public static final String PASSWORD = "unused-trust-auth";
    /** A password in the JDBC URL, as some deployments give it; URL-encoded there. */
    public static final String URL_PASSWORD = "url-Secret%2142";

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The server trusts local connections: the passwords are never checked, only held as a deployment's are.
        return Map.of("connector.store.kind", "postgresql",
                "connector.store.jdbc-url", postgres.getJdbcUrl("postgres", "postgres") + "&password=" + URL_PASSWORD,
                "connector.store.username", "postgres",
                "connector.store.password", PASSWORD);
    }

    @Override
    public void stop() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
