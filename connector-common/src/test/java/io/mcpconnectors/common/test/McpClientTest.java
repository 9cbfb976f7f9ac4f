package io.mcpconnectors.common.test;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;

/** A test that talks to the connector under test through a fresh Streamable HTTP MCP session per test. */
public abstract class McpClientTest {

    protected McpStreamableTestClient client;

    @BeforeEach
    void connectClient() {
        client = McpCalls.connect();
    }

    @AfterEach
    void disconnectClient() {
        if (client != null) {
            client.disconnect();
        }
    }
}
