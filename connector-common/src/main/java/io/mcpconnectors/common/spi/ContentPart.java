package io.mcpconnectors.common.spi;

/**
 * One piece of what a tool result or a prompt message shows: text, an image or audio ({@link Media}), a link to a
 * resource ({@link ResourceLinkRef}) or a resource embedded whole ({@link EmbeddedResource}). The runtime turns
 * each into its MCP content, in the order given, and scrubs the connector's secrets from every one.
 */
public sealed interface ContentPart permits ContentPart.Text, Media, ResourceLinkRef, EmbeddedResource {

    /** Plain text. */
    record Text(String text) implements ContentPart {
        public Text {
            if (text == null) {
                throw new IllegalArgumentException("text must not be null");
            }
        }
    }

    static ContentPart text(String text) {
        return new Text(text);
    }

    static ContentPart image(String mimeType, byte[] data) {
        return new Media(Media.Kind.IMAGE, mimeType, data);
    }

    static ContentPart audio(String mimeType, byte[] data) {
        return new Media(Media.Kind.AUDIO, mimeType, data);
    }
}
