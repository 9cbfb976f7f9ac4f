package io.mcpconnectors.filesystem;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.ToolCallException;

/**
 * Turns a path a tool was given into a real path inside a root, or refuses it. Containment is decided on real
 * paths (every symlink, intermediate ones included, resolved) and by path segments, never by string prefix, so
 * {@code /data-evil} is not inside {@code /data}. Sensitive names matching the deny patterns are refused too.
 */
@ApplicationScoped
public class PathGuard {

    static final int MAX_PATH_CHARS = 4096;
    static final int MAX_SEGMENT_CHARS = 255;

    private final List<PatternRule> denyRules;

    public PathGuard(FilesystemConnectorConfig config) {
        this.denyRules = config.denyPatterns().stream().filter(p -> !p.isBlank()).map(PatternRule::of).toList();
    }

    /** A path that must exist; returns its real path, inside a root. */
    public GuardedPath existing(String requested, List<FilesystemRoot> roots) {
        Located located = locate(requested, roots);
        Path real;
        try {
            real = located.candidate().toRealPath();
        } catch (NoSuchFileException e) {
            throw new ToolCallException("'" + requested + "' does not exist.");
        } catch (IOException e) {
            throw new ToolCallException("'" + requested + "' cannot be accessed (" + e.getClass().getSimpleName() + ").");
        }
        FilesystemRoot root = containing(real, roots);
        if (root == null) {
            throw outside(requested, "it resolves through a symbolic link to a place outside them");
        }
        GuardedPath guarded = new GuardedPath(real, root);
        checkNotDenied(requested, guarded);
        return guarded;
    }

    /**
     * A path that is about to be created: it must not exist yet (not even as a dangling link), and its nearest
     * existing ancestor must be inside a root after symlinks are resolved.
     */
    public GuardedPath creatable(String requested, List<FilesystemRoot> roots) {
        Located located = locate(requested, roots);
        Path candidate = located.candidate();
        if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolCallException("'" + requested + "' already exists.");
        }
        Path ancestor = candidate.getParent();
        Path rest = candidate.getFileName();
        while (ancestor != null && !Files.exists(ancestor, LinkOption.NOFOLLOW_LINKS)) {
            rest = ancestor.getFileName().resolve(rest);
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            throw outside(requested, "no part of it exists");
        }
        Path realAncestor;
        try {
            realAncestor = ancestor.toRealPath();
        } catch (IOException e) {
            throw new ToolCallException("'" + requested + "' cannot be created: a parent cannot be resolved ("
                    + e.getClass().getSimpleName() + ").");
        }
        Path target = realAncestor.resolve(rest).normalize();
        FilesystemRoot root = containing(target, roots);
        if (root == null || target.equals(root.realPath())) {
            throw outside(requested, "its parent resolves to a place outside them");
        }
        GuardedPath guarded = new GuardedPath(target, root);
        checkNotDenied(requested, guarded);
        return guarded;
    }

    /** A path that may or may not exist: an existing one is resolved, a missing one must be creatable. */
    public GuardedPath existingOrCreatable(String requested, List<FilesystemRoot> roots) {
        Path candidate = locate(requested, roots).candidate();
        return Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) ? existing(requested, roots)
                : creatable(requested, roots);
    }

    /** Whether a name found while listing is hidden by the deny patterns. */
    public boolean isDenied(Path real, FilesystemRoot root) {
        Path relative = root.realPath().relativize(real);
        for (PatternRule rule : denyRules) {
            if (rule.matches(relative)) {
                return true;
            }
        }
        return false;
    }

    private void checkNotDenied(String requested, GuardedPath guarded) {
        if (isDenied(guarded.path(), guarded.root())) {
            throw new ToolCallException("'" + requested + "' matches a sensitive-name pattern"
                    + " (connector.filesystem.deny-patterns) and cannot be accessed.");
        }
    }

    private Located locate(String requested, List<FilesystemRoot> roots) {
        if (requested == null || requested.isBlank()) {
            throw new ToolCallException("The path is empty; give a path inside one of the roots (see list_roots).");
        }
        if (requested.indexOf('\0') >= 0) {
            throw new ToolCallException("The path contains a NUL byte, which no file name may contain.");
        }
        if (requested.length() > MAX_PATH_CHARS) {
            throw new ToolCallException("The path is " + requested.length() + " characters long; at most "
                    + MAX_PATH_CHARS + " are accepted.");
        }
        Path given;
        try {
            given = Path.of(expandFileUri(requested));
        } catch (InvalidPathException e) {
            throw new ToolCallException("'" + requested + "' is not a valid path: " + e.getReason() + ".");
        }
        for (Path segment : given) {
            if (segment.toString().length() > MAX_SEGMENT_CHARS) {
                throw new ToolCallException("A name in the path is longer than " + MAX_SEGMENT_CHARS + " characters.");
            }
        }
        Path candidate = (given.isAbsolute() ? given : roots.get(0).realPath().resolve(given)).normalize();
        for (FilesystemRoot root : roots) {
            // Accept both the real and the given spelling of a root, then continue from its real path.
            for (Path base : List.of(root.realPath(), root.givenPath())) {
                if (candidate.startsWith(base)) {
                    return new Located(root.realPath().resolve(base.relativize(candidate)).normalize());
                }
            }
        }
        throw outside(requested, given.isAbsolute() ? "it is not under any of them" : "it climbs out of them with '..'");
    }

    private static String expandFileUri(String requested) {
        if (requested.regionMatches(true, 0, "file://", 0, 7)) {
            try {
                return Path.of(URI.create(requested)).toString();
            } catch (IllegalArgumentException e) {
                throw new ToolCallException("'" + requested + "' is not a valid file URI.");
            }
        }
        return requested;
    }

    private static FilesystemRoot containing(Path real, List<FilesystemRoot> roots) {
        for (FilesystemRoot root : roots) {
            if (real.startsWith(root.realPath())) {
                return root;
            }
        }
        return null;
    }

    private static ToolCallException outside(String requested, String why) {
        return new ToolCallException("Access denied: '" + requested + "' is outside the allowed roots (" + why
                + "). Use list_roots to see where files may be read.");
    }

    private record Located(Path candidate) {
    }

    /** A deny pattern: one without a slash matches any segment, one with a slash any run of segments. */
    private record PatternRule(PathMatcher matcher, boolean wholePath) {

        static PatternRule of(String pattern) {
            String glob = pattern.trim();
            return new PatternRule(FileSystems.getDefault().getPathMatcher("glob:" + glob), glob.contains("/"));
        }

        boolean matches(Path relative) {
            if (wholePath) {
                int count = relative.getNameCount();
                for (int start = 0; start < count; start++) {
                    for (int end = start + 1; end <= count; end++) {
                        if (matcher.matches(relative.subpath(start, end))) {
                            return true;
                        }
                    }
                }
                return false;
            }
            for (Path segment : relative) {
                if (matcher.matches(segment)) {
                    return true;
                }
            }
            return false;
        }
    }
}
