package io.mcpconnectors.common.test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkiverse.mcp.server.test.McpAssured.ToolInfo;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * The output schemas a connector declares in tools/list, and a check of structured results against them with a
 * JSON Schema (2020-12, MCP's default dialect) validator, as strict clients such as the official TypeScript SDK do
 * before they accept a result: a result that breaks its own schema is rejected whole there.
 */
public final class OutputSchemas {

    private final Map<String, JsonObject> schemas;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private OutputSchemas(Map<String, JsonObject> schemas) {
        this.schemas = schemas;
    }

    /** The output schemas of the tools the client is offered. */
    public static OutputSchemas of(McpStreamableTestClient client) {
        return new OutputSchemas(McpCalls.tools(client).stream().filter(t -> t.outputSchema() != null)
                .collect(Collectors.toMap(ToolInfo::name, ToolInfo::outputSchema)));
    }

    /**
     * Fails unless a successful result of {@code tool} carries structured content valid against the tool's output
     * schema. Error results carry none and are not checked.
     */
    public void check(String tool, ToolResponse response) {
        JsonObject schema = schemas.get(tool);
        if (schema == null || response.isError()) {
            return;
        }
        if (response.structuredContent() == null) {
            throw new AssertionError(tool + " declares an output schema but returned no structured content");
        }
        List<String> problems = violations(schema, response.structuredContent());
        if (!problems.isEmpty()) {
            throw new AssertionError(tool + " returned structured content that breaks its output schema: " + problems
                    + "\ncontent: " + Json.encode(response.structuredContent()));
        }
    }

    /** What in {@code value} breaks {@code schema}, one line each; empty when it is valid. */
    public List<String> violations(JsonObject schema, Object value) {
        Schema compiled = registry.getSchema(schema.encode(), InputFormat.JSON);
        return compiled.validate(Json.encode(value), InputFormat.JSON).stream().map(Error::toString).toList();
    }
}
