package io.mcpconnectors.gateway;

import io.mcpconnectors.common.config.ConnectorLauncher;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Entry point of the gateway. */
@QuarkusMain
public final class GatewayMain {

    private GatewayMain() {
    }

    public static void main(String... args) {
        ConnectorLauncher.launch(args);
    }
}
