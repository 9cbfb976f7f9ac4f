package io.mcpconnectors.filesystem;

import java.nio.file.Path;

/**
 * One directory the connector may touch.
 *
 * @param realPath the root's real path (symlinks resolved); every access is checked against it
 * @param givenPath the root as configured or offered, made absolute
 * @param name a display name
 * @param source config, mapped (a caller's own, with user-bound access) or client
 */
public record FilesystemRoot(Path realPath, Path givenPath, String name, String source) {
}
