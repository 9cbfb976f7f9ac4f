package io.mcpconnectors.common.spi;

/**
 * A root the MCP client offered for this session.
 *
 * @param name its display name, may be null
 * @param uri its URI, e.g. {@code file:///home/me/project}
 */
public record ClientRoot(String name, String uri) {
}
