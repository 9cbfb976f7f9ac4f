package io.mcpconnectors.common.cli;

import io.mcpconnectors.common.config.AdminCommandMode;
import io.mcpconnectors.common.config.StartupFailureReport;
import io.mcpconnectors.common.mcp.ManifestCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The entry point of every connector application (the runtime's, so a connector module needs no main class of its
 * own). A configuration error ends the process with exit code 1 and one line on stderr that names the key, instead
 * of a stack trace.
 */
@QuarkusMain
public final class ConnectorLauncher {

    private ConnectorLauncher() {
    }

    public static void main(String... args) {
        launch(args);
    }

    public static void launch(String... args) {
        if (AdminCommandMode.isManifestCommand(args)) {
            // manifest: register what a client would list, print it and its digest, serve nothing.
            System.setProperty(AdminCommandMode.PROPERTY, AdminCommandMode.MANIFEST);
            Quarkus.run(ManifestCommand.class, (exitCode, failure) -> {
                if (failure != null) {
                    StartupFailureReport.print(failure, System.err);
                }
                System.exit(failure != null && exitCode == 0 ? 1 : exitCode);
            }, args);
            return;
        }
        if (AdminCommandMode.isAdminCommand(args)) {
            // approvals ... / audit verify: run the command against the connector's store, serve nothing.
            System.setProperty(AdminCommandMode.PROPERTY, "true");
            Quarkus.run(AdminCommand.class, (exitCode, failure) -> {
                if (failure != null) {
                    StartupFailureReport.print(failure, System.err);
                }
                System.exit(failure != null && exitCode == 0 ? 1 : exitCode);
            }, args);
            return;
        }
        Quarkus.run(null, (exitCode, failure) -> {
            if (failure != null) {
                StartupFailureReport.print(failure, System.err);
            }
            System.exit(failure != null && exitCode == 0 ? 1 : exitCode);
        }, args);
    }
}
