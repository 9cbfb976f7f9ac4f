package io.mcpconnectors.common.spi;

/**
 * A resource returned whole inside a result or a prompt (MCP {@code resource} content), for content small enough
 * to send at once that the client should see with its URI and media type (a file, a schema, a record as JSON).
 * Text is scrubbed of the connector's secrets like any text; bytes that hold one are withheld.
 *
 * @param uri the resource URI
 * @param body its media type and its text or bytes
 */
public record EmbeddedResource(String uri, ResourceBody body) implements ContentPart {

    public EmbeddedResource {
        if (uri == null || body == null || (body.text() == null) == (body.bytes() == null)) {
            throw new IllegalArgumentException("an embedded resource needs a URI and either text or bytes");
        }
    }

    public static EmbeddedResource text(String uri, String mimeType, String text) {
        return new EmbeddedResource(uri, ResourceBody.text(mimeType, text));
    }

    public static EmbeddedResource binary(String uri, String mimeType, byte[] bytes) {
        return new EmbeddedResource(uri, ResourceBody.binary(mimeType, bytes));
    }
}
