package io.mcpconnectors.filesystem;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.CompletionRequest;
import io.mcpconnectors.common.spi.ConnectorResource;
import io.mcpconnectors.common.spi.ResourceBody;
import io.mcpconnectors.common.spi.ResourceEntry;
import io.mcpconnectors.common.spi.ResourceListing;
import io.mcpconnectors.common.spi.ResourcePage;
import io.mcpconnectors.common.spi.ResourceTemplateSpec;
import io.mcpconnectors.common.spi.ToolCallException;

/**
 * Files under the roots as {@code file://} resources. The listed template is {@code file:///{path}}: a client that
 * expands it per RFC 6570 percent-encodes the slashes of the path. Plain file URIs with unencoded slashes are
 * answered too, through unlisted templates of one to {@value #MAX_SEGMENTS} segments. Every read passes the same
 * {@link PathGuard} as the tools, against the configured roots or, with user-bound access, the caller's own; the
 * listing, the completions of paths and the subscriptions see the same roots and deny patterns.
 */
@ApplicationScoped
public class FileResource implements ConnectorResource {

    static final int MAX_SEGMENTS = 32;
    /** Most directory entries one listing page walks. */
    static final int MAX_WALK = 10_000;

    private final RootSet roots;
    private final PathGuard guard;

    public FileResource(RootSet roots, PathGuard guard) {
        this.roots = roots;
        this.guard = guard;
    }

    @Override
    public List<ResourceTemplateSpec> templates() {
        List<ResourceTemplateSpec> templates = new ArrayList<>();
        templates.add(new ResourceTemplateSpec("file", "File",
                "A file under one of the connector's roots (text, or base64 for binary files).", "file:///{path}",
                "application/octet-stream", true));
        for (int depth = 2; depth <= MAX_SEGMENTS; depth++) {
            String segments = IntStream.rangeClosed(1, depth).mapToObj(i -> "{s" + i + "}")
                    .collect(Collectors.joining("/"));
            templates.add(new ResourceTemplateSpec("file-" + depth, "File", "A file under one of the roots.",
                    "file:///" + segments, "application/octet-stream", false));
        }
        return templates;
    }

    @Override
    public ResourceBody read(String uri, Map<String, String> variables, CallLimits limits, CallerIdentity caller) throws IOException {
        String path = "/" + variables.entrySet().stream().sorted(Map.Entry.comparingByKey(this::segmentOrder))
                .map(e -> URLDecoder.decode(e.getValue().replace("+", "%2B"), StandardCharsets.UTF_8))
                .collect(Collectors.joining("/"));
        List<FilesystemRoot> allowed = roots.of(caller);
        if (allowed.isEmpty()) {
            throw new ToolCallException("No configured roots: file resources need connector.filesystem.roots.");
        }
        GuardedPath file = guard.existing(path, allowed);
        if (!Files.isRegularFile(file.path())) {
            throw new ToolCallException("'" + path + "' is not a regular file.");
        }
        long size = Files.size(file.path());
        if (size > limits.maxBytes()) {
            throw new ToolCallException("'" + path + "' is " + size + " bytes, more than connector.limits.max-bytes ("
                    + limits.maxBytes() + "); use read_text_file with head, tail or a byte range.");
        }
        byte[] bytes = Files.readAllBytes(file.path());
        var media = FileKinds.mediaType(file.path());
        if (media == null && !FileKinds.looksBinary(bytes, bytes.length)) {
            try {
                String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
                return ResourceBody.text("text/plain", text);
            } catch (CharacterCodingException e) {
                // Not UTF-8 text: served as bytes below.
            }
        }
        return ResourceBody.binary(media != null ? media.getValue() : "application/octet-stream", bytes);
    }

    /**
     * The regular files under the caller's roots, depth first in name order, names the deny patterns hide left out,
     * symbolic links not followed. The walk stops after {@value #MAX_WALK} entries, so a page costs at most that
     * many directory entries however large the tree.
     */
    @Override
    public ResourcePage list(ResourceListing page, CallerIdentity caller) throws IOException {
        List<ResourceEntry> found = new ArrayList<>();
        long[] seen = { 0 };
        long[] skipped = { 0 };
        boolean more = false;
        for (FilesystemRoot root : roots.of(caller)) {
            if (walk(root, root.realPath(), page, found, seen, skipped)) {
                more = true;
                break;
            }
        }
        return new ResourcePage(found, more ? page.position() + found.size() : -1);
    }

