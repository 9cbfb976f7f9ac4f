package io.mcpconnectors.common.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.spi.Connector;

/** Ready only while the data source can be reached with the configured identity. */
@Readiness
@ApplicationScoped
public class ConnectorReadiness implements HealthCheck {

    private final Connector connector;
    private final KnownSecrets secrets;

    public ConnectorReadiness(Connector connector, KnownSecrets secrets) {
        this.connector = connector;
        this.secrets = secrets;
    }

    @Override
    public HealthCheckResponse call() {
        String problem = connector.healthProblem();
        return HealthCheckResponse.named(connector.name() + "-source").status(problem == null)
                .withData("problem", problem == null ? "none" : secrets.scrubMessage(problem)).build();
    }
}
