package io.mcpconnectors.filesystem.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.arrayOf;
import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.object;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.CappedCollector;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.filesystem.FileAccess;
import io.mcpconnectors.filesystem.FileKinds;
import io.mcpconnectors.filesystem.GuardedPath;

@ApplicationScoped
public class SearchFilesTool implements ConnectorTool {

    /** Files larger than this are matched by name only, never scanned for content. */
    static final long MAX_SCANNED_FILE_BYTES = 16L * 1024 * 1024;
    static final int MAX_LINE_CHARS = 240;

    private static final Arg<String> PATH = Arg.string("path", "directory to search under").required();
    private static final Arg<String> PATTERN = Arg.string("pattern", "glob matched against names (or relative paths)")
            .required();
    private static final Arg<String> CONTENT = Arg.string("content", "text the file must contain");
    private static final Arg<Boolean> CASE_SENSITIVE = Arg.bool("case_sensitive",
            "match 'content' case-sensitively (default false)").orElse(false);

    private static final ToolSpec SPEC = new ToolSpec("search_files", "Search files",
            "Finds files under a directory whose name matches a glob ('*.md'; a pattern with '/' such as"
                    + " 'src/**/*.java' matches the path relative to 'path'), optionally only those containing the"
                    + " text 'content' (then each match gives the first matching line). Symbolic links are not"
                    + " followed; results are capped. Files that could not be searched (larger than 16 MiB for a"
                    + " content search, or unreadable) are counted in 'skipped', never silently left out.",
            ToolAccess.READ,
            List.of(PATH.spec(), PATTERN.spec(), CONTENT.spec(), CASE_SENSITIVE.spec()),
            properties("path", string("the directory searched"),
                    "matches", arrayOf(object("path", string("matching file"), "type", string("file or directory"),
                            "line", integer("first matching line number (content search)"),
                            "text", string("that line, shortened")), "matches in walk order"),
                    "skipped", object("too_large", integer("files whose name matched but that are larger than 16 MiB,"
                            + " so their content was not searched"),
                            "unreadable", integer("files or directories that could not be read (permissions, removed"
                                    + " during the walk)")),
                    "note", string("present when files were skipped: how many, why, and what to do")));

    private final FileAccess files;

    public SearchFilesTool(FileAccess files) {
        this.files = files;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) throws IOException {
        String pattern = call.get(PATTERN);
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (IllegalArgumentException e) {
            throw new ToolCallException("'" + pattern + "' is not a valid glob pattern; examples: '*.md',"
                    + " '**/*.java', 'report-202?-*.csv'.");
        }
        boolean matchRelativePath = pattern.contains("/");
        String content = call.get(CONTENT);
        boolean caseSensitive = call.get(CASE_SENSITIVE);
        GuardedPath top = files.directory(call, PATH);
        CappedCollector matches = call.collector();
        long[] visited = {0};
        long[] tooLarge = { 0 };
        long[] unreadable = { 0 };
        Files.walkFileTree(top.path(), EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        checkInterrupted();
                        if (!dir.equals(top.path()) && files.isDenied(top, dir)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        if (!dir.equals(top.path()) && content == null && matches(dir)) {
                            return add(dir, attrs, null, null);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        checkInterrupted();
                        // A search of a large tree takes a while: the client sees how far it has come.
                        call.report().progress(++visited[0], -1, "searched " + visited[0] + " files, "
                                + matches.size() + " matches");
                        if (files.isDenied(top, file) || !matches(file)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (content == null) {
                            return add(file, attrs, null, null);
                        }
                        if (!attrs.isRegularFile()) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (attrs.size() > MAX_SCANNED_FILE_BYTES) {
                            tooLarge[0]++;
                            return FileVisitResult.CONTINUE;
                        }
                        Map.Entry<Integer, String> hit = firstMatchingLine(file, content, caseSensitive);
                        return hit == null ? FileVisitResult.CONTINUE : add(file, attrs, hit.getKey(), hit.getValue());
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        unreadable[0]++;
                        return FileVisitResult.CONTINUE;
                    }

                    private boolean matches(Path path) {
                        return matcher.matches(matchRelativePath ? top.path().relativize(path) : path.getFileName());
                    }

                    private FileVisitResult add(Path path, BasicFileAttributes attrs, Integer line, String text) {
                        Map<String, Object> match = new LinkedHashMap<>();
                        match.put("path", path.toString());
                        match.put("type", FileKinds.typeOf(attrs));
                        if (line != null) {
                            match.put("line", line);
                            match.put("text", text);
                        }
                        return matches.add(match) ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                    }
                });
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", top.display());
        data.put("matches", matches.items());
        data.put("skipped", Map.of("too_large", tooLarge[0], "unreadable", unreadable[0]));
        String note = skippedNote(tooLarge[0], unreadable[0]);
        if (note != null) {
            data.put("note", note);
        }
        return ToolResult.of(data, matches.size(), matches.truncation());
    }

    /** What a model must know when "no match" may not mean the text is absent. */
    static String skippedNote(long tooLarge, long unreadable) {
        if (tooLarge == 0 && unreadable == 0) {
            return null;
        }
        StringBuilder note = new StringBuilder("Not every file was searched: ");
        if (tooLarge > 0) {
            note.append(tooLarge).append(tooLarge == 1 ? " file" : " files").append(" larger than 16 MiB whose name"
                    + " matched (content not searched; read parts of it with read_text_file offset/length, head or"
                    + " tail)");
        }
        if (unreadable > 0) {
            note.append(tooLarge > 0 ? "; " : "").append(unreadable).append(unreadable == 1 ? " entry" : " entries")
                    .append(" that could not be read (permissions, or removed during the search)");
        }
        return note.append('.').toString();
    }

    private static void checkInterrupted() throws InterruptedIOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("search cancelled");
        }
    }

    private static Map.Entry<Integer, String> firstMatchingLine(Path file, String needle, boolean caseSensitive)
            throws IOException {
        if (FileKinds.startsLikeBinary(file)) {
            return null;
        }
        String wanted = caseSensitive ? needle : needle.toLowerCase(Locale.ROOT);
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String haystack = caseSensitive ? line : line.toLowerCase(Locale.ROOT);
                if (haystack.contains(wanted)) {
                    String text = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "…" : line;
                    return Map.entry(number, text);
                }
            }
        }
        return null;
    }
}
