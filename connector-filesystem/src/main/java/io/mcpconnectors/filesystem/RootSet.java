package io.mcpconnectors.filesystem;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.ClientRoot;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;

/**
 * The roots in force for a call: the configured ones, or with user-bound access the caller's own roots (mapped in
 * {@code connector.identity.map}, each inside a configured root), narrowed (or, when none are configured and access
 * is not user-bound, supplied) by the roots the MCP client offers.
 */
@ApplicationScoped
public class RootSet {

    private static final Logger LOG = Logger.getLogger(RootSet.class);

    private final List<FilesystemRoot> configured;
    private final boolean useClientRoots;
    private final Map<String, CachedRoots> clientRootCache = new ConcurrentHashMap<>();
    /** The roots of each mapped value, resolved and checked once (at start); as many as the map has values. */
    private final Map<String, List<FilesystemRoot>> mapped = new ConcurrentHashMap<>();

    private static final long CLIENT_ROOTS_TTL_NANOS = TimeUnit.SECONDS.toNanos(30);

    public RootSet(FilesystemConnectorConfig config) {
        this.configured = config.roots().map(RootSet::configuredRoots).orElse(List.of());
        this.useClientRoots = config.clientRoots();
    }

    private static List<FilesystemRoot> configuredRoots(List<String> paths) {
        List<FilesystemRoot> roots = new ArrayList<>();
        for (String value : paths) {
            if (value.isBlank()) {
                continue;
            }
            Path given = Path.of(value.trim()).toAbsolutePath().normalize();
            if (!Files.isDirectory(given)) {
                throw new InvalidSettingException("connector.filesystem.roots",
                        "names '" + value.trim() + "', which is not an existing directory");
            }
            try {
                Path real = given.toRealPath();
                roots.add(new FilesystemRoot(real, given, given.getFileName() == null ? "/" : given.getFileName().toString(),
                        "config"));
            } catch (IOException e) {
                throw new InvalidSettingException("connector.filesystem.roots",
                        "names '" + value.trim() + "', which cannot be opened (" + e.getClass().getSimpleName() + ")");
            }
        }
        return List.copyOf(roots);
    }

    public List<FilesystemRoot> configured() {
        return configured;
    }

    /** The roots for this call; fails with a clear message when there are none. */
    public List<FilesystemRoot> forCall(ToolCall call) {
        List<FilesystemRoot> roots = effective(call);
        if (roots.isEmpty()) {
            throw new ToolCallException("No root directory is available: the connector has no configured roots"
                    + " (connector.filesystem.roots) and the client offered none that may be used.");
        }
        return roots;
    }

    /**
     * The roots a caller may reach before any client root narrows them: its mapped roots with user-bound access,
     * else the configured ones.
     */
    public List<FilesystemRoot> of(CallerIdentity caller) {
        if (caller == null || !caller.isMapped()) {
            return configured;
        }
        try {
            return mapped.computeIfAbsent(caller.mapped(), this::mappedRoots);
        } catch (IllegalArgumentException e) {
            // Not reached after a normal start, which checks every mapped value; refuse rather than widen.
            throw new ToolCallException("Refused: the roots mapped for " + caller.principal() + " cannot be used ("
                    + e.getMessage() + "). Ask an admin to correct connector.identity.map.");
        }
    }

    /** What is wrong with a mapped list of roots, or null when each is a directory inside a configured root. */
    public String mappedProblem(String value) {
        try {
            mapped.computeIfAbsent(value, this::mappedRoots);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * A mapped value as roots: each an existing directory whose real path (symlinks resolved) lies inside the real
     * path of a configured root, compared by path segments, so {@code /data-evil} is not inside {@code /data}.
     */
    private List<FilesystemRoot> mappedRoots(String value) {
        if (configured.isEmpty()) {
            throw new IllegalArgumentException("connector.filesystem.roots is not set, and mapped roots must lie"
                    + " inside configured roots; set connector.filesystem.roots");
        }
        List<String> entries = CallerIdentity.list(value);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("names no directory (comma-separated absolute paths)");
        }
        List<FilesystemRoot> roots = new ArrayList<>();
        for (String entry : entries) {
            Path given;
            try {
                given = Path.of(entry).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("'" + entry + "' is not a valid path");
            }
            if (!Files.isDirectory(given)) {
                throw new IllegalArgumentException("'" + entry + "' is not an existing directory");
            }
            Path real;
            try {
                real = given.toRealPath();
            } catch (IOException e) {
                throw new IllegalArgumentException("'" + entry + "' cannot be opened (" + e.getClass().getSimpleName()
                        + ")");
            }
            if (configured.stream().noneMatch(c -> real.startsWith(c.realPath()))) {
                throw new IllegalArgumentException("'" + entry + "' is not inside connector.filesystem.roots ("
                        + configured.stream().map(c -> c.givenPath().toString()).collect(Collectors.joining(", "))
                        + (real.equals(given) ? "" : "; it resolves to " + real) + "); map directories inside them");
            }
            roots.add(new FilesystemRoot(real, given, given.getFileName() == null ? "/" : given.getFileName().toString(),
                    "mapped"));
        }
        return List.copyOf(roots);
    }

    private List<FilesystemRoot> effective(ToolCall call) {
        List<FilesystemRoot> base = of(call.caller());
        if (!useClientRoots) {
            return base;
        }
        List<ClientRoot> offered = offeredRoots(call);
        if (offered.isEmpty()) {
            return base;
        }
        List<FilesystemRoot> fromClient = new ArrayList<>();
        for (ClientRoot root : offered) {
            FilesystemRoot candidate = fromUri(root);
            if (candidate == null) {
                continue;
            }
            // Only without configured roots may the client supply them; a caller with mapped roots always has some.
            if (base.isEmpty() || base.stream().anyMatch(c -> candidate.realPath().startsWith(c.realPath()))) {
                fromClient.add(candidate);
            }
        }
        return fromClient.isEmpty() ? base : List.copyOf(fromClient);
    }

    /**
     * The client's roots, asked for at most once per session every {@link #CLIENT_ROOTS_TTL_NANOS}, so a call does
     * not cost a round trip to the client.
     */
    private List<ClientRoot> offeredRoots(ToolCall call) {
        long now = System.nanoTime();
        clientRootCache.values().removeIf(c -> now - c.fetchedAt() > CLIENT_ROOTS_TTL_NANOS);
        if (call.session() == null) {
            return fetch(call);
        }
        return clientRootCache.computeIfAbsent(call.session(), s -> new CachedRoots(fetch(call), now)).roots();
    }

    private static List<ClientRoot> fetch(ToolCall call) {
        try {
            return call.clientRoots().get();
        } catch (RuntimeException e) {
            LOG.debugf("Client roots could not be fetched: %s", e.getMessage());
            return List.of();
        }
    }

    private record CachedRoots(List<ClientRoot> roots, long fetchedAt) {
    }

    private static FilesystemRoot fromUri(ClientRoot root) {
        try {
            URI uri = URI.create(root.uri());
            if (!"file".equalsIgnoreCase(uri.getScheme())) {
                return null;
            }
            Path given = Path.of(uri).toAbsolutePath().normalize();
            if (!Files.isDirectory(given)) {
                return null;
            }
            String name = root.name() != null ? root.name()
                    : given.getFileName() == null ? "/" : given.getFileName().toString();
            return new FilesystemRoot(given.toRealPath(), given, name, "client");
        } catch (IllegalArgumentException | IOException | FileSystemNotFoundException e) {
            return null;
        }
    }
}
