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
import io.quarkiverse.mcp.server.TextContent;
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
    void aReadCutByTheReadCapSaysSoAndWhereToGoOn() throws Exception {
        // One ASCII byte, then two-byte characters: the 256 KiB cap falls inside a character.
        String text = "x" + "\u00e9".repeat(150_000);
        Files.writeString(Files.createDirectories(ROOT.resolve("cut")).resolve("accents.txt"), text);
        long size = Files.size(ROOT.resolve("cut/accents.txt"));

        ToolResponse first = SchemaCheckedCalls.call(client, "read_text_file", Map.of("path", "cut/accents.txt"));
        JsonObject result = ok(first);
        assertTrue(result.getBoolean("truncated"));
        assertEquals("connector.filesystem.max-read-bytes", result.getJsonObject("limit").getString("name"));
        assertEquals(262_144, result.getJsonObject("limit").getLong("value"));
        // The split character is left whole for the next read.
        assertEquals(262_143, result.getLong("next_offset"));
        String hint = result.getString("hint");
        assertTrue(hint.contains("The file has " + size + " bytes") && hint.contains("'offset': 262143")
                && hint.contains("'head' or 'tail'"), hint);
        // The text content is the file's text, then a note the model reads: what cut it and how to go on.
        assertEquals(2, first.content().size());
        String note = ((TextContent) first.content().get(1)).text();
        assertTrue(note.startsWith("[truncated: the result stops at connector.filesystem.max-read-bytes (262144);"),
                note);
        assertTrue(note.contains("The file has " + size + " bytes"), note);

        JsonObject rest = ok(SchemaCheckedCalls.call(client, "read_text_file",
                Map.of("path", "cut/accents.txt", "offset", result.getLong("next_offset"))));
        assertFalse(rest.getBoolean("truncated"));
        assertFalse(rest.containsKey("hint"));
        assertEquals(text, result.getString("content") + rest.getString("content"));
    }

    @Test
    void headAndTailCutByTheReadCapPointToByteRanges() throws Exception {
        // 400 lines of 1,000 bytes: fewer lines than max-items, more bytes than the read cap.
        String line = "a".repeat(999) + "\n";
        Files.writeString(Files.createDirectories(ROOT.resolve("lines")).resolve("long.txt"), line.repeat(400));
        for (String mode : new String[] { "head", "tail" }) {
            JsonObject result = ok(SchemaCheckedCalls.call(client, "read_text_file",
                    Map.of("path", "lines/long.txt", mode, 400)));
            assertTrue(result.getBoolean("truncated"), mode);
            assertEquals("connector.filesystem.max-read-bytes", result.getJsonObject("limit").getString("name"));
            assertEquals(262, result.getLong("lines"), mode);
            assertFalse(result.containsKey("next_offset"), mode);
            assertTrue(result.getString("hint").contains("The file has 400000 bytes; this is its "
                    + (mode.equals("head") ? "first" : "last") + " 262 lines"), result.getString("hint"));
        }
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
