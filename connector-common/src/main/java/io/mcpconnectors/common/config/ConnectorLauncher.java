package io.mcpconnectors.common.config;

import io.quarkus.runtime.Quarkus;

/**
 * Starts a connector application. A configuration error ends the process with exit code 1 and one line on
 * stderr that names the key, instead of a stack trace.
 */
public final class ConnectorLauncher {

    private ConnectorLauncher() {
    }

    public static void launch(String... args) {
        Quarkus.run(null, (exitCode, failure) -> {
            if (failure != null) {
                StartupFailureReport.print(failure, System.err);
            }
            System.exit(failure != null && exitCode == 0 ? 1 : exitCode);
        }, args);
    }
}
