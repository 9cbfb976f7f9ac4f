package io.mcpconnectors.filesystem;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Connector;

/** The filesystem connector: local directories, confined to roots (with user-bound access, to each caller's own). */
@ApplicationScoped
public class FilesystemConnector implements Connector {

    private final RootSet roots;

    public FilesystemConnector(RootSet roots) {
        this.roots = roots;
    }

    @Override
    public String name() {
        return "filesystem";
    }

    @Override
    public void verify() {
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
        String writable = roots.configured().stream().filter(r -> Files.isWritable(r.realPath()))
                .map(r -> r.givenPath().toString()).collect(Collectors.joining(", "));
        return writable.isEmpty() ? null
                : "the roots " + writable + " are writable by this process (mount them read-only for defence in depth)";
    }
}
