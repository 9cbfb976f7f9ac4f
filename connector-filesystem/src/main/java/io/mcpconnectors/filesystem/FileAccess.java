package io.mcpconnectors.filesystem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;

/** Resolves the path arguments of a call against the roots in force for it. */
@ApplicationScoped
public class FileAccess {

    private final RootSet roots;
    private final PathGuard guard;

    public FileAccess(RootSet roots, PathGuard guard) {
        this.roots = roots;
        this.guard = guard;
    }

    public GuardedPath existing(ToolCall call, Arg<String> argument) {
        return existing(call, argument.name());
    }

    public GuardedPath directory(ToolCall call, Arg<String> argument) {
        return directory(call, argument.name());
    }

    public GuardedPath regularFile(ToolCall call, Arg<String> argument) {
        return regularFile(call, argument.name());
    }

    public GuardedPath creatable(ToolCall call, Arg<String> argument) {
        return creatable(call, argument.name());
    }

    public GuardedPath existingOrCreatable(ToolCall call, Arg<String> argument) {
        return existingOrCreatable(call, argument.name());
    }

    public GuardedPath existing(ToolCall call, String argument) {
        return guard.existing(call.arguments().string(argument), roots.forCall(call));
    }

    /** An existing directory inside a root. */
    public GuardedPath directory(ToolCall call, String argument) {
        GuardedPath path = existing(call, argument);
        if (!Files.isDirectory(path.path())) {
            throw new ToolCallException("'" + call.arguments().string(argument) + "' is not a directory; use"
                    + " read_text_file or get_file_info for files.");
        }
        return path;
    }

    /** An existing regular file inside a root. */
    public GuardedPath regularFile(ToolCall call, String argument) {
        GuardedPath path = existing(call, argument);
        if (!Files.isRegularFile(path.path())) {
            throw new ToolCallException("'" + call.arguments().string(argument) + "' is not a regular file; use"
                    + " list_directory for directories.");
        }
        return path;
    }

    public GuardedPath creatable(ToolCall call, String argument) {
        return guard.creatable(call.arguments().string(argument), roots.forCall(call));
    }

    public GuardedPath existingOrCreatable(ToolCall call, String argument) {
        return guard.existingOrCreatable(call.arguments().string(argument), roots.forCall(call));
    }

    public List<FilesystemRoot> roots(ToolCall call) {
        return roots.forCall(call);
    }

    public boolean isDenied(GuardedPath parent, Path child) {
        return guard.isDenied(child, parent.root());
    }

    public PathGuard guard() {
        return guard;
    }
}
