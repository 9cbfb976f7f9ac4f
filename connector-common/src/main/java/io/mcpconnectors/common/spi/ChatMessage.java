package io.mcpconnectors.common.spi;

/**
 * One message of a prompt or of a sampling request: who speaks, and one content part.
 *
 * @param role the speaker
 * @param content what is said or shown
 */
public record ChatMessage(Role role, ContentPart content) {

    /** Who speaks a message. */
    public enum Role {
        USER,
        ASSISTANT
    }

    public ChatMessage {
        if (role == null || content == null) {
            throw new IllegalArgumentException("a message needs a role and content");
        }
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(Role.USER, ContentPart.text(text));
    }

    public static ChatMessage user(ContentPart content) {
        return new ChatMessage(Role.USER, content);
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, ContentPart.text(text));
    }
}
