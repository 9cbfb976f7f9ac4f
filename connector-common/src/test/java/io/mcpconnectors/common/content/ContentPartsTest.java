package io.mcpconnectors.common.content;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.mcpconnectors.common.testkit.TestkitConnector;
import io.quarkiverse.mcp.server.Content;
import io.quarkiverse.mcp.server.PromptResponse;
import io.quarkiverse.mcp.server.Role;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A tool's content parts (text, image, embedded resource, link) reach the client in the tool's order, and a
 * prompt's messages carry embedded resources; the connector's secrets are scrubbed from embedded text and binary
 * content holding one is withheld, as for every other result.
 */
@QuarkusTest
class ContentPartsTest extends McpClientTest {

    @Test
    void mixedContentKeepsTheToolsOrderAndTheStructuredContent() {
        ToolResponse response = call(client, "echo", Map.of("text", "mixed"));
        assertEquals(List.of(Content.Type.TEXT, Content.Type.IMAGE, Content.Type.RESOURCE, Content.Type.RESOURCE_LINK),
                response.content().stream().map(Content::type).toList());
        assertEquals("first", response.content().get(0).asText().text());
        assertEquals("image/png", response.content().get(1).asImage().mimeType());
        assertEquals("testkit://notes/1", response.content().get(2).asResource().resource().asText().uri());
        assertEquals("testkit://notes/2", response.content().get(3).asResourceLink().uri());
        assertEquals("mixed", ok(response).getString("text"));
    }

    @Test
    void embeddedTextIsScrubbedOfTheConnectorsCredential() {
        String text = call(client, "echo", Map.of("text", "mixed")).content().get(2).asResource().resource().asText()
                .text();
        assertFalse(text.contains(TestkitConnector.API_KEY), text);
        assertTrue(text.startsWith("note quoting key "), text);
    }

    @Test
    void anEmbeddedBlobHoldingTheCredentialIsWithheldWhole() {
        String message = error(call(client, "echo", Map.of("text", "relay-embedded-blob")));
        assertTrue(message.startsWith("Not returned: echo's embedded resource testkit://config.bin is binary content"
                + " that holds a credential"), message);
    }

    @Test
    void promptMessagesCarryEmbeddedResourcesScrubbedAndTheirRoles() {
        AtomicReference<PromptResponse> prompt = new AtomicReference<>();
        client.when().promptsGet("review_note", Map.of("note", "7"), prompt::set).thenAssertResults();
        var messages = prompt.get().messages();
        assertEquals(List.of(Role.USER, Role.ASSISTANT, Role.USER), messages.stream().map(m -> m.role()).toList());
        var resource = messages.get(0).content().asResource().resource();
        assertEquals("testkit://notes/7", resource.asText().uri());
        assertFalse(resource.asText().text().contains(TestkitConnector.API_KEY), resource.asText().text());
        assertEquals("Review the note above.", messages.get(2).content().asText().text());
    }
}
