package io.mcpconnectors.filesystem;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static io.mcpconnectors.common.test.McpCalls.toolNames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpClientTest;
import io.quarkiverse.mcp.server.AudioContent;
import io.quarkiverse.mcp.server.ImageContent;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Every read tool's happy path and its errors, with writes disabled (the default). */
@QuarkusTest
@WithTestResource(value = FilesystemFixture.class, initArgs = @ResourceArg(name = "name", value = "read"))
class ReadToolsTest extends McpClientTest {

    static final Path ROOT = FilesystemFixture.root("read");


    @Test
    void listsOnlyReadToolsWhenWritesAreDisabled() {
        assertEquals(List.of("directory_tree", "get_file_info", "list_directory", "list_roots", "read_media_file",
                "read_text_file", "search_files"), toolNames(client));
    }

    @Test
    void listRootsShowsTheConfiguredRoot() throws Exception {
        JsonArray roots = ok(call(client, "list_roots", Map.of())).getJsonArray("roots");
        assertEquals(1, roots.size());
        assertEquals(ROOT.toRealPath().toString(), roots.getJsonObject(0).getString("path"));
        assertEquals("config", roots.getJsonObject(0).getString("source"));
    }

    @Test
    void listDirectorySortsEntriesAndHidesSensitiveNames() {
        JsonObject result = ok(call(client, "list_directory", Map.of("path", ROOT.toString())));
        List<String> names = result.getJsonArray("entries").stream().map(e -> ((JsonObject) e).getString("name")).toList();
        assertEquals(List.of("abs-link-out", "big.txt", "binary.bin", "dir-link-out", "hello.txt", "latin1.txt",
                "lines.txt", "link-in", "link-out", "notes", "pixel.png", "repo", "sound.wav"), names);
        JsonObject hello = entry(result, "hello.txt");
        assertEquals("file", hello.getString("type"));
        assertEquals(12, hello.getInteger("size"));
        assertEquals("directory", entry(result, "notes").getString("type"));
        assertEquals("symlink", entry(result, "link-out").getString("type"));
        assertFalse(result.getBoolean("truncated"));
    }

    @Test
    void listDirectoryAcceptsPathsRelativeToTheRoot() {
        JsonObject result = ok(call(client, "list_directory", Map.of("path", "notes")));
        assertEquals(3, result.getJsonArray("entries").size());
    }

    @Test
    void listDirectoryRefusesAFile() {
        assertTrue(error(call(client, "list_directory", Map.of("path", "hello.txt"))).contains("is not a directory"));
    }

