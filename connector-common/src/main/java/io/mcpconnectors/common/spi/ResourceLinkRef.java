package io.mcpconnectors.common.spi;

/**
 * A link to a resource the client can read with resources/read, returned instead of content that is too large or
 * not text (MCP {@code resource_link} content).
 *
 * @param uri the resource URI
 * @param name a short name (a file name, say)
 * @param mimeType its media type, or null
 * @param size its size in bytes, or null when unknown
 */
public record ResourceLinkRef(String uri, String name, String mimeType, Long size) implements ContentPart {
}
