package io.mcpconnectors.conformance;

import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.mcpconnectors.common.spi.ConnectorPrompt;
import io.mcpconnectors.common.spi.PromptSpec;

/** The fixture prompts the SPI can express (text messages with arguments). */
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
}
