package io.mcpconnectors.salesforce.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.arrayOf;
import static io.mcpconnectors.common.spi.JsonSchemas.bool;
import static io.mcpconnectors.common.spi.JsonSchemas.object;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.salesforce.SalesforceApi;

@ApplicationScoped
public class ListObjectsTool implements ConnectorTool {

    private static final Arg<String> FILTER = Arg.string("filter",
            "only objects whose API name or label contains this (case-insensitive)").orElse("");

    private static final ToolSpec SPEC = new ToolSpec("list_objects", "List objects",
            "Lists the org's queryable objects (describeGlobal): API name, label, whether custom. Optionally only"
                    + " those whose name or label contains a text. Use describe_object for an object's fields.",
            ToolAccess.READ, List.of(FILTER.spec()),
            properties("objects", arrayOf(object("name", string("API name"), "label", string("label"),
                    "custom", bool("custom object")), "objects sorted by API name")));

    private final SalesforceApi api;

    public ListObjectsTool(SalesforceApi api) {
        this.api = api;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) {
        String filter = call.get(FILTER).toLowerCase(Locale.ROOT);
        List<Map<String, Object>> matching = new ArrayList<>();
        for (JsonNode object : api.get(call, "/sobjects", Map.of()).path("sobjects")) {
            String name = object.path("name").asText();
            String label = object.path("label").asText();
            if (object.path("queryable").asBoolean() && (name.toLowerCase(Locale.ROOT).contains(filter)
                    || label.toLowerCase(Locale.ROOT).contains(filter))) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", name);
                entry.put("label", label);
                entry.put("custom", object.path("custom").asBoolean());
                matching.add(entry);
            }
        }
        matching.sort((a, b) -> ((String) a.get("name")).compareTo((String) b.get("name")));
        int cap = call.limits().maxItems();
        List<Map<String, Object>> shown = matching.size() > cap ? matching.subList(0, cap) : matching;
        return ToolResult.of(Map.of("objects", List.copyOf(shown)), shown.size(),
                matching.size() > cap ? call.limits().itemsTruncation() : null);
    }
}
