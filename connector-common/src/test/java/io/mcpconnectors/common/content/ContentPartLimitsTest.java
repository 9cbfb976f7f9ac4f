package io.mcpconnectors.common.content;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.AuditTail;
import io.mcpconnectors.common.test.McpClientTest;
import io.mcpconnectors.common.testkit.TestkitConnector;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Content parts are held to the same rules as the rest of a result wherever a source can put something in them:
 * the connector's credential in a URI, a name or a media type is scrubbed (and never quoted by the message that
 * withholds binary content), base64 inside an embedded blob is found at every alignment, and what describes a
 * part counts toward connector.limits.max-bytes (2048 here) as much as its content.
 */
@QuarkusTest
class ContentPartLimitsTest extends McpClientTest {

    static final String KEY = TestkitConnector.API_KEY;
    static final Path AUDIT = Path.of("target/audit/runtime-audit.jsonl");

    /** The whole JSON-RPC response to a call of echo, as the client receives it. */
    JsonObject echo(JsonObject arguments) {
        JsonObject request = client.newRequest("tools/call").put("params", new JsonObject().put("name", "echo")
                .put("arguments", arguments));
        client.sendAndForget(request);
        return client.waitForResponse(request);
    }

    @Test
    void theCredentialInPartUrisNamesAndMediaTypesIsScrubbed() {
        JsonObject response = echo(new JsonObject().put("text", "relay-part-metadata"));
        JsonObject result = response.getJsonObject("result");
        assertFalse(result.getBoolean("isError", false), response.encode());
        assertFalse(response.encode().contains(KEY), response.encode());
        JsonArray content = result.getJsonArray("content");
        assertEquals(5, content.size(), response.encode());
        assertEquals("image/png; key=[REDACTED]", content.getJsonObject(0).getString("mimeType"));
        JsonObject embedded = content.getJsonObject(1).getJsonObject("resource");
        assertEquals("testkit://notes/[REDACTED]", embedded.getString("uri"));
        assertEquals("text/plain; key=[REDACTED]", embedded.getString("mimeType"));
        assertEquals("application/x-[REDACTED]", content.getJsonObject(2).getJsonObject("resource")
                .getString("mimeType"));
        for (int i : new int[] { 3, 4 }) {
            JsonObject link = content.getJsonObject(i);
            assertEquals("resource_link", link.getString("type"));
            assertEquals("testkit://links?key=[REDACTED]", link.getString("uri"));
            assertEquals("link [REDACTED]", link.getString("name"));
            assertEquals("text/plain; key=[REDACTED]", link.getString("mimeType"));
        }
    }

    @Test
    void theMessageWithholdingBinaryContentDoesNotQuoteACredentialInItsMediaType() {
        AuditTail audit = AuditTail.from(AUDIT);
        for (JsonObject arguments : new JsonObject[] { new JsonObject().put("text", "relay-media-type"),
                new JsonObject().put("text", "relay-media-type").put("password", "as a part") }) {
            JsonObject response = echo(arguments);
            assertTrue(response.getJsonObject("result").getBoolean("isError"), response.encode());
            String message = response.getJsonObject("result").getJsonArray("content").getJsonObject(0)
                    .getString("text");
            assertTrue(message.startsWith("Not returned: echo's image/x-[REDACTED] content is binary content"),
                    message);
            assertFalse(response.encode().contains(KEY), response.encode());
        }
        assertFalse(audit.text().contains(KEY));
    }

    @Test
    void anEmbeddedBlobHoldingTheCredentialInBase64IsWithheldAtEveryAlignment() {
        for (int alignment = 0; alignment < 3; alignment++) {
            String message = error(call(client, "echo", Map.of("text", "relay-embedded-base64", "count", alignment)));
            assertTrue(message.startsWith("Not returned: echo's embedded resource testkit://blob.b64 is binary"),
                    alignment + ": " + message);
        }
    }

    @Test
    void aPartsUriOrNameCountsTowardTheByteCap() {
        for (String text : new String[] { "huge-uri", "huge-link" }) {
            String message = error(call(client, "echo", Map.of("text", text)));
            assertTrue(message.startsWith("echo produced ") && message.contains("more than connector.limits.max-bytes"
                    + " (2048)"), text + ": " + message);
        }
    }

    @Test
    void partsEachUnderTheCapCountTogether() {
        String message = error(call(client, "echo", Map.of("text", "many-parts")));
        assertTrue(message.contains("more than connector.limits.max-bytes (2048)"), message);
    }

    @Test
    void aPromptsLinkIsScrubbedOfTheCredential() {
        JsonObject request = client.newRequest("prompts/get").put("params", new JsonObject().put("name", "review_note")
                .put("arguments", new JsonObject().put("note", "relay-link")));
        client.sendAndForget(request);
        JsonObject response = client.waitForResponse(request);
        assertFalse(response.encode().contains(KEY), response.encode());
        JsonObject link = response.getJsonObject("result").getJsonArray("messages").getJsonObject(0)
                .getJsonObject("content");
        assertEquals("testkit://notes?key=[REDACTED]", link.getString("uri"), response.encode());
        assertEquals("note [REDACTED]", link.getString("name"));
    }
}
