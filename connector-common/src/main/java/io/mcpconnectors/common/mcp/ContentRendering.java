package io.mcpconnectors.common.mcp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.spi.ContentPart;
import io.mcpconnectors.common.spi.EmbeddedResource;
import io.mcpconnectors.common.spi.Media;
import io.mcpconnectors.common.spi.ResourceLinkRef;
import io.quarkiverse.mcp.server.AudioContent;
import io.quarkiverse.mcp.server.BlobResourceContents;
import io.quarkiverse.mcp.server.Content;
import io.quarkiverse.mcp.server.ImageContent;
import io.quarkiverse.mcp.server.ResourceLink;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.TextResourceContents;

/**
 * Turns the connector's content parts into MCP content, with the connector's secrets scrubbed from every text
 * (embedded resource text and URIs included); binary content that holds a secret cannot be scrubbed without
 * corrupting it, so it is reported ({@link #secretIn}) and the caller withholds it.
 */
final class ContentRendering {

    private ContentRendering() {
    }

    /** What binary content of this part holds one of the connector's secrets, as "its image/png content", or null. */
    static String secretIn(ContentPart part, KnownSecrets secrets) {
        if (part instanceof Media media && secrets.appearIn(media.data())) {
            return media.mimeType() + " content";
        }
        if (part instanceof EmbeddedResource resource && resource.body().bytes() != null
                && secrets.appearIn(resource.body().bytes())) {
            return "embedded resource " + secrets.scrub(resource.uri());
        }
        return null;
    }

    /** The bytes this part adds to a result, for the byte cap. */
    static long bytes(ContentPart part) {
        if (part instanceof ContentPart.Text text) {
            return text.text().getBytes(StandardCharsets.UTF_8).length;
        } else if (part instanceof Media media) {
            return media.data().length;
        } else if (part instanceof EmbeddedResource resource) {
            return resource.body().bytes() != null ? resource.body().bytes().length
                    : resource.body().text().getBytes(StandardCharsets.UTF_8).length;
        }
        return 0;
    }

    /** The MCP content of a part whose binary content was checked with {@link #secretIn}. */
    static Content render(ContentPart part, KnownSecrets secrets) {
        if (part instanceof ContentPart.Text text) {
            return new TextContent(secrets.scrub(text.text()));
        } else if (part instanceof Media media) {
            String data = Base64.getEncoder().encodeToString(media.data());
            return media.kind() == Media.Kind.IMAGE ? new ImageContent(data, media.mimeType())
                    : new AudioContent(data, media.mimeType());
        } else if (part instanceof EmbeddedResource resource) {
            String uri = secrets.scrub(resource.uri());
            return new io.quarkiverse.mcp.server.EmbeddedResource(resource.body().text() != null
                    ? new TextResourceContents(uri, secrets.scrub(resource.body().text()), resource.body().mimeType())
                    : new BlobResourceContents(uri, Base64.getEncoder().encodeToString(resource.body().bytes()),
                            resource.body().mimeType()));
        }
        return link((ResourceLinkRef) part);
    }

    static ResourceLink link(ResourceLinkRef link) {
        return new ResourceLink(link.uri(), link.mimeType(), link.name(), null, null,
                link.size() == null ? null : (int) Math.min(Integer.MAX_VALUE, link.size()), null, null);
    }
}