    @Test
    void directoryTreeDescendsToTheRequestedDepth() {
        JsonObject shallow = ok(call(client, "directory_tree", Map.of("path", "notes", "depth", 1)));
        JsonObject deepEntry = shallow.getJsonArray("tree").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("name").equals("deep")).findFirst().orElseThrow();
        assertFalse(deepEntry.containsKey("children"));
        JsonObject deep = ok(call(client, "directory_tree", Map.of("path", "notes", "depth", 2)));
        JsonObject deepWithChildren = deep.getJsonArray("tree").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("name").equals("deep")).findFirst().orElseThrow();
        assertEquals("c.md", deepWithChildren.getJsonArray("children").getJsonObject(0).getString("name"));
        assertEquals(4, deep.getInteger("entries"));
    }

    @Test
    void directoryTreeDoesNotFollowSymlinksOutOfTheRoot() {
        String tree = ok(call(client, "directory_tree", Map.of("path", ".", "depth", 5))).encode();
        assertFalse(tree.contains("secret.txt"), tree);
        assertFalse(tree.contains(".env"), tree);
    }

    @Test
    void directoryTreeRejectsDepthOutOfRange() {
        assertTrue(error(call(client, "directory_tree", Map.of("path", ".", "depth", 11)))
                .contains("'depth' must be between 1 and 10"));
    }

    @Test
    void readTextFileReturnsTheWholeFile() {
        JsonObject result = ok(call(client, "read_text_file", Map.of("path", "hello.txt")));
        assertEquals("hello world\n", result.getString("content"));
        assertEquals(12, result.getInteger("size"));
        assertEquals(1, result.getInteger("lines"));
        assertFalse(result.getBoolean("truncated"));
    }

    @Test
    void readTextFileReturnsHeadAndTail() {
        assertEquals("line 1\nline 2\nline 3\n",
                ok(call(client, "read_text_file", Map.of("path", "lines.txt", "head", 3))).getString("content"));
        assertEquals("line 99\nline 100\n",
                ok(call(client, "read_text_file", Map.of("path", "lines.txt", "tail", 2))).getString("content"));
    }

    @Test
    void readTextFileReturnsAByteRange() {
        assertEquals("world", ok(call(client, "read_text_file", Map.of("path", "hello.txt", "offset", 6, "length", 5)))
                .getString("content"));
    }

    @Test
    void readTextFileDecodesTheRequestedCharset() {
        assertEquals("caf\u00e9\n", ok(call(client, "read_text_file",
                Map.of("path", "latin1.txt", "encoding", "ISO-8859-1"))).getString("content"));
        assertTrue(error(call(client, "read_text_file", Map.of("path", "latin1.txt", "encoding", "klingon")))
                .contains("Unknown encoding"));
    }

    @Test
    void readTextFileCapsAFileLargerThanMaxReadBytes() throws Exception {
        JsonObject result = ok(call(client, "read_text_file", Map.of("path", "big.txt")));
        assertTrue(result.getBoolean("truncated"));
        assertEquals("connector.filesystem.max-read-bytes", result.getJsonObject("limit").getString("name"));
        assertEquals(262_144, result.getJsonObject("limit").getLong("value"));
        assertEquals(262_144, result.getString("content").length());
        assertEquals(Files.size(ROOT.resolve("big.txt")), result.getLong("size"));
    }

    @Test
    void readTextFileRefusesMixedModesBinaryFilesDirectoriesAndMissingFiles() {
        assertTrue(error(call(client, "read_text_file", Map.of("path", "lines.txt", "head", 1, "tail", 1)))
                .contains("only one of"));
        assertTrue(error(call(client, "read_text_file", Map.of("path", "binary.bin"))).contains("binary"));
        assertTrue(error(call(client, "read_text_file", Map.of("path", "notes"))).contains("not a regular file"));
        assertTrue(error(call(client, "read_text_file", Map.of("path", "missing.txt"))).contains("does not exist"));
        assertTrue(error(call(client, "read_text_file", Map.of("path", "lines.txt", "head", 0)))
                .contains("at least 1"));
    }

    @Test
    void readTextFileFollowsSymlinksThatStayInsideTheRoot() {
        assertEquals("hello world\n", ok(call(client, "read_text_file", Map.of("path", "link-in"))).getString("content"));
    }

    @Test
    void readMediaFileReturnsImageAndAudioContent() {
        ToolResponse image = call(client, "read_media_file", Map.of("path", "pixel.png"));
        assertEquals("image/png", McpCalls.ok(image).getString("mimeType"));
        ImageContent imageContent = (ImageContent) image.content().get(1);
        assertEquals("image/png", imageContent.mimeType());
        assertArrayEquals(FilesystemFixture.PNG, Base64.getDecoder().decode(imageContent.data()));

        ToolResponse audio = call(client, "read_media_file", Map.of("path", "sound.wav"));
        AudioContent audioContent = (AudioContent) audio.content().get(1);
        assertEquals("audio/wav", audioContent.mimeType());
        assertArrayEquals(FilesystemFixture.WAV, Base64.getDecoder().decode(audioContent.data()));

        assertTrue(error(call(client, "read_media_file", Map.of("path", "hello.txt"))).contains("not an image or audio"));
    }

    @Test
    void searchFilesMatchesNamesByGlob() {
        JsonArray matches = ok(call(client, "search_files", Map.of("path", ".", "pattern", "*.md")))
                .getJsonArray("matches");
        assertEquals(3, matches.size());
        JsonArray nested = ok(call(client, "search_files", Map.of("path", ".", "pattern", "notes/**/*.md")))
                .getJsonArray("matches");
        assertEquals(1, nested.size());
        assertTrue(nested.getJsonObject(0).getString("path").endsWith("notes/deep/c.md"));
    }

    @Test
    void searchFilesMatchesContentAndGivesTheLine() {
        JsonArray matches = ok(call(client, "search_files", Map.of("path", ".", "pattern", "*", "content", "todo")))
                .getJsonArray("matches");
        assertEquals(1, matches.size());
        assertTrue(matches.getJsonObject(0).getString("path").endsWith("b.md"));
        assertEquals(3, matches.getJsonObject(0).getInteger("line"));
        assertEquals("TODO: ship it", matches.getJsonObject(0).getString("text"));
        assertEquals(0, ok(call(client, "search_files",
                Map.of("path", ".", "pattern", "*", "content", "todo", "case_sensitive", true)))
                .getJsonArray("matches").size());
    }

    @Test
    void searchFilesNeverReachesThroughSymlinksOrSensitiveNames() {
        assertEquals(0, ok(call(client, "search_files", Map.of("path", ".", "pattern", "*", "content", "SECRET")))
                .getJsonArray("matches").size());
        assertEquals(0, ok(call(client, "search_files", Map.of("path", ".", "pattern", "secret.txt")))
                .getJsonArray("matches").size());
    }

    @Test
    void searchFilesRejectsAnInvalidGlob() {
        assertTrue(error(call(client, "search_files", Map.of("path", ".", "pattern", "[a-"))).contains("not a valid glob"));
    }

    @Test
    void getFileInfoDescribesAFile() {
        JsonObject info = ok(call(client, "get_file_info", Map.of("path", "hello.txt")));
        assertEquals("file", info.getString("type"));
        assertEquals(12, info.getInteger("size"));
        assertEquals(9, info.getString("permissions").length());
        assertTrue(info.getBoolean("readable"));
        assertTrue(info.getString("modified").endsWith("Z"));
    }

    @Test
    void servesFilesAsResources() {
        AtomicReference<List<String>> templates = new AtomicReference<>();
        client.when().resourcesTemplatesList(page -> templates.set(
                page.templates().stream().map(t -> t.uriTemplate()).toList())).thenAssertResults();
        assertEquals(List.of("file:///{path}"), templates.get());

        AtomicReference<String> text = new AtomicReference<>();
        client.when().resourcesRead("file://" + ROOT.resolve("notes/b.md"),
                r -> text.set(r.contents().get(0).asText().text())).thenAssertResults();
        assertEquals("# B\nfirst\nTODO: ship it\n", text.get());

        AtomicReference<String> encoded = new AtomicReference<>();
        String path = ROOT.resolve("hello.txt").toString().substring(1).replace("/", "%2F");
        client.when().resourcesRead("file:///" + path, r -> encoded.set(r.contents().get(0).asText().text()))
                .thenAssertResults();
        assertEquals("hello world\n", encoded.get());
    }

    @Test
    void refusesResourceReadsOutsideTheRoot() {
        AtomicReference<Integer> code = new AtomicReference<>();
        client.when().resourcesRead("file://" + ROOT.resolve("link-out")).withErrorAssert(e -> code.set(e.code()))
                .send().thenAssertResults();
        assertEquals(-32002, code.get());
    }

    private static JsonObject entry(JsonObject listing, String name) {
        return listing.getJsonArray("entries").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("name").equals(name)).findFirst().orElseThrow();
    }
}
