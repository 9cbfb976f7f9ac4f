package io.mcpconnectors.common.testkit;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.ChatMessage;
import io.mcpconnectors.common.spi.ConnectorPrompt;
import io.mcpconnectors.common.spi.EmbeddedResource;
import io.mcpconnectors.common.spi.PromptSpec;

/** A prompt that embeds a resource whose text quotes the connector's credential, as source data might. */
@ApplicationScoped
public class TestkitPrompts implements ConnectorPrompt {

    @Override
    public PromptSpec spec() {
        return new PromptSpec("review_note", "Review a note", "Embeds a note and asks for a review.",
                List.of(new PromptSpec.Argument("note", "the note's id", true)));
    }

    @Override
    public List<ChatMessage> messages(Map<String, String> arguments) {
        return List.of(ChatMessage.user(EmbeddedResource.text("testkit://notes/" + arguments.get("note"),
                "text/plain", "note quoting key " + TestkitConnector.API_KEY)),
                ChatMessage.assistant("I have read the note."),
                ChatMessage.user("Review the note above."));
    }
}
