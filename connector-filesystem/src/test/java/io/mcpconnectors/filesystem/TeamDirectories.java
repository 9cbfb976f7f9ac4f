package io.mcpconnectors.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Directories for user-bound access: the connector's root {@code shared} holds one directory per team, {@code sales}
 * (alice's) and {@code sales-emea} (bob's, whose name starts with alice's, for prefix confusion), plus a file of
 * neither. From alice's directory, symbolic links lead into bob's (relative, absolute, and through a directory).
 * Beside the root: {@code outside}, and {@code shared-evil} (prefix confusion with the root itself); the root's
 * {@code escape} links to {@code outside}.
 */
public class TeamDirectories implements QuarkusTestResourceLifecycleManager {

    public static final String FORECAST = "alice's forecast: 12 deals";
    public static final String PIPELINE = "EMEA pipeline, bob's team only";
    public static final String COMMON = "common to the connector, mapped to no one";

    public static Path base() {
        return Path.of("target", "fs-fixture", "user-bound").toAbsolutePath();
    }

    public static Path shared() {
        return base().resolve("shared");
    }

    public static Path sales() {
        return shared().resolve("sales");
    }

    public static Path salesEmea() {
        return shared().resolve("sales-emea");
    }

    @Override
    public Map<String, String> start() {
        try {
            delete(base());
            Files.createDirectories(sales().resolve("notes"));
            Files.createDirectories(salesEmea());
            Files.createDirectories(base().resolve("outside"));
            Files.createDirectories(base().resolve("shared-evil"));
            Files.writeString(sales().resolve("forecast.txt"), FORECAST);
            Files.writeString(sales().resolve("notes").resolve("q3.md"), "# Q3\n");
            Files.writeString(salesEmea().resolve("pipeline.txt"), PIPELINE);
            Files.writeString(shared().resolve("common.txt"), COMMON);
            Files.writeString(base().resolve("outside").resolve("secret.txt"), PIPELINE);
            Files.createSymbolicLink(sales().resolve("emea-dir"), Path.of("../sales-emea"));
            Files.createSymbolicLink(sales().resolve("emea-file"), Path.of("../sales-emea/pipeline.txt"));
            Files.createSymbolicLink(sales().resolve("emea-abs"), salesEmea().resolve("pipeline.txt"));
            Files.createSymbolicLink(shared().resolve("escape"), Path.of("../outside"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("connector.filesystem.roots", shared().toString(),
                "connector.identity.map.alice", sales().toString(),
                "connector.identity.map.bob", salesEmea() + "/");
    }

    @Override
    public void stop() {
        // Left in place for inspection after a failure; the next start deletes it.
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
