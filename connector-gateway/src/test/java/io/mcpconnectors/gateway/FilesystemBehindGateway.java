package io.mcpconnectors.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings for a gateway in front of the filesystem connector spawned over stdio, with a root holding one file and
 * the pin of the connector's manifest as {@code manifest --sha256} prints it for these settings.
 */
final class FilesystemBehindGateway {

    private FilesystemBehindGateway() {
    }

    static Map<String, String> settings(String name, Map<String, String> upstreamEnv) {
        return settings(name, upstreamEnv, upstreamEnv);
    }

    /** The same, pinned to the manifest the connector offers with {@code pinnedEnv} instead. */
    static Map<String, String> settings(String name, Map<String, String> upstreamEnv, Map<String, String> pinnedEnv) {
        Path dir = Upstreams.directory(name);
        Path root = dir.resolve("root");
        try {
            Files.createDirectories(root);
            Files.writeString(root.resolve("hello.txt"), "hello through the gateway\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>(upstreamEnv);
        env.put("CONNECTOR_FILESYSTEM_ROOTS", root.toString());
        env.put("CONNECTOR_DATA_DIR", dir.resolve("fs-data").toString());
        Map<String, String> config = new HashMap<>();
        config.put("connector.gateway.upstreams.fs.command", Upstreams.command(Upstreams.filesystemJar()));
        env.forEach((k, v) -> config.put("connector.gateway.upstreams.fs.env." + k, v));
        Map<String, String> pinned = new HashMap<>(env);
        pinned.keySet().removeAll(upstreamEnv.keySet());
        pinned.putAll(pinnedEnv);
        config.put("connector.gateway.upstreams.fs.manifest-sha256",
                Upstreams.manifestSha256(Upstreams.filesystemJar(), pinned));
        config.put("connector.gateway.restart.initial-backoff", "200ms");
        config.put("connector.gateway.restart.max-backoff", "1s");
        config.put("connector.data-dir", dir.resolve("gateway-data").toString());
        config.put("connector.audit.file", dir.resolve("audit.jsonl").toString());
        return config;
    }

    static Path root(String name) {
        return Path.of("target", "gateway-tests", name, "root").toAbsolutePath();
    }

    static Path audit(String name) {
        return Path.of("target", "gateway-tests", name, "audit.jsonl").toAbsolutePath();
    }
}
