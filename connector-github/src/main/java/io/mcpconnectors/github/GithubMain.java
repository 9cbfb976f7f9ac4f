package io.mcpconnectors.github;

import io.mcpconnectors.common.config.ConnectorLauncher;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Entry point of the GitHub connector. */
@QuarkusMain
public final class GithubMain {

    private GithubMain() {
    }

    public static void main(String... args) {
        ConnectorLauncher.launch(args);
    }
}
