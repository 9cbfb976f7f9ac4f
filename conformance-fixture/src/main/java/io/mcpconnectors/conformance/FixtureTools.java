package io.mcpconnectors.conformance;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.Media;
import io.mcpconnectors.common.spi.ResourceLinkRef;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;

/** The fixture tools the conformance suite calls by name, built only from what the connector SPI offers. */
final class FixtureTools {

    /** A 1x1 transparent PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    /** A minimal WAV file (44-byte header, no samples). */
    static final byte[] WAV = Base64.getDecoder().decode(
            "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA=");

    private FixtureTools() {
    }

    static ToolSpec spec(String name, String description) {
        return new ToolSpec(name, name, description, ToolAccess.READ, List.of(), Map.of());
    }

    @Singleton
    public static class SimpleText implements ConnectorTool {
        public ToolSpec spec() {
            return FixtureTools.spec("test_simple_text", "Returns simple text content.");
        }

        public ToolResult call(ToolCall call) {
            return ToolResult.of(Map.of("text", "This is a simple text response for testing."), 1);
        }
    }

    @Singleton
    public static class ImageContent implements ConnectorTool {
        public ToolSpec spec() {
            return FixtureTools.spec("test_image_content", "Returns image content.");
        }

        public ToolResult call(ToolCall call) {
            return new ToolResult(Map.of("image", "image/png"), 1, null, List.of(new Media(Media.Kind.IMAGE, "image/png",
                    PNG)));
        }
    }

    @Singleton
    public static class AudioContent implements ConnectorTool {
        public ToolSpec spec() {
            return FixtureTools.spec("test_audio_content", "Returns audio content.");
        }

        public ToolResult call(ToolCall call) {
            return new ToolResult(Map.of("audio", "audio/wav"), 1, null, List.of(new Media(Media.Kind.AUDIO, "audio/wav",
                    WAV)));
        }
    }

    @Singleton
    public static class EmbeddedResource implements ConnectorTool {
        public ToolSpec spec() {
            return FixtureTools.spec("test_embedded_resource", "Returns a resource (as a resource link).");
        }

        public ToolResult call(ToolCall call) {
            return ToolResult.of(Map.of("resource", "test://embedded-resource"), 1)
                    .withLink(new ResourceLinkRef("test://static-text", "static-text", "text/plain", null));
        }
    }

    @Singleton
    public static class MixedContent implements ConnectorTool {
        public ToolSpec spec() {
            return FixtureTools.spec("test_multiple_content_types", "Returns text, image and a resource link.");
        }

        public ToolResult call(ToolCall call) {
            return new ToolResult(Map.of("text", "Multiple content types test:"), 2, null,
                    List.of(new Media(Media.Kind.IMAGE, "image/png", PNG)))
                    .withLink(new ResourceLinkRef("test://static-text", "static-text", "text/plain", null));
        }
    }

    @Singleton
    public static class ErrorHandling implements ConnectorTool {
        public ToolSpec spec() {
            return FixtureTools.spec("test_error_handling", "Always fails with a tool error.");
        }

        public ToolResult call(ToolCall call) {
            throw new ToolCallException("This tool intentionally returns an error for testing");
        }
    }
}
