package io.mcpconnectors.filesystem;

import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpClientTest;
import io.mcpconnectors.common.test.SchemaCheckedCalls;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * Output a model can use as it is: a file's text as plain text (not a JSON-escaped string), and a content search that
 * says which files it could not search instead of answering "no match".
 */
@QuarkusTest
@WithTestResource(value = FilesystemFixture.class, initArgs = @ResourceArg(name = "name", value = "output"))
class OutputForModelsTest extends McpClientTest {

    static final Path ROOT = FilesystemFixture.root("output");

    @Test
    void readTextFileGivesTheTextAsItIs() throws Exception {
        Path file = Files.createDirectories(ROOT.resolve("plain")).resolve("quote.md");
        String text = "# Title\n\"quoted\" and \\ back-slashed\n\ttabbed\n";
        Files.writeString(file, text);
        ToolResponse response = SchemaCheckedCalls.call(client, "read_text_file", Map.of("path", "plain/quote.md"));
        assertEquals(text, McpCalls.text(response));
        assertEquals(text, ok(response).getString("content"));
    }

    @Test
    void contentSearchCountsTheFilesItCouldNotSearch() throws Exception {
        Path dir = Files.createDirectories(ROOT.resolve("large"));
        Files.writeString(dir.resolve("small.log"), "needle\n");
        try (RandomAccessFile huge = new RandomAccessFile(dir.resolve("huge.log").toFile(), "rw")) {
            // Sparse: 17 MiB on paper, next to nothing on disk.
            huge.setLength(17L * 1024 * 1024);
        }
        JsonObject result = ok(SchemaCheckedCalls.call(client, "search_files",
                Map.of("path", "large", "pattern", "*.log", "content", "needle")));
        assertEquals(1, result.getJsonArray("matches").size());
        assertEquals(Map.of("too_large", 1, "unreadable", 0), result.getJsonObject("skipped").getMap());
        String note = result.getString("note");
        assertTrue(note.startsWith("Not every file was searched: 1 file larger than 16 MiB"), note);

        JsonObject names = ok(SchemaCheckedCalls.call(client, "search_files",
                Map.of("path", "large", "pattern", "*.log")));
        assertEquals(2, names.getJsonArray("matches").size());
        assertEquals(0, names.getJsonObject("skipped").getInteger("too_large"));
        assertFalse(names.containsKey("note"));
    }
}
