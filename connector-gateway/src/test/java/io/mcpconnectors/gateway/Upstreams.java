package io.mcpconnectors.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mcpconnectors.common.test.ConnectorProcess;

/** The real connectors the tests put behind the gateway: their packaged builds, and their manifest pins. */
final class Upstreams {

    private Upstreams() {
    }

    /** The filesystem connector's lean stdio build, built by the reactor before this module. */
    static Path filesystemJar() {
        return jar("filesystem.jar");
    }

    /** The PostgreSQL connector's full build (OAuth built in), which HTTP deployments run. */
    static Path postgresJar() {
        return jar("postgres.remote.jar");
    }

    private static Path jar(String property) {
        String jar = System.getProperty(property);
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException(property + " is not set or missing (" + jar + "); run the build with -am");
        }
        return Path.of(jar).toAbsolutePath().normalize();
    }

    /** The command line that starts a packaged connector: this JVM's java. */
    static String command(Path jar) {
        return ConnectorProcess.javaCommandLine() + " -jar '" + jar + "'";
    }

    /** What {@code bin/connector <connector> manifest --sha256} prints for the connector with these settings. */
    static String manifestSha256(Path jar, Map<String, String> env) {
        try {
            ConnectorProcess.CommandResult result = ConnectorProcess.runCommand(jar, env, "manifest", "--sha256");
            if (result.exitCode() != 0) {
                throw new IllegalStateException("manifest failed: " + result.stderr());
            }
            return result.stdout().trim();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh directory under target/ for one test class's files. */
    static Path directory(String name) {
        try {
            Path dir = Path.of("target", "gateway-tests", name).toAbsolutePath();
            if (Files.exists(dir)) {
                try (var walk = Files.walk(dir)) {
                    List<Path> all = new ArrayList<>(walk.toList());
                    java.util.Collections.reverse(all);
                    for (Path p : all) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
            return dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
