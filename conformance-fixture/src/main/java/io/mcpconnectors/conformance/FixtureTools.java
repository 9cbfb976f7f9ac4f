package io.mcpconnectors.conformance;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Singleton;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ArgSchema;
import io.mcpconnectors.common.spi.ArgSpec;
import io.mcpconnectors.common.spi.CallReport;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ContentPart;
import io.mcpconnectors.common.spi.ElicitField;
import io.mcpconnectors.common.spi.Elicited;
import io.mcpconnectors.common.spi.EmbeddedResource;
import io.mcpconnectors.common.spi.Media;
import io.mcpconnectors.common.spi.SampleRequest;
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
    public static class EmbeddedResourceTool implements ConnectorTool {
        public ToolSpec spec() {
            return FixtureTools.spec("test_embedded_resource", "Returns an embedded resource.");
        }

        public ToolResult call(ToolCall call) {
            return ToolResult.of(Map.of("resource", "test://embedded-resource"), 1).withContent(EmbeddedResource.text(
                    "test://embedded-resource", "text/plain", "This is an embedded resource content."));
        }
    }

    @Singleton
    public static class MixedContent implements ConnectorTool {
        public ToolSpec spec() {
            return FixtureTools.spec("test_multiple_content_types", "Returns text, an image and an embedded resource.");
        }

        public ToolResult call(ToolCall call) {
            return ToolResult.of(Map.of("text", "Multiple content types test:"), 3).withContent(
                    ContentPart.text("Multiple content types test:"), ContentPart.image("image/png", PNG),
                    EmbeddedResource.text("test://mixed-content-resource", "application/json",
                            "{\"test\":\"data\",\"value\":123}"));
        }
    }

    @Singleton
    public static class Logging implements ConnectorTool {
        public ToolSpec spec() {
            return FixtureTools.spec("test_tool_with_logging", "Sends three log messages while it runs.");
        }

        public ToolResult call(ToolCall call) throws InterruptedException {
            call.report().log(CallReport.Level.INFO, "Tool execution started");
            Thread.sleep(50);
            call.report().log(CallReport.Level.INFO, "Tool processing data");
            Thread.sleep(50);
            call.report().log(CallReport.Level.INFO, "Tool execution completed");
            return ToolResult.of(Map.of("text", "Tool with logging executed successfully"), 1);
        }
    }

    @Singleton
    public static class Progress implements ConnectorTool {
        public ToolSpec spec() {
            return FixtureTools.spec("test_tool_with_progress", "Reports progress 0, 50 and 100 of 100.");
        }

        public ToolResult call(ToolCall call) throws InterruptedException {
            // Reports closer than a tenth of a second apart are merged by the runtime.
            call.report().progress(0, 100, null);
            Thread.sleep(120);
            call.report().progress(50, 100, null);
            Thread.sleep(120);
            call.report().progress(100, 100, null);
            return ToolResult.of(Map.of("text", "Tool with progress executed successfully"), 1);
        }
    }

    @Singleton
    public static class SamplingTool implements ConnectorTool {
        private static final Arg<String> PROMPT = Arg.string("prompt", "The prompt to send to the LLM").required();

        public ToolSpec spec() {
            return new ToolSpec("test_sampling", "test_sampling", "Asks the client's model to answer a prompt.",
                    ToolAccess.READ, List.of(PROMPT.spec()),
                    Map.of());
        }

        public ToolResult call(ToolCall call) {
            String answer = call.client().sample(SampleRequest.of(call.get(PROMPT), 100));
            return ToolResult.of(Map.of("text", "LLM response: " + answer), 1).withText("LLM response: " + answer);
        }
    }

    @Singleton
    public static class ElicitationTool implements ConnectorTool {
        private static final Arg<String> MESSAGE = Arg.string("message", "The message to show the user").required();

        public ToolSpec spec() {
            return new ToolSpec("test_elicitation", "test_elicitation", "Asks the user for a name and an email.",
                    ToolAccess.READ, List.of(MESSAGE.spec()),
                    Map.of());
        }

        public ToolResult call(ToolCall call) {
            Elicited answer = call.client().elicit(call.get(MESSAGE), List.of(
                    ElicitField.string("username", "User's response").asRequired(),
                    ElicitField.string("email", "User's email address").asRequired()));
            return answered("User response: ", answer);
        }
    }

    @Singleton
    public static class ElicitationDefaults implements ConnectorTool {
        public ToolSpec spec() {
            return FixtureTools.spec("test_elicitation_sep1034_defaults", "Asks with a default for every field.");
        }

        public ToolResult call(ToolCall call) {
            Elicited answer = call.client().elicit("Please review and update the form fields with defaults", List.of(
                    ElicitField.string("name", "User name").withDefault("John Doe"),
                    ElicitField.integer("age", "User age").withDefault(30),
                    ElicitField.number("score", "User score").withDefault(95.5),
                    ElicitField.choice("status", "User status", List.of("active", "inactive", "pending"), null)
                            .withDefault("active"),
                    ElicitField.bool("verified", "Verification status").withDefault(true)));
            return answered("Elicitation completed: ", answer);
        }
    }

    @Singleton
    public static class ElicitationEnums implements ConnectorTool {
        public ToolSpec spec() {
            return FixtureTools.spec("test_elicitation_sep1330_enums", "Asks with every kind of choice.");
        }

        public ToolResult call(ToolCall call) {
            Elicited answer = call.client().elicit("Please select options from the enum fields", List.of(
                    ElicitField.choice("untitledSingle", "Select one option",
                            List.of("option1", "option2", "option3"), null),
                    ElicitField.choice("titledSingle", "Select one titled option", List.of("value1", "value2",
                            "value3"), List.of("First Option", "Second Option", "Third Option")),
                    ElicitField.legacyChoice("legacyEnum", "Select one (legacy)", List.of("opt1", "opt2", "opt3"),
                            List.of("Option One", "Option Two", "Option Three")),
                    ElicitField.choices("untitledMulti", "Select several options",
                            List.of("option1", "option2", "option3"), null),
                    ElicitField.choices("titledMulti", "Select several titled options", List.of("value1", "value2",
                            "value3"), List.of("First Choice", "Second Choice", "Third Choice"))));
            return answered("Elicitation completed: ", answer);
        }
    }

    static ToolResult answered(String prefix, Elicited answer) {
        String text = prefix + "action=" + answer.action().name().toLowerCase(Locale.ROOT) + ", content="
                + answer.values();
        return ToolResult.of(Map.of("action", answer.action().name().toLowerCase(Locale.ROOT), "content",
                answer.values()), 1).withText(text);
    }

    @Singleton
    public static class JsonSchema202012 implements ConnectorTool {
        public ToolSpec spec() {
            return new ToolSpec("json_schema_2020_12_tool", "json_schema_2020_12_tool",
                    "Tool with JSON Schema 2020-12 features", ToolAccess.READ,
                    List.of(ArgSpec.shaped("name", false, "a name", ArgSchema.string()),
                            ArgSpec.shaped("address", false, "an address", ArgSchema.object()
                                    .withProperty("street", ArgSchema.string(), false)
                                    .withProperty("city", ArgSchema.string(), false).definedAs("address"))),
                    Map.of());
        }

        public ToolResult call(ToolCall call) {
            return ToolResult.of(Map.of("arguments", call.arguments().asMap()), 1);
        }
    }

    /**
     * The tool the suite's SSE polling scenario calls (SEP-1699). The suite reads the answer's event stream for a
     * priming event and a retry field and, when the server closes the stream mid-call, resumes with Last-Event-ID.
     */
    @Singleton
    public static class Reconnection implements ConnectorTool {
        public ToolSpec spec() {
            return FixtureTools.spec("test_reconnection", "Answers on an event stream after a short wait.");
        }

        public ToolResult call(ToolCall call) throws InterruptedException {
            call.report().log(CallReport.Level.INFO, "Reconnection test started");
            Thread.sleep(100);
            return ToolResult.of(Map.of("text", "Reconnection test completed"), 1);
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
