package io.mcpconnectors.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real directory tree for the filesystem connector's tests: a root named {@code data}, with text, media,
 * binary and sensitive files and symlinks leaving it, beside an {@code outside} directory holding a secret and a
 * {@code data-evil} sibling for prefix-confusion attacks. Built fresh for each test class that uses it.
 */
public class FilesystemFixture implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET = "TOP SECRET outside the root";
    /** A 1x1 transparent PNG. */
    public static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    public static final byte[] WAV = "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);

    private String name;

    @Override
    public void init(Map<String, String> initArgs) {
        this.name = initArgs.getOrDefault("name", "default");
    }

    public static Path base(String name) {
        return Path.of("target", "fs-fixture", name).toAbsolutePath();
    }

    public static Path root(String name) {
        return base(name).resolve("data");
    }

    @Override
    public Map<String, String> start() {
        Path base = base(name);
        try {
            delete(base);
            Path root = Files.createDirectories(base.resolve("data"));
            Path outside = Files.createDirectories(base.resolve("outside"));
            Path evil = Files.createDirectories(base.resolve("data-evil"));
            Files.writeString(outside.resolve("secret.txt"), SECRET);
            Files.writeString(evil.resolve("evil.txt"), SECRET);
            Files.writeString(root.resolve("hello.txt"), "hello world\n");
            Files.writeString(root.resolve("lines.txt"),
                    IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n")));
            Files.writeString(root.resolve("latin1.txt"), "caf\u00e9\n", StandardCharsets.ISO_8859_1);
            Files.write(root.resolve("binary.bin"), new byte[] { 1, 0, 2, 0, 3 });
            Files.write(root.resolve("pixel.png"), PNG);
            Files.write(root.resolve("sound.wav"), WAV);
            Files.writeString(root.resolve("big.txt"), ("0123456789abcdef".repeat(4) + "\n").repeat(30_000));
            Files.writeString(root.resolve(".env"), "API_TOKEN=" + SECRET);
            Files.writeString(root.resolve("id_rsa"), SECRET);
            Path notes = Files.createDirectories(root.resolve("notes"));
            Files.writeString(notes.resolve("a.md"), "# A\nnothing here\n");
            Files.writeString(notes.resolve("b.md"), "# B\nfirst\nTODO: ship it\n");
            Files.createDirectories(notes.resolve("deep"));
            Files.writeString(notes.resolve("deep").resolve("c.md"), "# C\n");
            Files.createDirectories(root.resolve("repo").resolve(".git"));
            Files.writeString(root.resolve("repo").resolve(".git").resolve("config"), "[remote] token=" + SECRET);
            Files.createSymbolicLink(root.resolve("link-out"), Path.of("../outside/secret.txt"));
            Files.createSymbolicLink(root.resolve("dir-link-out"), Path.of("../outside"));
            Files.createSymbolicLink(root.resolve("link-in"), Path.of("hello.txt"));
            Files.createSymbolicLink(root.resolve("abs-link-out"), outside.resolve("secret.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("connector.filesystem.roots", root(name).toString());
    }

    @Override
    public void stop() {
        // Left in place for inspection after a failure; the next start deletes it.
    }

    /** Every path under the fixture outside the root, with its content: to prove nothing there changed. */
    public static Map<String, String> outsideSnapshot(String name) {
        Map<String, String> snapshot = new TreeMap<>();
        for (String dir : new String[] { "outside", "data-evil" }) {
            try (Stream<Path> paths = Files.walk(base(name).resolve(dir))) {
                for (Path p : paths.toList()) {
                    snapshot.put(base(name).relativize(p).toString(),
                            Files.isRegularFile(p) ? Files.readString(p) + "@" + Files.getLastModifiedTime(p) : "dir");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (Stream<Path> paths = Files.list(base(name))) {
            snapshot.put("(top-level)", paths.map(p -> p.getFileName().toString()).sorted().toList().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LinkedHashMap<>(snapshot);
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
