package io.mcpconnectors.common.spi;

/**
 * What a tool can do to the data source. The runtime derives the MCP tool annotations and the
 * registration decision from this class alone, so a connector cannot mislabel one tool.
 */
public enum ToolAccess {
    /** Reads only; always registered. */
    READ,
    /** Changes data; registered only when writes are enabled, and passes the approval gate. */
    WRITE,
    /** Changes structure or permissions; registered only when writes are enabled, and passes the approval gate. */
    ADMIN;

    public boolean changesData() {
        return this != READ;
    }
}
