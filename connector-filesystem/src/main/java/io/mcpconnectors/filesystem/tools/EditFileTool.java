package io.mcpconnectors.filesystem.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.bool;
import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.filesystem.AtomicFileWriter;
import io.mcpconnectors.filesystem.FileAccess;
import io.mcpconnectors.filesystem.GuardedPath;

@ApplicationScoped
public class EditFileTool implements ConnectorTool {

    static final int DIFF_CONTEXT_LINES = 3;

    private static final Arg<String> PATH = Arg.string("path", "file to edit").required();
    private static final Arg<List<Map<String, Object>>> EDITS = Arg.objects("edits", "replacements to apply in order",
            Map.of("type", "object",
                    "properties", Map.of("old_text", Map.of("type", "string",
                            "description", "exact text to replace; must occur once"),
                            "new_text", Map.of("type", "string", "description", "replacement")),
                    "required", List.of("old_text", "new_text"), "additionalProperties", false)).required();
    private static final Arg<Boolean> DRY_RUN = Arg.bool("dry_run",
            "preview the diff without changing the file (default false)").orElse(false);

    private static final ToolSpec SPEC = new ToolSpec("edit_file", "Edit file",
            "Applies exact-text replacements to a UTF-8 text file, in order. Each 'old_text' must occur exactly once"
                    + " in the file as it stands after the previous edits; otherwise nothing is changed. Returns a"
                    + " unified diff. With dry_run: true, only the diff is returned and the file is not touched.",
            ToolAccess.WRITE,
            List.of(PATH.spec(), EDITS.spec(), DRY_RUN.spec()),
            properties("path", string("the file"), "diff", string("unified diff of the change"),
                    "applied", bool("false for a dry run"), "edits", integer("number of edits")));

    private final FileAccess files;
    private final AtomicFileWriter writer;

    public EditFileTool(FileAccess files, AtomicFileWriter writer) {
        this.files = files;
        this.writer = writer;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) throws IOException {
        List<Map<String, Object>> edits = call.get(EDITS);
        boolean dryRun = call.get(DRY_RUN);
        Edited result = edit(call);
        if (!dryRun) {
            writer.write(result.file().path(), result.edited().getBytes(StandardCharsets.UTF_8));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", result.file().display());
        data.put("diff", result.diff());
        data.put("applied", !dryRun);
        data.put("edits", edits.size());
        return ToolResult.of(data, edits.size());
    }

    /** The diff the edits would make, as the person approving them sees it. */
    @Override
    public String preview(ToolCall call) throws IOException {
        Edited result = edit(call);
        return result.diff().isEmpty() ? "The edits leave " + result.file().display() + " unchanged."
                : "Changes " + result.file().display() + ":\n" + result.diff();
    }

    private record Edited(GuardedPath file, String edited, String diff) {
    }

    private Edited edit(ToolCall call) throws IOException {
        List<Map<String, Object>> edits = call.get(EDITS);
        if (edits.isEmpty()) {
            throw new ToolCallException("Argument 'edits' is empty; give at least one {old_text, new_text}.");
        }
        GuardedPath file = files.regularFile(call, PATH);
        String original = readUtf8(file);
        String edited = original;
        for (int i = 0; i < edits.size(); i++) {
            Map<String, Object> edit = edits.get(i);
            if (!(edit.get("old_text") instanceof String oldText) || !(edit.get("new_text") instanceof String newText)) {
                throw new ToolCallException("Edit " + (i + 1) + " needs the string fields 'old_text' and 'new_text'.");
            }
            if (oldText.isEmpty()) {
                throw new ToolCallException("Edit " + (i + 1) + " has an empty 'old_text'.");
            }
            int first = edited.indexOf(oldText);
            if (first < 0) {
                throw new ToolCallException("Edit " + (i + 1) + ": 'old_text' was not found in the file; nothing was"
                        + " changed. Read the file again and copy the text exactly.");
            }
            if (edited.indexOf(oldText, first + 1) >= 0) {
                throw new ToolCallException("Edit " + (i + 1) + ": 'old_text' occurs more than once; nothing was"
                        + " changed. Include more surrounding text so it is unique.");
            }
            edited = edited.substring(0, first) + newText + edited.substring(first + oldText.length());
        }
        return new Edited(file, edited, unifiedDiff(file.path().toString(), original, edited));
    }

    private static String readUtf8(GuardedPath file) throws IOException {
        byte[] bytes = Files.readAllBytes(file.path());
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ToolCallException("'" + file.path().getFileName() + "' is not valid UTF-8 text; edit_file only"
                    + " edits UTF-8 files (use write_file with the whole content).");
        }
    }

    static String unifiedDiff(String name, String original, String edited) {
        List<String> before = original.lines().toList();
        List<String> after = edited.lines().toList();
        Patch<String> patch = DiffUtils.diff(before, after);
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("a" + name, "b" + name, before, patch,
                DIFF_CONTEXT_LINES);
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
