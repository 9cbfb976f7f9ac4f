package io.mcpconnectors.common.spi;

/**
 * What a resource read returns: text or bytes.
 *
 * @param mimeType the media type
 * @param text the text, when textual (else null)
 * @param bytes the bytes, when binary (else null)
 */
public record ResourceBody(String mimeType, String text, byte[] bytes) {

    public static ResourceBody text(String mimeType, String text) {
        return new ResourceBody(mimeType, text, null);
    }

    public static ResourceBody binary(String mimeType, byte[] bytes) {
        return new ResourceBody(mimeType, null, bytes);
    }
}
