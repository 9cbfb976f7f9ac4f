package io.mcpconnectors.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.sun.security.auth.module.UnixSystem;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.common.spi.Connector;

/** The filesystem connector: local directories, confined to roots (with user-bound access, to each caller's own). */
@ApplicationScoped
public class FilesystemConnector implements Connector {

    /** The cap on one read_text_file call, in bytes. */
    public static final String MAX_READ_BYTES_KEY = "connector.filesystem.max-read-bytes";

    private final RootSet roots;
    private final ConnectorRuntimeConfig.Transport transport;
    private final long maxReadBytes;

    public FilesystemConnector(RootSet roots, ConnectorRuntimeConfig config, FilesystemConnectorConfig filesystem) {
        this.roots = roots;
        this.transport = config.transport();
        this.maxReadBytes = filesystem.maxReadBytes();
    }

    private static boolean ownedByThisUser(Path path) {
        try {
            return Files.getOwner(path).getName().equals(new UnixSystem().getUsername());
        } catch (IOException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String name() {
        return "filesystem";
    }

    @Override
    public void verify() {
        if (maxReadBytes < 1) {
            throw new InvalidSettingException(MAX_READ_BYTES_KEY,
                    "must be a number of bytes of at least 1 (got " + maxReadBytes + "); the default is 262144");
        }
        roots.configured();
    }

    /**
     * A mapped value is a comma-separated list of directories, each inside connector.filesystem.roots after
     * symlinks are resolved: user-bound access gives a caller part of what the connector may touch, never more.
     */
    @Override
    public String mappedIdentityProblem(String value) {
        return roots.mappedProblem(value);
    }

    @Override
    public String healthProblem() {
        List<String> unreadable = roots.configured().stream()
                .filter(r -> !Files.isDirectory(r.realPath()) || !Files.isReadable(r.realPath()))
                .map(r -> r.givenPath().toString()).toList();
        return unreadable.isEmpty() ? null : "roots not readable: " + unreadable;
    }

    @Override
    public String excessWriteRight() {
        // Over stdio the connector acts for the person who started it: their own directories are theirs to write,
        // so only others' writable directories are worth a warning. Over HTTP every writable root is.
        boolean stdio = transport == ConnectorRuntimeConfig.Transport.STDIO;
        String writable = roots.configured().stream().filter(r -> Files.isWritable(r.realPath()))
                .filter(r -> !stdio || !ownedByThisUser(r.realPath()))
                .map(r -> r.givenPath().toString()).collect(Collectors.joining(", "));
        return writable.isEmpty() ? null
                : "the roots " + writable + " are writable by this process (mount them read-only for defence in depth)";
    }
}
