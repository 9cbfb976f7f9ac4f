package io.mcpconnectors.conformance;

import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.mcpconnectors.common.spi.ChatMessage;
import io.mcpconnectors.common.spi.ConnectorPrompt;
import io.mcpconnectors.common.spi.ContentPart;
import io.mcpconnectors.common.spi.EmbeddedResource;
import io.mcpconnectors.common.spi.PromptSpec;

/** The fixture prompts: text with arguments, an embedded resource, an image. */
final class FixturePrompts {

    private FixturePrompts() {
    }

    @Singleton
    public static class SimplePrompt implements ConnectorPrompt {
        public PromptSpec spec() {
            return new PromptSpec("test_simple_prompt", "Simple prompt", "A simple prompt without arguments.",
                    List.of());
        }

        public String render(Map<String, String> arguments) {
            return "This is a simple prompt for testing.";
        }
    }

    @Singleton
    public static class PromptWithArguments implements ConnectorPrompt {
        public PromptSpec spec() {
            return new PromptSpec("test_prompt_with_arguments", "Prompt with arguments", "A prompt with two arguments.",
                    List.of(new PromptSpec.Argument("arg1", "First test argument", true),
                            new PromptSpec.Argument("arg2", "Second test argument", true)));
        }

        public String render(Map<String, String> arguments) {
            return "Prompt with arguments: arg1='" + arguments.get("arg1") + "', arg2='" + arguments.get("arg2") + "'";
        }
    }

    @Singleton
    public static class PromptWithEmbeddedResource implements ConnectorPrompt {
        public PromptSpec spec() {
            return new PromptSpec("test_prompt_with_embedded_resource", "Prompt with embedded resource",
                    "A prompt that embeds a resource.", List.of(new PromptSpec.Argument("resourceUri",
                            "URI of the resource to embed", true)));
        }

        @Override
        public List<ChatMessage> messages(Map<String, String> arguments) {
            return List.of(ChatMessage.user(EmbeddedResource.text(arguments.get("resourceUri"), "text/plain",
                    "Embedded resource content for testing.")),
                    ChatMessage.user("Please process the embedded resource above."));
        }
    }

    @Singleton
    public static class PromptWithImage implements ConnectorPrompt {
        public PromptSpec spec() {
            return new PromptSpec("test_prompt_with_image", "Prompt with image", "A prompt that shows an image.",
                    List.of());
        }

        @Override
        public List<ChatMessage> messages(Map<String, String> arguments) {
            return List.of(ChatMessage.user(ContentPart.image("image/png", FixtureTools.PNG)),
                    ChatMessage.user("Please analyze the image above."));
        }
    }
}
