package io.mcpconnectors.common.health;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.agroal.api.AgroalDataSource;
import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.config.AdminCommandMode;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.StoreKind;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;

/**
 * Readiness of the PostgreSQL store of approvals and the audit chain, present only when
 * {@code connector.store.kind=postgresql}. Quarkus's own datasource check is switched off (it listed a
 * "Database connections" check on every connector, also on those that use no database); a connector on the file
 * store has no store check, and its readiness is its data source's alone.
 */
@ApplicationScoped
public class StoreReadiness {

    static final String NAME = "connector-store";
    private static final int VALIDATION_SECONDS = 5;

    private final ConnectorRuntimeConfig config;
    private final InjectableInstance<AgroalDataSource> storeDataSource;
    private final KnownSecrets secrets;
    private final HealthRegistry readiness;

    public StoreReadiness(ConnectorRuntimeConfig config,
            @DataSource("store") InjectableInstance<AgroalDataSource> storeDataSource, KnownSecrets secrets,
            @Readiness HealthRegistry readiness) {
        this.config = config;
        this.storeDataSource = storeDataSource;
        this.secrets = secrets;
        this.readiness = readiness;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.store().kind() == StoreKind.POSTGRESQL && !AdminCommandMode.active()) {
            readiness.register(NAME, this::check);
        }
    }

    HealthCheckResponse check() {
        try (Connection connection = storeDataSource.get().getConnection()) {
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
