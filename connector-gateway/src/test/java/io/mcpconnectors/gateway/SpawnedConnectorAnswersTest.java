package io.mcpconnectors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;

/**
 * A spawned connector's answers are read once, straight into the result the request expects: what the gateway makes
 * of a line is what the MCP SDK's own decoding makes of it, for results, errors, and the upstream's own requests and
 * notifications.
 */
class SpawnedConnectorAnswersTest {

    private static final TypeRef<McpSchema.CallToolResult> CALL_TOOL_RESULT = new TypeRef<>() {
    };

    private final McpJsonMapper json = McpJsonDefaults.getMapper();
    private ChildProcessTransport transport;

    @BeforeEach
    void transport() throws Exception {
        Path directory = Files.createTempDirectory("spawned-answers");
        transport = new ChildProcessTransport("fs", List.of("true"), Map.of(), directory, json, code -> {
        });
    }

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void aToolResultReadsAsTheSdkReadsIt() throws Exception {
        String line = "{\"jsonrpc\":\"2.0\",\"id\":\"a1b2-7\",\"result\":{\"content\":[{\"type\":\"text\","
                + "\"text\":\"é a small file\"},{\"type\":\"resource_link\",\"uri\":\"file:///r/a.txt\",\"name\":\"a\"}],"
                + "\"structuredContent\":{\"rows\":[{\"n\":1,\"v\":null}],\"more\":false},\"isError\":false,"
                + "\"_meta\":{\"k\":\"v\"}}}";
        McpSchema.JSONRPCResponse ours = (McpSchema.JSONRPCResponse) transport.decode(line);
        McpSchema.JSONRPCResponse sdks = (McpSchema.JSONRPCResponse) McpSchema.deserializeJsonRpcMessage(json, line);
        assertEquals(sdks.id(), ours.id());
        assertEquals("2.0", ours.jsonrpc());
        assertNull(ours.error());
        assertEquals(json.convertValue(sdks.result(), CALL_TOOL_RESULT),
                transport.unmarshalFrom(ours.result(), CALL_TOOL_RESULT));
    }

    @Test
    void anErrorAnswerKeepsItsCodeMessageAndNumericId() throws Exception {
        String line = "{\"jsonrpc\":\"2.0\",\"id\":42,\"error\":{\"code\":-32602,\"message\":\"Unknown tool: nope\","
                + "\"data\":{\"tool\":\"nope\"}}}";
        McpSchema.JSONRPCResponse ours = (McpSchema.JSONRPCResponse) transport.decode(line);
        McpSchema.JSONRPCResponse sdks = (McpSchema.JSONRPCResponse) McpSchema.deserializeJsonRpcMessage(json, line);
        assertEquals(sdks.id(), ours.id());
        assertEquals(sdks.error().code(), ours.error().code());
        assertEquals(sdks.error().message(), ours.error().message());
        assertEquals(sdks.error().data(), ours.error().data());
        assertNull(ours.result());
    }

    @Test
    void requestsAndNotificationsFromTheConnectorAreDecodedTheSdksWay() throws Exception {
        String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":"
                + "{\"progressToken\":\"gw-1\",\"progress\":0.5}}";
        String request = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"elicitation/create\",\"params\":"
                + "{\"message\":\"Confirm?\",\"requestedSchema\":{\"type\":\"object\"}}}";
        for (String line : List.of(notification, request)) {
            JSONRPCMessage ours = transport.decode(line);
            assertEquals(McpSchema.deserializeJsonRpcMessage(json, line), ours);
        }
        assertInstanceOf(McpSchema.JSONRPCNotification.class, transport.decode(notification));
        assertInstanceOf(McpSchema.JSONRPCRequest.class, transport.decode(request));
    }
}
