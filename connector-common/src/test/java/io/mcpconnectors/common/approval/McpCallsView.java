package io.mcpconnectors.common.approval;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkiverse.mcp.server.test.McpAssured.ToolInfo;

/** Tool listings as tests read them. */
final class McpCallsView {

    private McpCallsView() {
    }

    static List<String> toolNames(McpStreamableTestClient client) {
        return tools(client).stream().map(ToolInfo::name).sorted().toList();
    }

    static String inputProperties(McpStreamableTestClient client, String tool) {
        return tools(client).stream().filter(t -> t.name().equals(tool)).findFirst().orElseThrow().inputSchema()
                .getJsonObject("properties").fieldNames().toString();
    }

    private static List<ToolInfo> tools(McpStreamableTestClient client) {
        AtomicReference<List<ToolInfo>> tools = new AtomicReference<>();
        client.when().toolsList(page -> tools.set(page.tools())).thenAssertResults();
        return tools.get();
    }
}