    /** Walks one directory; true when the page is full and another file follows. */
    private boolean walk(FilesystemRoot root, Path dir, ResourceListing page, List<ResourceEntry> found, long[] seen,
            long[] skipped) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                if (!guard.isDenied(child, root)) {
                    children.add(child);
                }
            }
        } catch (IOException e) {
            return false; // an unreadable directory lists nothing, as list_directory would refuse it
        }
        children.sort(null);
        for (Path child : children) {
            if (++seen[0] > MAX_WALK) {
                return false;
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                continue;
            }
            if (attributes.isDirectory()) {
                if (walk(root, child, page, found, seen, skipped)) {
                    return true;
                }
            } else if (attributes.isRegularFile()) {
                if (skipped[0] < page.position()) {
                    skipped[0]++;
                    continue;
                }
                if (found.size() == page.size()) {
                    return true;
                }
                var media = FileKinds.mediaType(child);
                found.add(new ResourceEntry(child.toUri().toString(), child.toString(),
                        child.getFileName().toString(), null, media == null ? null : media.getValue(),
                        attributes.size()));
            }
        }
        return false;
    }

    /** Paths under the caller's roots that continue what was typed: the roots first, then a directory's entries. */
    @Override
    public List<String> complete(CompletionRequest request, CallerIdentity caller) {
        List<FilesystemRoot> allowed = roots.of(caller);
        String typed = request.typed().startsWith("/") ? request.typed() : "/" + request.typed();
        List<String> values = new ArrayList<>();
        int slash = typed.lastIndexOf('/');
        String parent = typed.substring(0, slash + 1);
        String prefix = typed.substring(slash + 1);
        GuardedPath directory = null;
        if (!parent.equals("/")) {
            try {
                directory = guard.existing(parent, allowed);
            } catch (ToolCallException e) {
                directory = null;
            }
        }
        if (directory == null || !Files.isDirectory(directory.path())) {
            for (FilesystemRoot root : allowed) {
                String path = root.realPath().toString().substring(1) + "/";
                if (path.startsWith(typed.substring(1))) {
                    values.add(path);
                }
            }
            return values.stream().limit(request.limit()).toList();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory.path())) {
            for (Path child : stream) {
                String name = child.getFileName().toString();
                if (name.startsWith(prefix) && !guard.isDenied(child, directory.root())
                        && (!Files.isSymbolicLink(child) || readable(child, allowed))) {
                    names.add(name + (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS) ? "/" : ""));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        names.sort(null);
        String base = directory.path().toString().substring(1) + "/";
        return names.stream().limit(request.limit()).map(n -> base + n).toList();
    }

    /** Whether a symbolic link leads to something the caller may read (inside its roots, not denied). */
    private boolean readable(Path link, List<FilesystemRoot> allowed) {
        try {
            guard.existing(link.toString(), allowed);
            return true;
        } catch (ToolCallException e) {
            return false;
        }
    }

    @Override
    public boolean subscribable() {
        return true;
    }

    /** A file's modification time, size and identity; a change of any means its content may have changed. */
    @Override
    public String version(String uri, CallerIdentity caller) throws IOException {
        if (!uri.regionMatches(true, 0, "file:", 0, 5)) {
            return null;
        }
        Path path;
        try {
            path = Path.of(URI.create(uri));
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new ToolCallException(uri + " is not a file URI of an absolute path (file:///dir/file).");
        }
        List<FilesystemRoot> allowed = roots.of(caller);
        if (allowed.isEmpty()) {
            throw new ToolCallException("No configured roots: file resources need connector.filesystem.roots.");
        }
        GuardedPath file = guard.existing(path.toString(), allowed);
        BasicFileAttributes attributes = Files.readAttributes(file.path(), BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new ToolCallException("'" + path + "' is not a regular file; only files can be watched.");
        }
        return attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) + ":" + attributes.size() + ":"
                + attributes.fileKey();
    }

    private int segmentOrder(String a, String b) {
        return Integer.compare(order(a), order(b));
    }

    private static int order(String variable) {
        return variable.equals("path") ? 0 : Integer.parseInt(variable.substring(1));
    }
}
