package io.mcpconnectors.filesystem.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.bool;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.io.IOException;
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
import io.mcpconnectors.filesystem.FileAccess;
import io.mcpconnectors.filesystem.GuardedPath;

@ApplicationScoped
public class CreateDirectoryTool implements ConnectorTool {

    private static final Arg<String> PATH = Arg.string("path", "directory to create").required();

    private static final ToolSpec SPEC = new ToolSpec("create_directory", "Create directory",
            "Creates a directory and any missing parents. Succeeds without change when it already exists.",
            ToolAccess.WRITE, List.of(PATH.spec()),
            properties("path", string("the directory"), "created", bool("false when it already existed")));

    private final FileAccess files;

    public CreateDirectoryTool(FileAccess files) {
        this.files = files;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) throws IOException {
        GuardedPath target = files.existingOrCreatable(call, PATH);
        boolean exists = Files.exists(target.path(), LinkOption.NOFOLLOW_LINKS);
        if (exists && !Files.isDirectory(target.path(), LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolCallException("'" + call.get(PATH) + "' exists and is not a directory.");
        }
        if (!exists) {
            Files.createDirectories(target.path());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", target.display());
        data.put("created", !exists);
        return ToolResult.of(data, 1);
    }

    /** The path says it all; one outside the caller's roots is refused before anyone is asked to approve it. */
    @Override
    public String preview(ToolCall call) {
        files.existingOrCreatable(call, PATH);
        return null;
    }
}
