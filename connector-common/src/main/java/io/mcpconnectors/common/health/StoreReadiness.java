package io.mcpconnectors.common.health;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.mcpconnectors.common.config.AdminCommandMode;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.StoreKind;
import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.store.StoreProvider;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;

/**
 * Readiness of the PostgreSQL store of approvals and the audit chain, present only when
 * {@code connector.store.kind=postgresql}. A connector on the file store has no store check (and no datasource at
 * all), and its readiness is its data source's alone.
 */
@ApplicationScoped
public class StoreReadiness {

    static final String NAME = "connector-store";
    private static final int VALIDATION_SECONDS = 5;

    private final ConnectorRuntimeConfig config;
    private final StoreProvider stores;
    private final KnownSecrets secrets;
    private final HealthRegistry readiness;

    public StoreReadiness(ConnectorRuntimeConfig config, StoreProvider stores, KnownSecrets secrets,
            @Readiness HealthRegistry readiness) {
        this.config = config;
        this.stores = stores;
        this.secrets = secrets;
        this.readiness = readiness;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.store().kind() == StoreKind.POSTGRESQL && !AdminCommandMode.active()) {
            readiness.register(NAME, this::check);
        }
    }

    HealthCheckResponse check() {
        try (Connection connection = stores.database().dataSource().getConnection()) {
            boolean valid = connection.isValid(VALIDATION_SECONDS);
            return HealthCheckResponse.named(NAME).status(valid).withData("kind", "postgresql")
                    .withData("problem", valid ? "none" : "the store's database did not answer").build();
        } catch (SQLException | RuntimeException e) {
            return HealthCheckResponse.named(NAME).down().withData("kind", "postgresql")
                    .withData("problem", secrets.scrubMessage("cannot reach the store's database: " + e.getMessage()))
                    .build();
        }
    }
}
