package io.mcpconnectors.common.spi;

/**
 * Binary content a tool returns beside its structured result.
 *
 * @param kind image or audio
 * @param mimeType its media type
 * @param data the bytes
 */
public record Media(Kind kind, String mimeType, byte[] data) {

    public enum Kind {
        IMAGE,
        AUDIO
    }
}
