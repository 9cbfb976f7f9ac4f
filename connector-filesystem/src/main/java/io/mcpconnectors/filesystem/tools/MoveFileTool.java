package io.mcpconnectors.filesystem.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
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
public class MoveFileTool implements ConnectorTool {

    private static final Arg<String> SOURCE = Arg.string("source", "file or directory to move").required();
    private static final Arg<String> DESTINATION = Arg.string("destination", "new path").required();

    private static final ToolSpec SPEC = new ToolSpec("move_file", "Move or rename",
            "Moves or renames a file or directory. The destination must not exist and its parent must; both must lie"
                    + " inside the roots.",
            ToolAccess.WRITE,
            List.of(SOURCE.spec(), DESTINATION.spec()),
            properties("source", string("the former path"), "destination", string("the new path")));

    private final FileAccess files;

    public MoveFileTool(FileAccess files) {
        this.files = files;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) throws IOException {
        GuardedPath source = files.existing(call, SOURCE);
        if (source.isRoot()) {
            throw new ToolCallException("A root directory cannot be moved.");
        }
        GuardedPath destination = files.creatable(call, DESTINATION);
        if (!Files.isDirectory(destination.path().getParent())) {
            throw new ToolCallException("The parent directory of the destination does not exist; create it first"
                    + " with create_directory.");
        }
        if (destination.path().startsWith(source.path())) {
            throw new ToolCallException("A directory cannot be moved into itself.");
        }
        try {
            Files.move(source.path(), destination.path(), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source.path(), destination.path());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", source.display());
        data.put("destination", destination.display());
        return ToolResult.of(data, 1);
    }

    @Override
    public String preview(ToolCall call) throws IOException {
        GuardedPath source = files.existing(call, SOURCE);
        GuardedPath destination = files.creatable(call, DESTINATION);
        return "Moves " + (Files.isDirectory(source.path(), LinkOption.NOFOLLOW_LINKS)
                ? "the directory " : "the file ") + source.display() + " to " + destination.display() + ".";
    }
}
