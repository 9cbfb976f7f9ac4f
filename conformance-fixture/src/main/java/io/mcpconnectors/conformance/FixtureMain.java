package io.mcpconnectors.conformance;

import io.mcpconnectors.common.config.ConnectorLauncher;
import io.quarkus.runtime.annotations.QuarkusMain;

/** The conformance fixture server: the features the official MCP conformance suite calls, on the shared runtime. */
@QuarkusMain
public final class FixtureMain {

    private FixtureMain() {
    }

    public static void main(String... args) {
        ConnectorLauncher.launch(args);
    }
}
