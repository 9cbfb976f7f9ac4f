package io.mcpconnectors.filesystem;

import java.nio.file.Path;

/**
 * A real path that passed the {@link PathGuard}, with the root it lies in.
 *
 * @param path the real (or, for a path to create, real-parent) absolute path
 * @param root the root containing it
 */
public record GuardedPath(Path path, FilesystemRoot root) {

    /** The path as shown to the user. */
    public String display() {
        return path.toString();
    }

    public boolean isRoot() {
        return path.equals(root.realPath());
    }
}
