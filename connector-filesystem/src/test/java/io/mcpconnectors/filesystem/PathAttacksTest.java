package io.mcpconnectors.filesystem;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Paths that try to leave the root or reach sensitive names: every read tool refuses them and reads nothing. */
@QuarkusTest
@WithTestResource(value = FilesystemFixture.class, initArgs = @ResourceArg(name = "name", value = "attacks"))
class PathAttacksTest extends McpClientTest {

    static final Path BASE = FilesystemFixture.base("attacks");
    static final Path ROOT = FilesystemFixture.root("attacks");


    static Stream<Arguments> attacks() {
        return Stream.of(
                Arguments.of("parent traversal", "../outside/secret.txt", "outside the allowed roots"),
                Arguments.of("traversal inside an absolute path", ROOT + "/../outside/secret.txt", "outside the allowed roots"),
                Arguments.of("deep traversal", "notes/../../outside/secret.txt", "outside the allowed roots"),
                Arguments.of("absolute path elsewhere", "/etc/passwd", "outside the allowed roots"),
                Arguments.of("file URI elsewhere", "file:///etc/passwd", "outside the allowed roots"),
                Arguments.of("sibling directory", BASE.resolve("outside/secret.txt").toString(), "outside the allowed roots"),
                Arguments.of("prefix confusion", BASE.resolve("data-evil/evil.txt").toString(), "outside the allowed roots"),
                Arguments.of("relative symlink out", "link-out", "symbolic link"),
                Arguments.of("absolute symlink out", "abs-link-out", "symbolic link"),
                Arguments.of("intermediate symlink out", "dir-link-out/secret.txt", "symbolic link"),
                Arguments.of("NUL byte", "hello.txt\u0000../../outside/secret.txt", "NUL byte"),
                Arguments.of("over-long path", "a/".repeat(2100) + "x", "characters long"),
                Arguments.of("over-long name", "n".repeat(300), "longer than 255"),
                Arguments.of("dotenv file", ".env", "sensitive-name pattern"),
                Arguments.of("ssh key", "id_rsa", "sensitive-name pattern"),
                Arguments.of("git credentials", "repo/.git/config", "sensitive-name pattern"),
                Arguments.of("empty path", "", "path is empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void refusesPathForEveryReadTool(String attack, String path, String expected) {
        for (String tool : List.of("read_text_file", "get_file_info", "read_media_file")) {
            String message = error(call(client, tool, Map.of("path", path)));
            assertTrue(message.contains(expected), tool + ": " + message);
            assertFalse(message.contains("TOP SECRET"), tool + " leaked content: " + message);
        }
        for (String tool : List.of("list_directory", "directory_tree", "search_files")) {
            Map<String, Object> args = tool.equals("search_files") ? Map.of("path", path, "pattern", "*")
                    : Map.of("path", path);
            String message = error(call(client, tool, args));
            assertFalse(message.contains("TOP SECRET"), tool + " leaked content: " + message);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void leavesEverythingOutsideTheRootUntouched(String attack, String path, String expected) {
        Map<String, String> before = FilesystemFixture.outsideSnapshot("attacks");
        call(client, "read_text_file", Map.of("path", path));
        assertEquals(before, FilesystemFixture.outsideSnapshot("attacks"));
    }
}
