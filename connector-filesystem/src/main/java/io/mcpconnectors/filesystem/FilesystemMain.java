package io.mcpconnectors.filesystem;

import io.mcpconnectors.common.config.ConnectorLauncher;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Entry point of the filesystem connector. */
@QuarkusMain
public final class FilesystemMain {

    private FilesystemMain() {
    }

    public static void main(String... args) {
        ConnectorLauncher.launch(args);
    }
}
