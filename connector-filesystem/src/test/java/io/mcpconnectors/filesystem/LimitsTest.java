package io.mcpconnectors.filesystem;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/** Small caps, to see each tool stop at them and say so. */
@QuarkusTest
@TestProfile(LimitsTest.SmallCaps.class)
@WithTestResource(value = FilesystemFixture.class, initArgs = @ResourceArg(name = "name", value = "limits"))
class LimitsTest extends McpClientTest {

    public static class SmallCaps implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.limits.max-items", "4", "connector.limits.max-bytes", "2048");
        }
    }

    @Test
    void listDirectoryStopsAtMaxItems() {
        JsonObject result = ok(call(client, "list_directory", Map.of("path", ".")));
        assertEquals(4, result.getJsonArray("entries").size());
        assertEquals(13, result.getInteger("total"));
        assertTrue(result.getBoolean("truncated"));
        assertEquals("connector.limits.max-items", result.getJsonObject("limit").getString("name"));
        assertEquals(4, result.getJsonObject("limit").getInteger("value"));
    }

    @Test
    void headStopsAtMaxItemsLines() {
        JsonObject result = ok(call(client, "read_text_file", Map.of("path", "lines.txt", "head", 10)));
        assertEquals(4, result.getInteger("lines"));
        assertTrue(result.getBoolean("truncated"));
        JsonObject tail = ok(call(client, "read_text_file", Map.of("path", "lines.txt", "tail", 10)));
        assertEquals("line 97\nline 98\nline 99\nline 100\n", tail.getString("content"));
        assertTrue(tail.getBoolean("truncated"));
    }

    @Test
    void readStopsAtMaxBytes() {
        JsonObject result = ok(call(client, "read_text_file", Map.of("path", "big.txt")));
        assertEquals(2048, result.getString("content").length());
        assertEquals("connector.limits.max-bytes", result.getJsonObject("limit").getString("name"));
    }

    @Test
    void completeAnswersAreNotMarkedTruncated() {
        JsonObject result = ok(call(client, "read_text_file", Map.of("path", "lines.txt", "head", 3)));
        assertFalse(result.getBoolean("truncated"));
        JsonObject search = ok(call(client, "search_files", Map.of("path", ".", "pattern", "*.md")));
        assertFalse(search.getBoolean("truncated"));
        JsonObject tree = ok(call(client, "directory_tree", Map.of("path", ".", "depth", 3)));
        assertTrue(tree.getBoolean("truncated"));
        assertEquals(4, tree.getInteger("entries"));
    }
}
