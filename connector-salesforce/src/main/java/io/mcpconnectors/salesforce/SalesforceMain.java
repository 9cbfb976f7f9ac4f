package io.mcpconnectors.salesforce;

import io.mcpconnectors.common.config.ConnectorLauncher;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Entry point of the Salesforce connector. */
@QuarkusMain
public final class SalesforceMain {

    private SalesforceMain() {
    }

    public static void main(String... args) {
        ConnectorLauncher.launch(args);
    }
}
