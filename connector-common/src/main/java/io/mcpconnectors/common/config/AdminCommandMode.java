package io.mcpconnectors.common.config;

/**
 * Whether this process runs a command ({@code approvals ...}, {@code audit verify}, {@code manifest}) instead of
 * serving MCP. The launcher sets the system property before the application starts; the transports then stay off,
 * and nothing reaches the data source. For {@code manifest} the tools, resources and prompts are still registered
 * (that is what the command prints); for the others nothing is.
 */
public final class AdminCommandMode {

    public static final String PROPERTY = "mcpconnectors.admin-command";
    public static final String MANIFEST = "manifest";

    private AdminCommandMode() {
    }

    /** Whether a command runs instead of the MCP server. */
    public static boolean active() {
        String value = System.getProperty(PROPERTY);
        return "true".equals(value) || MANIFEST.equals(value);
    }

    /** Whether the command is {@code manifest}: registrations happen, nothing else does. */
    public static boolean manifest() {
        return MANIFEST.equals(System.getProperty(PROPERTY));
    }

    /** Whether registration of tools, resources and prompts is skipped (a command other than manifest). */
    public static boolean skipsRegistration() {
        return active() && !manifest();
    }

    /** Whether these command-line arguments name an admin command. */
    public static boolean isAdminCommand(String... args) {
        return args.length > 0 && (args[0].equals("approvals") || args[0].equals("audit"));
    }

    /** Whether these command-line arguments ask for the manifest. */
    public static boolean isManifestCommand(String... args) {
        return args.length > 0 && args[0].equals(MANIFEST);
    }
}
