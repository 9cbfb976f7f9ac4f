package io.mcpconnectors.conformance;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.toolNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.junit.QuarkusTest;

/** The fixture answers what the conformance suite asks for; the suite itself runs with conformance/run.sh. */
@QuarkusTest
class FixtureTest extends McpClientTest {

    @Test
    void exposesTheFixtureTools() {
        assertEquals(List.of("test_audio_content", "test_embedded_resource", "test_error_handling", "test_image_content",
                "test_multiple_content_types", "test_simple_text"), toolNames(client));
        var image = call(client, "test_image_content", Map.of());
        assertTrue(image.content().stream().anyMatch(c -> c.type().name().equals("IMAGE")), image.content().toString());
        assertEquals("This tool intentionally returns an error for testing",
                error(call(client, "test_error_handling", Map.of())));
    }

    @Test
    void servesTheFixtureResources() {
        AtomicReference<String> text = new AtomicReference<>();
        client.when().resourcesRead("test://static-text", r -> text.set(r.contents().get(0).asText().text()))
                .thenAssertResults();
        assertEquals("This is the content of the static text resource.", text.get());
        client.when().resourcesRead("test://template/123/data", r -> text.set(r.contents().get(0).asText().text()))
                .thenAssertResults();
        assertTrue(text.get().contains("\"id\":\"123\""), text.get());
    }
}
