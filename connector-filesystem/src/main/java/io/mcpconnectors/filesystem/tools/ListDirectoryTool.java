package io.mcpconnectors.filesystem.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.arrayOf;
import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.object;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
public class ListDirectoryTool implements ConnectorTool {

    private static final Arg<String> PATH = Arg.string("path",
            "directory to list, absolute or relative to the first root").required();

    private static final ToolSpec SPEC = new ToolSpec("list_directory", "List directory",
            "Lists the entries of a directory, sorted by name, with their type (file, directory, symlink, other) and"
                    + " the size of files. Sensitive names are omitted.",
            ToolAccess.READ,
            List.of(PATH.spec()),
            properties("path", string("the directory listed"),
                    "entries", arrayOf(object("name", string("entry name"), "type", string("file, directory, symlink or other"),
                            "size", integer("size in bytes (files only)")), "entries sorted by name"),
                    "total", integer("how many visible entries the directory has")));

    private final FileAccess files;

    public ListDirectoryTool(FileAccess files) {
        this.files = files;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) throws IOException {
        GuardedPath dir = files.directory(call, PATH);
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir.path())) {
            for (Path child : stream) {
                if (!files.isDenied(dir, child)) {
                    children.add(child);
                }
            }
        }
        children.sort(null);
        CappedCollector entries = call.collector();
        for (Path child : children) {
            BasicFileAttributes attributes = FileKinds.attributes(child);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", child.getFileName().toString());
            entry.put("type", FileKinds.typeOf(attributes));
            if (attributes.isRegularFile()) {
                entry.put("size", attributes.size());
            }
            if (!entries.add(entry)) {
                break;
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", dir.display());
        data.put("entries", entries.items());
        data.put("total", children.size());
        return ToolResult.of(data, entries.size(), entries.truncation());
    }
}
