package io.mcpconnectors.examples.langchain4j;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.langchain4j.mcp.McpToolProvider;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;

/**
 * How a Java agent uses a connector: an MCP client for it (stdio, or Streamable HTTP with a token), the connector's
 * tools offered to the model through LangChain4j's MCP tool provider, and an AI service that calls them. Any
 * LangChain4j chat model works (OpenAI, Anthropic, Ollama, ...): pass it in.
 */
public final class ConnectorAgents {

    private ConnectorAgents() {
    }

    /**
     * A client that starts the connector as a process and speaks to it over stdio, e.g. the command
     * {@code ["bin/connector", "filesystem", "/srv/reports"]} or {@code ["java", "-jar", ".../quarkus-run.jar"]}.
     */
    public static McpClient overStdio(List<String> command, Map<String, String> environment) {
        return new DefaultMcpClient.Builder().key("connector")
                .transport(new StdioMcpTransport.Builder().command(command).environment(environment).build())
                .toolExecutionTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** A client of a connector served over Streamable HTTP, authenticating with a bearer token. */
    public static McpClient overHttp(String url, String bearerToken) {
        return new DefaultMcpClient.Builder().key("connector")
                .transport(new StreamableHttpMcpTransport.Builder().url(url)
                        .customHeaders(Map.of("Authorization", "Bearer " + bearerToken))
                        .timeout(Duration.ofSeconds(30)).build())
                .toolExecutionTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** The agent over one or more connectors. */
    public static ReportsAnalyst analyst(ChatModel model, McpClient... connectors) {
        return AiServices.builder(ReportsAnalyst.class).chatModel(model)
                .toolProvider(McpToolProvider.builder().mcpClients(List.of(connectors)).build())
                .build();
    }
}
