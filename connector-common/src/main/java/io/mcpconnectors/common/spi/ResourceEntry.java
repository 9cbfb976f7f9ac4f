package io.mcpconnectors.common.spi;

/**
 * One concrete resource a connector lists (MCP {@code resources/list}).
 *
 * @param uri the address a read takes, one of the connector's templates filled in
 * @param name short name, unique within the listing (a table's qualified name, a file's path)
 * @param title human title, or null
 * @param description what the resource holds, or null
 * @param mimeType media type of what a read returns, or null when it depends on the content
 * @param size size in bytes where it is known without extra work, else null
 */
public record ResourceEntry(String uri, String name, String title, String description, String mimeType, Long size) {

    public ResourceEntry {
        if (uri == null || uri.isEmpty() || name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a listed resource needs a uri and a name");
        }
    }
}
