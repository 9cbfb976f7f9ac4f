package io.mcpconnectors.filesystem;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;


import org.jboss.logging.Logger;

import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.common.spi.ClientRoot;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;

/**
 * The roots in force for a call: the configured ones, narrowed (or, when none are configured, supplied) by the
 * roots the MCP client offers.
 */
@ApplicationScoped
public class RootSet {

    private static final Logger LOG = Logger.getLogger(RootSet.class);

    private final List<FilesystemRoot> configured;
    private final boolean useClientRoots;
    private final java.util.Map<String, CachedRoots> clientRootCache = new java.util.concurrent.ConcurrentHashMap<>();

    private static final long CLIENT_ROOTS_TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

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

    private List<FilesystemRoot> effective(ToolCall call) {
        if (!useClientRoots) {
            return configured;
        }
        List<ClientRoot> offered = offeredRoots(call);
        if (offered.isEmpty()) {
            return configured;
        }
        List<FilesystemRoot> fromClient = new ArrayList<>();
        for (ClientRoot root : offered) {
            FilesystemRoot candidate = fromUri(root);
            if (candidate == null) {
                continue;
            }
            if (configured.isEmpty() || configured.stream().anyMatch(c -> candidate.realPath().startsWith(c.realPath()))) {
                fromClient.add(candidate);
            }
        }
        return fromClient.isEmpty() ? configured : List.copyOf(fromClient);
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
        } catch (IllegalArgumentException | IOException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }
}
