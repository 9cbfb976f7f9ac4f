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
 * (embedded resource text, URIs, names and media types included: a source can put a credential in any of them);
 * binary content that holds a secret cannot be scrubbed without corrupting it, so it is reported
 * ({@link #secretIn}) and the caller withholds it.
 */
final class ContentRendering {

    private ContentRendering() {
    }

    /** What binary content of this part holds one of the connector's secrets, as "its image/png content", or null. */
    static String secretIn(ContentPart part, KnownSecrets secrets) {
        if (part instanceof Media media && secrets.appearIn(media.data())) {
            return secrets.scrub(media.mimeType()) + " content";
        }
        if (part instanceof EmbeddedResource resource && resource.body().bytes() != null
                && secrets.appearIn(resource.body().bytes())) {
            return "embedded resource " + secrets.scrub(resource.uri());
        }
        return null;
    }

    /**
     * The bytes this part adds to a result, for the byte cap: its content and what describes it (URI, name, media
     * type), which a source can make as large as the content.
     */
    static long bytes(ContentPart part) {
        if (part instanceof ContentPart.Text text) {
            return utf8(text.text());
        } else if (part instanceof Media media) {
            return media.data().length + utf8(media.mimeType());
        } else if (part instanceof EmbeddedResource resource) {
            return (resource.body().bytes() != null ? resource.body().bytes().length : utf8(resource.body().text()))
                    + utf8(resource.uri()) + utf8(resource.body().mimeType());
        } else if (part instanceof ResourceLinkRef link) {
            return utf8(link.uri()) + utf8(link.name()) + utf8(link.mimeType());
        }
        return 0;
    }

    private static long utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The MCP content of a part whose binary content was checked with {@link #secretIn}. */
    static Content render(ContentPart part, KnownSecrets secrets) {
        if (part instanceof ContentPart.Text text) {
            return new TextContent(secrets.scrub(text.text()));
        } else if (part instanceof Media media) {
            String data = Base64.getEncoder().encodeToString(media.data());
            String mimeType = secrets.scrub(media.mimeType());
            return media.kind() == Media.Kind.IMAGE ? new ImageContent(data, mimeType)
                    : new AudioContent(data, mimeType);
        } else if (part instanceof EmbeddedResource resource) {
            String uri = secrets.scrub(resource.uri());
            String mimeType = secrets.scrub(resource.body().mimeType());
            return new io.quarkiverse.mcp.server.EmbeddedResource(resource.body().text() != null
                    ? new TextResourceContents(uri, secrets.scrub(resource.body().text()), mimeType)
                    : new BlobResourceContents(uri, Base64.getEncoder().encodeToString(resource.body().bytes()),
                            mimeType));
        }
        return link((ResourceLinkRef) part, secrets);
    }

    static ResourceLink link(ResourceLinkRef link, KnownSecrets secrets) {
        return new ResourceLink(secrets.scrub(link.uri()), secrets.scrub(link.mimeType()), secrets.scrub(link.name()),
                null, null, link.size() == null ? null : (int) Math.min(Integer.MAX_VALUE, link.size()), null, null);
    }
}
