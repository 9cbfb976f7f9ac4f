package io.mcpconnectors.common;

import static io.mcpconnectors.common.test.McpCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.mcpconnectors.common.test.OutputSchemas;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** The shared check of structured results against declared output schemas finds what strict clients reject. */
@QuarkusTest
class OutputSchemasTest extends McpClientTest {

    @Test
    void acceptsResultsTrueToTheirSchema() {
        OutputSchemas schemas = OutputSchemas.of(client);
        schemas.check("echo", call(client, "echo", Map.of("text", "hi")));
        schemas.check("many", call(client, "many", Map.of("n", 10)));
    }

    @Test
    void findsANullWhereAStringIsDeclaredAndAMissingRequiredKey() {
        OutputSchemas schemas = OutputSchemas.of(client);
        JsonObject schema = new JsonObject().put("type", "object").put("required", List.of("truncated"))
                .put("properties", new JsonObject().put("next_cursor", new JsonObject().put("type", "string"))
                        .put("truncated", new JsonObject().put("type", "boolean")));
        assertEquals(List.of(), schemas.violations(schema, new JsonObject().put("truncated", false)));
        assertEquals(1, schemas.violations(schema, new JsonObject().putNull("next_cursor").put("truncated", false))
                .size());
        assertEquals(1, schemas.violations(schema, new JsonObject().put("next_cursor", "2")).size());
        ToolResponse broken = new ToolResponse(false, List.of(new TextContent("{}")),
                new JsonObject().put("text", 42).put("truncated", false), null);
        AssertionError e = assertThrows(AssertionError.class, () -> schemas.check("echo", broken));
        assertTrue(e.getMessage().contains("breaks its output schema"), e.getMessage());
    }
}
