package io.mcpconnectors.postgres;

import io.mcpconnectors.common.config.ConnectorLauncher;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Entry point of the PostgreSQL connector. */
@QuarkusMain
public final class PostgresMain {

    private PostgresMain() {
    }

    public static void main(String... args) {
        ConnectorLauncher.launch(args);
    }
}
