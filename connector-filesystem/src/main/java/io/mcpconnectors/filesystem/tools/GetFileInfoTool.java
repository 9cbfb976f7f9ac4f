package io.mcpconnectors.filesystem.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.bool;
import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.filesystem.FileAccess;
import io.mcpconnectors.filesystem.FileKinds;
import io.mcpconnectors.filesystem.GuardedPath;

@ApplicationScoped
public class GetFileInfoTool implements ConnectorTool {

    private static final Arg<String> PATH = Arg.string("path", "file or directory").required();

    private static final ToolSpec SPEC = new ToolSpec("get_file_info", "Get file info",
            "Returns metadata of a file or directory: type, size, creation, modification and access times"
                    + " (ISO-8601 UTC), POSIX permissions where the filesystem has them.",
            ToolAccess.READ, List.of(PATH.spec()),
            properties("path", string("real path"), "type", string("file, directory or other"),
                    "size", integer("size in bytes"), "created", string("creation time"),
                    "modified", string("last modification time"), "accessed", string("last access time"),
                    "permissions", string("POSIX permissions such as rw-r--r--"),
                    "readable", bool("whether the connector can read it"),
                    "writable", bool("whether the connector could write it (if writes were enabled)")));

    private final FileAccess files;

    public GetFileInfoTool(FileAccess files) {
        this.files = files;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) throws IOException {
        GuardedPath target = files.existing(call, PATH);
        BasicFileAttributes attributes = FileKinds.attributes(target.path());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", target.display());
        data.put("type", FileKinds.typeOf(attributes));
        data.put("size", attributes.size());
        data.put("created", attributes.creationTime().toInstant().toString());
        data.put("modified", attributes.lastModifiedTime().toInstant().toString());
        data.put("accessed", attributes.lastAccessTime().toInstant().toString());
        try {
            PosixFileAttributes posix = Files.readAttributes(target.path(), PosixFileAttributes.class);
            data.put("permissions", PosixFilePermissions.toString(posix.permissions()));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX filesystem: no permission string to report.
        }
        data.put("readable", Files.isReadable(target.path()));
        data.put("writable", Files.isWritable(target.path()));
        return ToolResult.of(data, 1);
    }
}
