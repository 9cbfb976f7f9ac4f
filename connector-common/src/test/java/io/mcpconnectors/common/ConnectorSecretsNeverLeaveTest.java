package io.mcpconnectors.common;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.AuditTail;
import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpClientTest;
import io.mcpconnectors.common.testkit.TestkitConnector;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * A secret the connector holds, echoed back by its source (in an error, in data, in a failure), never leaves the
 * connector: not in the result, not in the error, not in the audit trail, not in the log.
 */
@QuarkusTest
class ConnectorSecretsNeverLeaveTest extends McpClientTest {

    static final String KEY = TestkitConnector.API_KEY;
    static final String KEY_URL_ENCODED = URLEncoder.encode(KEY, StandardCharsets.UTF_8);
    static final Path AUDIT = Path.of("target/audit/runtime-audit.jsonl");

    final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    AuditTail audit;

    @BeforeEach
    void captureLog() {
        Logger.getLogger("io.mcpconnectors.common.mcp.ToolInvoker").addHandler(capture);
        audit = AuditTail.from(AUDIT);
    }

    @AfterEach
    void releaseLog() {
        Logger.getLogger("io.mcpconnectors.common.mcp.ToolInvoker").removeHandler(capture);
    }

    @Test
    void anErrorQuotingTheCredentialIsRelayedWithoutIt() throws Exception {
        String message = error(call(client, "echo", Map.of("text", "relay-error")));
        assertEquals("The source refused the request with key [REDACTED] ([REDACTED]).", message);
        assertNoKeyIn(audit.text());
    }

    @Test
    void dataEchoingTheCredentialComesBackWithoutIt() throws Exception {
        ToolResponse response = call(client, "echo", Map.of("text", "relay-data", "tags", List.of("mine: " + KEY)));
        JsonObject data = ok(response);
        assertEquals("echoed [REDACTED]", data.getString("text"));
        assertEquals("X-Api-Key: [REDACTED]", data.getJsonArray("request").getJsonObject(0).getString("headers"));
        assertTrue(data.getJsonArray("request").getJsonObject(1).containsKey("[REDACTED]"));
        assertNoKeyIn(data.encode());
        assertNoKeyIn(McpCalls.text(response));
        String audited = audit.text();
        assertNoKeyIn(audited);
        assertTrue(audited.contains("mine: [REDACTED]"), "the caller's arguments are scrubbed too");
    }

    @Test
    void anUnexpectedFailureIsLoggedWithoutTheCredential() throws Exception {
        String message = error(call(client, "echo", Map.of("text", "relay-failure")));
        assertTrue(message.contains("internal error (reference "), message);
        LogRecord record = logged.stream().filter(r -> r.getThrown() != null).findFirst()
                .orElseThrow(() -> new AssertionError("the failure was not logged"));
        StringWriter printed = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(printed));
        assertTrue(printed.toString().contains("connection with key [REDACTED] reset"), printed.toString());
        assertNoKeyIn(printed.toString());
        assertNoKeyIn(audit.text());
    }

    @Test
    void mediaHoldingTheCredentialIsWithheldWholeAndOtherMediaIsReturned() throws Exception {
        String message = error(call(client, "echo", Map.of("text", "relay-media")));
        assertTrue(message.startsWith("Not returned: echo's image/png content is binary content that holds a"
                + " credential of this connector"), message);
        assertNoKeyIn(message);
        String audited = audit.text();
        assertTrue(audited.contains("\"outcome\":\"refused\""), audited);
        assertNoKeyIn(audited);

        ToolResponse plain = call(client, "echo", Map.of("text", "media"));
        assertFalse(plain.isError(), McpCalls.text(plain));
        assertEquals(2, plain.content().size(), "the text rendering and the image");
    }

    static void assertNoKeyIn(String text) {
        assertFalse(text.contains(KEY), text);
        assertFalse(text.contains(KEY_URL_ENCODED), text);
        assertFalse(text.contains("0123456789!Secret"), text);
    }
}
