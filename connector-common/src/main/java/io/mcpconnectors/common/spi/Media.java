package io.mcpconnectors.common.spi;

/**
 * Binary content a tool returns beside its structured result, or a part of its content ({@link ContentPart}).
 *
 * @param kind image or audio
 * @param mimeType its media type
 * @param data the bytes
 */
public record Media(Kind kind, String mimeType, byte[] data) implements ContentPart {

    public enum Kind {
        IMAGE,
        AUDIO
    }
}
