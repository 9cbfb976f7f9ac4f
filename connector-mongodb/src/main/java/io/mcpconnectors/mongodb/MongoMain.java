package io.mcpconnectors.mongodb;

import io.mcpconnectors.common.config.ConnectorLauncher;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Entry point of the MongoDB connector. */
@QuarkusMain
public final class MongoMain {

    private MongoMain() {
    }

    public static void main(String... args) {
        ConnectorLauncher.launch(args);
    }
}
