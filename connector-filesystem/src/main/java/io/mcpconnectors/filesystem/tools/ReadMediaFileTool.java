package io.mcpconnectors.filesystem.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.Media;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.filesystem.FileAccess;
import io.mcpconnectors.filesystem.FileKinds;
import io.mcpconnectors.filesystem.GuardedPath;

@ApplicationScoped
public class ReadMediaFileTool implements ConnectorTool {

    private static final Arg<String> PATH = Arg.string("path", "image or audio file to read").required();

    private static final ToolSpec SPEC = new ToolSpec("read_media_file", "Read image or audio file",
            "Reads an image (png, jpeg, gif, webp, bmp, svg, ico, tiff) or audio file (mp3, wav, ogg, flac, m4a,"
                    + " aac, opus) and returns it as MCP image or audio content. Files larger than"
                    + " connector.limits.max-bytes are refused.",
            ToolAccess.READ, List.of(PATH.spec()),
            properties("path", string("the file read"), "mimeType", string("its media type"),
                    "size", integer("its size in bytes")));

    private final FileAccess files;

    public ReadMediaFileTool(FileAccess files) {
        this.files = files;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) throws IOException {
        GuardedPath file = files.regularFile(call, PATH);
        Map.Entry<Media.Kind, String> type = FileKinds.mediaType(file.path());
        if (type == null) {
            throw new ToolCallException("'" + file.path().getFileName() + "' is not an image or audio file (judged by"
                    + " its extension); use read_text_file for text.");
        }
        long size = Files.size(file.path());
        if (size > call.limits().maxBytes()) {
            throw new ToolCallException("'" + file.path().getFileName() + "' is " + size + " bytes, more than"
                    + " connector.limits.max-bytes (" + call.limits().maxBytes() + ").");
        }
        byte[] bytes = Files.readAllBytes(file.path());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", file.display());
        data.put("mimeType", type.getValue());
        data.put("size", bytes.length);
        return new ToolResult(data, 1, null, List.of(new Media(type.getKey(), type.getValue(), bytes)));
    }
}
