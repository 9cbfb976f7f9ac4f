package io.mcpconnectors.conformance;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.callExpectingInvalidArguments;
import static io.mcpconnectors.common.test.McpCalls.callExpectingProtocolError;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.toolNames;
import static io.mcpconnectors.common.test.McpCalls.tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkiverse.mcp.server.ClientCapability;
import io.quarkiverse.mcp.server.Content;
import io.quarkiverse.mcp.server.PromptResponse;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** The fixture answers what the conformance suite asks for; the suite itself runs with conformance/run.sh. */
@QuarkusTest
class FixtureTest extends McpClientTest {

    @Test
    void exposesTheFixtureTools() {
        assertEquals(List.of("json_schema_2020_12_tool", "test_audio_content", "test_elicitation",
                "test_elicitation_sep1034_defaults", "test_elicitation_sep1330_enums", "test_embedded_resource",
                "test_error_handling", "test_image_content", "test_multiple_content_types", "test_reconnection", "test_sampling",
                "test_simple_text", "test_tool_with_logging", "test_tool_with_progress"), toolNames(client));
        var image = call(client, "test_image_content", Map.of());
        assertTrue(image.content().stream().anyMatch(c -> c.type().name().equals("IMAGE")), image.content().toString());
        assertEquals("This tool intentionally returns an error for testing",
                error(call(client, "test_error_handling", Map.of())));
    }

    /**
     * MCP 2025-11-25 (SEP-1303): arguments that do not fit the input schema are a tool execution error the model can
     * read and correct, not a JSON-RPC error; a tool that does not exist stays a protocol error.
     */
    @Test
    void argumentsThatDoNotFitTheSchemaAreAToolErrorAndAnUnknownToolAProtocolError() {
        String nested = callExpectingInvalidArguments(client, "json_schema_2020_12_tool",
                Map.of("address", Map.of("street", 5)));
        assertEquals("Invalid arguments for tool json_schema_2020_12_tool: argument 'address.street' must be a"
                + " string, got a number", nested);
        String unknown = callExpectingInvalidArguments(client, "json_schema_2020_12_tool", Map.of("nmae", "x"));
        assertEquals("Invalid arguments for tool json_schema_2020_12_tool: unknown argument 'nmae'; accepted:"
                + " [name, address]", unknown);
        String missing = callExpectingInvalidArguments(client, "test_sampling", Map.of());
        assertTrue(missing.endsWith("missing required argument 'prompt'"), missing);
        assertEquals(-32602, callExpectingProtocolError(client, "no_such_tool", Map.of()).code());
    }

    @Test
    void mixedContentComesInTheOrderTheToolGaveIt() {
        var mixed = call(client, "test_multiple_content_types", Map.of());
        assertEquals(List.of(Content.Type.TEXT, Content.Type.IMAGE, Content.Type.RESOURCE),
                mixed.content().stream().map(Content::type).toList());
        assertEquals("Multiple content types test:", mixed.content().get(0).asText().text());
        var resource = mixed.content().get(2).asResource().resource();
        assertEquals("test://mixed-content-resource", resource.asText().uri());
        assertEquals("{\"test\":\"data\",\"value\":123}", resource.asText().text());

        var embedded = call(client, "test_embedded_resource", Map.of());
        assertEquals("This is an embedded resource content.",
                embedded.content().get(0).asResource().resource().asText().text());
    }

    @Test
    void promptsCarryEmbeddedResourcesAndImages() {
        AtomicReference<PromptResponse> prompt = new AtomicReference<>();
        client.when().promptsGet("test_prompt_with_embedded_resource", Map.of("resourceUri", "test://example"),
                prompt::set).thenAssertResults();
        assertEquals("test://example", prompt.get().messages().get(0).content().asResource().resource().asText().uri());
        assertEquals("Please process the embedded resource above.",
                prompt.get().messages().get(1).content().asText().text());
        client.when().promptsGet("test_prompt_with_image", prompt::set).thenAssertResults();
        assertEquals("image/png", prompt.get().messages().get(0).content().asImage().mimeType());
    }

    @Test
    void theSchemaToolAdvertisesJsonSchema202012WithDefinitions() {
        JsonObject schema = tools(client).stream().filter(t -> t.name().equals("json_schema_2020_12_tool")).findFirst()
                .orElseThrow().inputSchema();
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.getString("$schema"));
        assertEquals("#/$defs/address", schema.getJsonObject("properties").getJsonObject("address").getString("$ref"));
        assertEquals("string", schema.getJsonObject("$defs").getJsonObject("address").getJsonObject("properties")
                .getJsonObject("city").getString("type"));
        assertFalse(schema.getBoolean("additionalProperties"));
    }

    @Test
    void samplingAsksTheClientsModelAndReturnsItsAnswer() {
        McpStreamableTestClient asking = McpAssured.newStreamableClient()
                .setClientCapabilities(new ClientCapability(ClientCapability.SAMPLING, Map.of()),
                        new ClientCapability(ClientCapability.ELICITATION, Map.of()))
                .build().connect();
        try {
            JsonObject call = asking.newRequest("tools/call").put("params", new JsonObject().put("name",
                    "test_sampling").put("arguments", new JsonObject().put("prompt", "Say hi")));
            asking.sendAndForget(call);
            JsonObject request = asking.waitForRequests(1).requests().get(0);
            assertEquals("sampling/createMessage", request.getString("method"));
            assertEquals(100, request.getJsonObject("params").getInteger("maxTokens"));
            assertEquals("Say hi", request.getJsonObject("params").getJsonArray("messages").getJsonObject(0)
                    .getJsonObject("content").getString("text"));
            asking.sendAndForget(new JsonObject().put("jsonrpc", "2.0").put("id", request.getValue("id"))
                    .put("result", new JsonObject().put("role", "assistant").put("model", "test-model")
                            .put("content", new JsonObject().put("type", "text").put("text", "hi there"))));
            JsonObject response = asking.waitForResponse(call);
            assertEquals("LLM response: hi there", response.getJsonObject("result").getJsonArray("content")
                    .getJsonObject(0).getString("text"));

            JsonObject defaults = asking.newRequest("tools/call").put("params", new JsonObject().put("name",
                    "test_elicitation_sep1034_defaults").put("arguments", new JsonObject()));
            asking.sendAndForget(defaults);
            JsonObject form = asking.waitForRequests(2).requests().get(1);
            JsonObject properties = form.getJsonObject("params").getJsonObject("requestedSchema")
                    .getJsonObject("properties");
            assertEquals("integer", properties.getJsonObject("age").getString("type"));
            assertEquals(30, properties.getJsonObject("age").getInteger("default"));
            assertEquals(95.5, properties.getJsonObject("score").getDouble("default"));
            assertEquals("active", properties.getJsonObject("status").getString("default"));
            assertEquals("User name", properties.getJsonObject("name").getString("description"));
            asking.sendAndForget(new JsonObject().put("jsonrpc", "2.0").put("id", form.getValue("id"))
                    .put("result", new JsonObject().put("action", "decline")));
            assertTrue(asking.waitForResponse(defaults).getJsonObject("result").getJsonArray("content")
                    .getJsonObject(0).getString("text").startsWith("Elicitation completed: action=decline"));
        } finally {
            asking.disconnect();
        }
    }

    @Test
    void samplingFromAClientWithoutTheCapabilityIsAClearError() {
        assertTrue(error(call(client, "test_sampling", Map.of("prompt", "x")))
                .contains("did not declare the sampling capability"));
        assertTrue(error(call(client, "test_elicitation", Map.of("message", "x")))
                .contains("did not declare the elicitation capability"));
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
