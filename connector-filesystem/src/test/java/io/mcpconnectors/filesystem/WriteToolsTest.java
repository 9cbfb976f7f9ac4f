package io.mcpconnectors.filesystem;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static io.mcpconnectors.common.test.McpCalls.toolNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/** Write tools, enabled by an admin who opted out of approval explicitly. */
@QuarkusTest
@TestProfile(WriteToolsTest.WritesEnabled.class)
@WithTestResource(value = FilesystemFixture.class, initArgs = @ResourceArg(name = "name", value = "write"))
class WriteToolsTest extends McpClientTest {

    public static class WritesEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.access.writes", "enabled", "connector.approval.mode", "none",
                    "connector.audit.file", "target/audit/filesystem-write-audit.jsonl");
        }
    }

    static final Path BASE = FilesystemFixture.base("write");
    static final Path ROOT = FilesystemFixture.root("write");


    @Test
    void listsWriteToolsWhenEnabled() {
        assertEquals(List.of("create_directory", "directory_tree", "edit_file", "get_file_info", "list_directory",
                "list_roots", "move_file", "read_media_file", "read_text_file", "search_files", "write_file"),
                toolNames(client));
    }

    @Test
    void writeFileCreatesAndReplacesAtomically() throws Exception {
        JsonObject created = ok(call(client, "write_file", Map.of("path", "new.txt", "content", "first")));
        assertTrue(created.getBoolean("created"));
        assertEquals("first", Files.readString(ROOT.resolve("new.txt")));
        JsonObject replaced = ok(call(client, "write_file", Map.of("path", "new.txt", "content", "second")));
        assertFalse(replaced.getBoolean("created"));
        assertEquals("second", Files.readString(ROOT.resolve("new.txt")));
        try (Stream<Path> files = Files.list(ROOT)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void writeFileRefusesMissingParentAndDirectories() {
        assertTrue(error(call(client, "write_file", Map.of("path", "nowhere/x.txt", "content", "x")))
                .contains("create_directory"));
        assertFalse(Files.exists(ROOT.resolve("nowhere")));
        assertTrue(error(call(client, "write_file", Map.of("path", "notes", "content", "x"))).contains("is a directory"));
        assertTrue(Files.isDirectory(ROOT.resolve("notes")));
    }

    @Test
    void editFileDryRunShowsDiffAndChangesNothing() throws Exception {
        Files.writeString(ROOT.resolve("edit-dry.txt"), "alpha\nbeta\ngamma\n");
        JsonObject result = ok(call(client, "edit_file", Map.of("path", "edit-dry.txt", "dry_run", true,
                "edits", List.of(Map.of("old_text", "beta", "new_text", "BETA")))));
        assertFalse(result.getBoolean("applied"));
        assertTrue(result.getString("diff").contains("-beta\n+BETA"), result.getString("diff"));
        assertEquals("alpha\nbeta\ngamma\n", Files.readString(ROOT.resolve("edit-dry.txt")));
    }

    @Test
    void editFileAppliesEditsInOrder() throws Exception {
        Files.writeString(ROOT.resolve("edit.txt"), "alpha\nbeta\ngamma\n");
        JsonObject result = ok(call(client, "edit_file", Map.of("path", "edit.txt", "edits",
                List.of(Map.of("old_text", "beta", "new_text", "BETA"), Map.of("old_text", "BETA\ngamma", "new_text", "end")))));
        assertTrue(result.getBoolean("applied"));
        assertEquals("alpha\nend\n", Files.readString(ROOT.resolve("edit.txt")));
    }

    @Test
    void editFileChangesNothingWhenAnyEditFails() throws Exception {
        Files.writeString(ROOT.resolve("edit-fail.txt"), "one two one\n");
        assertTrue(error(call(client, "edit_file", Map.of("path", "edit-fail.txt", "edits",
                List.of(Map.of("old_text", "two", "new_text", "2"), Map.of("old_text", "missing", "new_text", "x")))))
                .contains("Edit 2: 'old_text' was not found"));
        assertTrue(error(call(client, "edit_file", Map.of("path", "edit-fail.txt", "edits",
                List.of(Map.of("old_text", "one", "new_text", "1"))))).contains("occurs more than once"));
        assertTrue(error(call(client, "edit_file", Map.of("path", "edit-fail.txt", "edits",
                List.of(Map.of("old_text", "one"))))).contains("needs the string fields"));
        assertEquals("one two one\n", Files.readString(ROOT.resolve("edit-fail.txt")));
    }

    @Test
    void createDirectoryCreatesParentsAndIsIdempotent() {
        assertTrue(ok(call(client, "create_directory", Map.of("path", "made/nested/deeper"))).getBoolean("created"));
        assertTrue(Files.isDirectory(ROOT.resolve("made/nested/deeper")));
        assertFalse(ok(call(client, "create_directory", Map.of("path", "made/nested"))).getBoolean("created"));
        assertTrue(error(call(client, "create_directory", Map.of("path", "hello.txt"))).contains("not a directory"));
    }

    @Test
    void moveFileRenamesAndRefusesToOverwrite() throws Exception {
        Files.writeString(ROOT.resolve("move-me.txt"), "payload");
        ok(call(client, "move_file", Map.of("source", "move-me.txt", "destination", "notes/moved.txt")));
        assertFalse(Files.exists(ROOT.resolve("move-me.txt")));
        assertEquals("payload", Files.readString(ROOT.resolve("notes/moved.txt")));
        assertTrue(error(call(client, "move_file", Map.of("source", "notes/moved.txt", "destination", "hello.txt")))
                .contains("already exists"));
        assertEquals("hello world\n", Files.readString(ROOT.resolve("hello.txt")));
        assertTrue(error(call(client, "move_file", Map.of("source", ROOT.toString(), "destination", "elsewhere")))
                .contains("root directory cannot be moved"));
    }

    static Stream<Arguments> writeAttacks() {
        return Stream.of(
                Arguments.of("write_file", Map.of("path", "../outside/new.txt", "content", "x")),
                Arguments.of("write_file", Map.of("path", BASE.resolve("data-evil/new.txt").toString(), "content", "x")),
                Arguments.of("write_file", Map.of("path", "link-out", "content", "overwritten")),
                Arguments.of("write_file", Map.of("path", "abs-link-out", "content", "overwritten")),
                Arguments.of("write_file", Map.of("path", "dir-link-out/new.txt", "content", "x")),
                Arguments.of("write_file", Map.of("path", "dir-link-out/secret.txt", "content", "overwritten")),
                Arguments.of("write_file", Map.of("path", ".env", "content", "x")),
                Arguments.of("write_file", Map.of("path", "safe.txt\u0000", "content", "x")),
                Arguments.of("edit_file", Map.of("path", "link-out", "edits", List.of(Map.of("old_text", "TOP", "new_text", "x")))),
                Arguments.of("create_directory", Map.of("path", "dir-link-out/sub")),
                Arguments.of("create_directory", Map.of("path", "../outside/sub")),
                Arguments.of("move_file", Map.of("source", "hello.txt", "destination", "../outside/stolen.txt")),
                Arguments.of("move_file", Map.of("source", "hello.txt", "destination", "dir-link-out/stolen.txt")),
                Arguments.of("move_file", Map.of("source", "link-out", "destination", "pulled-in.txt")),
                Arguments.of("move_file", Map.of("source", "../outside/secret.txt", "destination", "pulled-in.txt")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("writeAttacks")
    void refusesWritesOutsideTheRootAndChangesNothing(String tool, Map<String, Object> args) throws Exception {
        Map<String, String> before = FilesystemFixture.outsideSnapshot("write");
        String message = error(call(client, tool, args));
        assertFalse(message.contains("TOP SECRET"), message);
        assertEquals(before, FilesystemFixture.outsideSnapshot("write"));
        assertEquals("hello world\n", Files.readString(ROOT.resolve("hello.txt")));
        assertFalse(Files.exists(ROOT.resolve("pulled-in.txt")));
    }

    @Test
    void auditsWritesWithLongContentShortened() throws Exception {
        String content = "z".repeat(5000);
        ok(call(client, "write_file", Map.of("path", "audited.txt", "content", content)));
        List<String> lines = Files.readAllLines(Path.of("target/audit/filesystem-write-audit.jsonl"));
        JsonObject record = lines.stream().map(JsonObject::new)
                .filter(r -> "write_file".equals(r.getString("tool"))
                        && "audited.txt".equals(r.getJsonObject("arguments").getString("path")))
                .findFirst().orElseThrow();
        assertEquals("WRITE", record.getString("access"));
        assertEquals("ok", record.getString("outcome"));
        assertTrue(record.getJsonObject("arguments").getString("content").endsWith("(5000 chars)"));
        assertTrue(record.getJsonObject("arguments").getString("content").length() < 300);
    }
}
