package io.mcpconnectors.filesystem.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.bool;
import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.filesystem.AtomicFileWriter;
import io.mcpconnectors.filesystem.FileAccess;
import io.mcpconnectors.filesystem.FileKinds;
import io.mcpconnectors.filesystem.GuardedPath;

@ApplicationScoped
public class WriteFileTool implements ConnectorTool {

    private static final Arg<String> PATH = Arg.string("path", "file to write").required();
    private static final Arg<String> CONTENT = Arg.string("content", "the complete new content").required();
    private static final Arg<String> ENCODING = Arg.string("encoding", "character set to write (default UTF-8)")
            .orElse("UTF-8");

    private static final ToolSpec SPEC = new ToolSpec("write_file", "Write file",
            "Creates a file or replaces its whole content, atomically (readers never see a half-written file). The"
                    + " parent directory must exist.",
            ToolAccess.WRITE,
            List.of(PATH.spec(), CONTENT.spec(), ENCODING.spec()),
            properties("path", string("the file written"), "bytes", integer("bytes written"),
                    "created", bool("true when the file did not exist before")));

    private final FileAccess files;
    private final AtomicFileWriter writer;

    public WriteFileTool(FileAccess files, AtomicFileWriter writer) {
        this.files = files;
        this.writer = writer;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) throws IOException {
        Charset charset = FileKinds.charset(call.get(ENCODING));
        GuardedPath target = files.existingOrCreatable(call, PATH);
        boolean created = !Files.exists(target.path(), LinkOption.NOFOLLOW_LINKS);
        byte[] bytes = call.get(CONTENT).getBytes(charset);
        writer.write(target.path(), bytes);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", target.display());
        data.put("bytes", bytes.length);
        data.put("created", created);
        return ToolResult.of(data, 1);
    }

    /** A new file's size and first lines, or the diff against the file it replaces. */
    @Override
    public String preview(ToolCall call) throws IOException {
        Charset charset = FileKinds.charset(call.get(ENCODING));
        GuardedPath target = files.existingOrCreatable(call, PATH);
        String content = call.get(CONTENT);
        int bytes = content.getBytes(charset).length;
        if (!Files.exists(target.path(), LinkOption.NOFOLLOW_LINKS)) {
            return "Creates " + target.display() + " (" + bytes + " bytes):\n" + content;
        }
        long oldSize = Files.size(target.path());
        String old;
        try {
            old = charset.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(target.path()))).toString();
        } catch (CharacterCodingException e) {
            return "Replaces " + target.display() + " (" + oldSize + " bytes, not text in " + charset + ") with "
                    + bytes + " bytes:\n" + content;
        }
        String diff = EditFileTool.unifiedDiff(target.path().toString(), old, content);
        return "Replaces " + target.display() + " (" + oldSize + " bytes) with " + bytes + " bytes"
                + (diff.isEmpty() ? "; the content is the same." : ":\n" + diff);
    }
}
