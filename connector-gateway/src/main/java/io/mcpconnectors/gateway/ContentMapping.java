package io.mcpconnectors.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.modelcontextprotocol.spec.McpSchema;
import io.quarkiverse.mcp.server.AudioContent;
import io.quarkiverse.mcp.server.BlobResourceContents;
import io.quarkiverse.mcp.server.Content;
import io.quarkiverse.mcp.server.EmbeddedResource;
import io.quarkiverse.mcp.server.ImageContent;
import io.quarkiverse.mcp.server.ResourceContents;
import io.quarkiverse.mcp.server.ResourceLink;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.TextResourceContents;

/**
 * Carries an upstream's content items to the downstream answer unchanged in kind and data: text, image, audio,
 * resource links and embedded resources (text or binary).
 */
final class ContentMapping {

    private ContentMapping() {
    }

    static List<Content> contents(List<McpSchema.Content> items) {
        List<Content> mapped = new ArrayList<>();
        if (items != null) {
            for (McpSchema.Content item : items) {
                mapped.add(content(item));
            }
        }
        return mapped;
    }

    static Content content(McpSchema.Content item) {
        if (item instanceof McpSchema.TextContent text) {
            return new TextContent(text.text());
        }
        if (item instanceof McpSchema.ImageContent image) {
            return new ImageContent(image.data(), image.mimeType());
        }
        if (item instanceof McpSchema.AudioContent audio) {
            return new AudioContent(audio.data(), audio.mimeType());
        }
        if (item instanceof McpSchema.ResourceLink link) {
            return new ResourceLink(link.uri(), link.mimeType(), link.name(), link.title(), link.description(),
                    link.size() == null ? null : (int) Math.min(Integer.MAX_VALUE, link.size()), null, null);
        }
        if (item instanceof McpSchema.EmbeddedResource embedded) {
            return new EmbeddedResource(resource(embedded.resource()));
        }
        throw new IllegalArgumentException("unknown content type " + item.type());
    }

    static ResourceContents resource(McpSchema.ResourceContents contents) {
        if (contents instanceof McpSchema.TextResourceContents text) {
            return new TextResourceContents(text.uri(), text.text(), text.mimeType());
        }
        if (contents instanceof McpSchema.BlobResourceContents blob) {
            return new BlobResourceContents(blob.uri(), blob.blob(), blob.mimeType());
        }
        throw new IllegalArgumentException("unknown resource contents " + contents.getClass().getSimpleName());
    }

    /** The bytes of text an answer carries, for the audit record. */
    static long textBytes(List<McpSchema.Content> items) {
        long bytes = 0;
        if (items != null) {
            for (McpSchema.Content item : items) {
                if (item instanceof McpSchema.TextContent text && text.text() != null) {
                    bytes += text.text().getBytes(StandardCharsets.UTF_8).length;
                }
            }
        }
        return bytes;
    }
}
