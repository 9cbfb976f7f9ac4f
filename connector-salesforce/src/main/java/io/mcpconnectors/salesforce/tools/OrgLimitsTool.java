package io.mcpconnectors.salesforce.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.properties;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.salesforce.SalesforceApi;

@ApplicationScoped
public class OrgLimitsTool implements ConnectorTool {

    private static final ToolSpec SPEC = new ToolSpec("org_limits", "Org limits",
            "Shows the org's limits with their maximum and remaining values (DailyApiRequests, storage, ...), and"
                    + " the API usage Salesforce reported on the last answer.",
            ToolAccess.READ, List.of(),
            properties("limits", Map.of("type", "object", "description", "limit name to {max, remaining}"),
                    "api_usage", Map.of("type", "object", "description", "API requests used / allowed (24 h)")));

    private final SalesforceApi api;

    public OrgLimitsTool(SalesforceApi api) {
        this.api = api;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) {
        Map<String, Object> limits = new TreeMap<>();
        JsonNode answer = api.get(call, "/limits", Map.of());
        answer.fields().forEachRemaining(e -> limits.put(e.getKey(), Map.of("max", e.getValue().path("Max").asLong(),
                "remaining", e.getValue().path("Remaining").asLong())));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("limits", limits);
        SalesforceArgs.putUsage(data, api);
        return ToolResult.of(data, limits.size());
    }
}
