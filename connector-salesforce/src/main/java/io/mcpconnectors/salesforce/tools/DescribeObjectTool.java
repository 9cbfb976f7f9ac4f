package io.mcpconnectors.salesforce.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.arrayOf;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.salesforce.SalesforceApi;
import io.mcpconnectors.salesforce.SalesforceDescribes;

@ApplicationScoped
public class DescribeObjectTool implements ConnectorTool {

    private static final Arg<String> NAME = Arg.string("name", "object API name, e.g. Opportunity").required();

    private static final ToolSpec SPEC = new ToolSpec("describe_object", "Describe an object",
            "Describes one object: its fields (API name, label, type, nillable, length, active picklist values,"
                    + " lookups with the objects they reference and the relationship name to use in SOQL) and its"
                    + " child relationships. Read this before writing SOQL.",
            ToolAccess.READ, List.of(NAME.spec()),
            properties("name", string("API name"), "label", string("label"),
                    "fields", arrayOf(Map.of("type", "object"), "fields"),
                    "child_relationships", arrayOf(Map.of("type", "object"), "child relationships")));

    private final SalesforceDescribes describes;

    public DescribeObjectTool(SalesforceDescribes describes) {
        this.describes = describes;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) {
        Map<String, Object> describe = describes.describe(call.caller(), call.get(NAME));
        return ToolResult.of(describe, ((List<?>) describe.get("fields")).size());
    }
}
