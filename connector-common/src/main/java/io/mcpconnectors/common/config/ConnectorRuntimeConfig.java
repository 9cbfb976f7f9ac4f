package io.mcpconnectors.common.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings every connector shares. Each key is documented in the README's configuration table; defaults here
 * are the safe ones.
 */
@ConfigMapping(prefix = "connector")
public interface ConnectorRuntimeConfig {

    /** How the connector talks to the host: stdio (default) or Streamable HTTP. */
    @WithDefault("stdio")
    Transport transport();

    Access access();

    Tools tools();

    Limits limits();

    Audit audit();

    Approval approval();

    Http http();

    enum Transport {
        STDIO,
        HTTP
    }

    enum WritesMode {
        DISABLED,
        ENABLED
    }

    enum ApprovalMode {
        /** Ask the user through MCP elicitation (the approval gate; not yet available in this version). */
        ELICIT,
        /** Park the call until an admin approves it (the approval gate; not yet available in this version). */
        ADMIN,
        /** Run writes without asking; an explicit opt-out. */
        NONE
    }

    interface Access {
        /** Whether WRITE and ADMIN tools are registered at all. */
        @WithDefault("disabled")
        WritesMode writes();
    }

    interface Tools {
        /** When set, only these tools are registered. */
        Optional<List<String>> allow();

        /** These tools are never registered. */
        Optional<List<String>> deny();
    }

    interface Limits {
        /** Longest a tool call may run before it is cancelled. */
        @WithDefault("30s")
        Duration timeout();

        /** Most items (entries, lines, matches, rows) a result may hold. */
        @WithDefault("1000")
        int maxItems();

        /** Most bytes of data a result may hold. */
        @WithDefault("1048576")
        long maxBytes();
    }

    interface Audit {
        /** Append audit lines to this file instead of stderr. */
        Optional<Path> file();
    }

    interface Approval {
        /** How a write is confirmed before it runs. */
        @WithDefault("elicit")
        ApprovalMode mode();
    }

    interface Http {
        /** Address the HTTP transport binds. */
        @WithDefault("127.0.0.1")
        String host();

        /** Port the HTTP transport listens on. */
        @WithDefault("8080")
        int port();

        /** Browser origins allowed to call the endpoint; a request with any other Origin gets 403. */
        Optional<List<String>> allowedOrigins();
    }
}
