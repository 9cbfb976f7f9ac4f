package io.mcpconnectors.filesystem;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.ToolCall;

/** Resolves the path arguments of a call against the roots in force for it. */
@ApplicationScoped
public class FileAccess {

    private final RootSet roots;
    private final PathGuard guard;

    public FileAccess(RootSet roots, PathGuard guard) {
        this.roots = roots;
        this.guard = guard;
    }

    public GuardedPath existing(ToolCall call, String argument) {
        return guard.existing(call.arguments().string(argument), roots.forCall(call));
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

    public boolean isDenied(GuardedPath parent, java.nio.file.Path child) {
        return guard.isDenied(child, parent.root());
    }

    public PathGuard guard() {
        return guard;
    }
}
