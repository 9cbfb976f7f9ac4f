package io.mcpconnectors.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real PostgreSQL server of a given major version in a container (init arg {@code image}, e.g.
 * {@code postgres:13-alpine}), holding the same shop schema as the embedded server; the connector signs in as the
 * read-only {@code analyst} role. Used only where a Docker engine exists.
 */
public class PostgresContainerFixture implements QuarkusTestResourceLifecycleManager {

    private String image;
    private PostgreSQLContainer container;

    @Override
    public void init(Map<String, String> initArgs) {
        image = initArgs.getOrDefault("image", "postgres:17-alpine");
    }

    @Override
    public Map<String, String> start() {
        container = new PostgreSQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
        container.start();
        try (Connection c = DriverManager.getConnection(container.getJdbcUrl(), container.getUsername(),
                container.getPassword()); Statement s = c.createStatement()) {
            s.execute(EmbeddedPostgresFixture.SCHEMA);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("connector.postgres.url", "postgresql://" + container.getHost() + ":"
                + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + container.getDatabaseName(),
                "connector.postgres.username", "analyst",
                "connector.postgres.password", EmbeddedPostgresFixture.ANALYST_PASSWORD);
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
        }
    }
}
