package io.mcpconnectors.common.cli;

import java.util.List;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.QuarkusApplication;

/** The application the launcher runs instead of the MCP server when the arguments name an admin command. */
public class AdminCommand implements QuarkusApplication {

    @Override
    public int run(String... args) {
        return Arc.container().instance(AdminCommands.class).get().execute(List.of(args), System.out, System.err);
    }
}
