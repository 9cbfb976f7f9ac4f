package io.mcpconnectors.common.spi;

import java.util.List;

/**
 * A request for a completion from the host's model.
 *
 * @param messages the conversation so far (text, image or audio; not embedded resources)
 * @param systemPrompt the system prompt, or null
 * @param maxTokens the most tokens the answer may hold
 */
public record SampleRequest(List<ChatMessage> messages, String systemPrompt, int maxTokens) {

    public SampleRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty() || maxTokens < 1) {
            throw new IllegalArgumentException("a sampling request needs a message and a positive token limit");
        }
        if (messages.stream().anyMatch(m -> m.content() instanceof EmbeddedResource
                || m.content() instanceof ResourceLinkRef)) {
            throw new IllegalArgumentException("sampling messages hold text, images or audio only");
        }
    }

    /** One user message of text. */
    public static SampleRequest of(String prompt, int maxTokens) {
        return new SampleRequest(List.of(ChatMessage.user(prompt)), null, maxTokens);
    }

    public SampleRequest withSystemPrompt(String system) {
        return new SampleRequest(messages, system, maxTokens);
    }
}
