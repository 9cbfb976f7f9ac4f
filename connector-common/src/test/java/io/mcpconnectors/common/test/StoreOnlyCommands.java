package io.mcpconnectors.common.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The admin commands of a packaged connector ({@code approvals list}, {@code audit verify}) run with the store's
 * settings alone: an admin deciding approvals on a machine that cannot, or must not, reach the data source needs
 * none of its settings.
 */
public final class StoreOnlyCommands {

    private StoreOnlyCommands() {
    }

    /** Runs both commands with nothing but a data directory; each ends with 0 and names no setting of the source. */
    public static void check(Path jar, String connector) throws Exception {
        Path data = Files.createTempDirectory("connector-data");
        for (List<String> command : List.of(List.of("approvals", "list"), List.of("audit", "verify"))) {
            ConnectorProcess.CommandResult result = ConnectorProcess.runCommand(jar,
                    Map.of("CONNECTOR_DATA_DIR", data.toString()), command.toArray(String[]::new));
            assertEquals(0, result.exitCode(), command + ": " + result.stderr());
            assertFalse(result.stderr().contains("connector." + connector + "."), command + ": " + result.stderr());
        }
    }
}
