package io.mcpconnectors.common.test;

import java.util.Map;

import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;

/**
 * {@link McpCalls#call} with every successful result checked against the output schema its tool declares, so that a
 * connector's tests prove each tool they call keeps to its schema.
 */
public final class SchemaCheckedCalls {

    private SchemaCheckedCalls() {
    }

    public static ToolResponse call(McpStreamableTestClient client, String tool, Map<String, Object> args) {
        ToolResponse response = McpCalls.call(client, tool, args);
        // Listed afresh for each call: the tools offered can differ between sessions (scopes, approvals).
        OutputSchemas.of(client).check(tool, response);
        return response;
    }
}
