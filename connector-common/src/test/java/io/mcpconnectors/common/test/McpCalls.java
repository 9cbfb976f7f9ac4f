package io.mcpconnectors.common.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.McpError;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkiverse.mcp.server.test.McpAssured.ToolInfo;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

/** Synchronous helpers over the McpAssured client, shared by every connector's tests. */
public final class McpCalls {

    private McpCalls() {
    }

    public static McpStreamableTestClient connect() {
        return McpAssured.newConnectedStreamableClient();
    }

    /** A session opened with this bearer token, sent on every request. */
    public static McpStreamableTestClient connect(String bearerToken) {
        McpStreamableTestClient client = McpAssured.newStreamableClient()
                .setAdditionalHeaders(message -> MultiMap.caseInsensitiveMultiMap().add("Authorization",
                        "Bearer " + bearerToken))
                .build();
        client.connect();
        return client;
    }

    /** The hex SHA-256 of a token, as {@code connector.auth.tokens.<principal>.sha256} holds it. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds a static bearer token for a principal with its scopes (comma-separated) to a test profile's settings. */
    public static void staticToken(Map<String, String> config, String principal, String token, String scopes) {
        config.put("connector.auth.tokens." + principal + ".sha256", sha256(token));
        config.put("connector.auth.tokens." + principal + ".scopes", scopes);
    }

    public static ToolResponse call(McpStreamableTestClient client, String tool, Map<String, Object> args) {
        AtomicReference<ToolResponse> response = new AtomicReference<>();
        client.when().toolsCall(tool).withArguments(args).withAssert(response::set).send().thenAssertResults();
        return response.get();
    }

    public static McpError callExpectingProtocolError(McpStreamableTestClient client, String tool,
            Map<String, Object> args) {
        AtomicReference<McpError> error = new AtomicReference<>();
        client.when().toolsCall(tool).withArguments(args).withErrorAssert(error::set).send().thenAssertResults();
        return error.get();
    }

    /**
     * The message of a call refused for its arguments: an {@code isError} result (MCP SEP-1303: input validation is a
     * tool execution error, not a JSON-RPC error) without structured content, whose text starts with
     * "Invalid arguments for tool {@code tool}: ".
     */
    public static String callExpectingInvalidArguments(McpStreamableTestClient client, String tool,
            Map<String, Object> args) {
        return invalidArguments(tool, call(client, tool, args));
    }

    /** The message of {@code response}, asserted to be the refusal of {@code tool}'s arguments. */
    public static String invalidArguments(String tool, ToolResponse response) {
        String message = error(response);
        if (!message.startsWith("Invalid arguments for tool " + tool + ": ")) {
            throw new AssertionError("Expected the arguments of " + tool + " to be refused but got: " + message);
        }
        if (response.structuredContent() != null) {
            throw new AssertionError("A refusal of arguments carries no structured content: "
                    + response.structuredContent());
        }
        return message;
    }

    public static List<ToolInfo> tools(McpStreamableTestClient client) {
        AtomicReference<List<ToolInfo>> tools = new AtomicReference<>();
        client.when().toolsList(page -> tools.set(page.tools())).thenAssertResults();
        return tools.get();
    }

    public static List<String> toolNames(McpStreamableTestClient client) {
        return tools(client).stream().map(ToolInfo::name).sorted().toList();
    }

    /** The structured content of a successful call. */
    public static JsonObject ok(ToolResponse response) {
        if (response.isError()) {
            throw new AssertionError("Expected success but got error: " + text(response));
        }
        return (JsonObject) response.structuredContent();
    }

    /** The message of an isError result. */
    public static String error(ToolResponse response) {
        if (!response.isError()) {
            throw new AssertionError("Expected an isError result but got: " + response.structuredContent());
        }
        return text(response);
    }

    public static String text(ToolResponse response) {
        return ((TextContent) response.content().get(0)).text();
    }
}
