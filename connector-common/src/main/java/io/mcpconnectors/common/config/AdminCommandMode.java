package io.mcpconnectors.common.config;

/**
 * Whether this process runs an admin command ({@code approvals ...}, {@code audit verify}) instead of serving MCP.
 * The launcher sets the system property before the application starts; the transports and the tool registration
 * then stay off, so the command neither opens a port nor reaches the data source.
 */
public final class AdminCommandMode {

    static final String PROPERTY = "mcpconnectors.admin-command";

    private AdminCommandMode() {
    }

    public static boolean active() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Whether these command-line arguments name an admin command. */
    public static boolean isAdminCommand(String... args) {
        return args.length > 0 && (args[0].equals("approvals") || args[0].equals("audit"));
    }
}
