package io.mcpconnectors.distribution;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A connector image run without a container engine, as one would run it: its layers unpacked into a root
 * filesystem, its entrypoint started in a chroot as the image's user, with the image's environment plus the
 * deployment's settings, in its own PID namespace. Needs root on Linux (unshare, chroot); elsewhere the test is
 * skipped with that reason. Closing it stops the connector and everything it started, also when a test failed.
 */
final class ImageRun implements AutoCloseable {

    private final Process process;
    private final Path log;
    final int port;
    final Path root;

    private final Thread stopAtExit;

    private ImageRun(Process process, Path log, int port, Path root) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.root = root;
        // Should the test JVM end before close (a killed build), the connector still goes with it.
        this.stopAtExit = new Thread(() -> stopTree(process), "stop-image-" + process.pid());
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Skips the calling test, with the reason, where images cannot be run here. */
    static void assumeImagesCanRun() throws IOException, InterruptedException {
        assumeTrue(System.getProperty("os.name").equals("Linux") && isRoot() && onPath("unshare") != null
                && onPath("chroot") != null, "running an image without a container engine needs root on Linux"
                        + " (unshare, chroot)");
    }

    /** Unpacks the image into {@code dir/rootfs}; add files there before {@link #start}. */
    static Path unpack(ImageTarball image, Path dir) throws IOException, InterruptedException {
        Path root = dir.resolve("rootfs");
        image.unpack(root, dir);
        Files.createDirectories(root.resolve("proc"));
        return root;
    }

    /** Starts the image's entrypoint with its environment and these settings (CONNECTOR_HTTP_PORT is chosen here). */
    static ImageRun start(ImageTarball image, Path root, Map<String, String> settings) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String[] user = image.containerConfig().get("User").asText().split(":");
        List<String> command = new ArrayList<>(List.of(onPath("unshare").toString(), "--fork", "--pid",
                "--kill-child", "--mount", "--mount-proc=" + root.resolve("proc"), onPath("chroot").toString(),
                "--userspec=" + user[0] + ":" + user[1], root.toString()));
        command.addAll(image.entrypoint());
        Path log = Files.createTempFile(root.getParent(), "connector", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(image.environment());
        builder.environment().put("CONNECTOR_HTTP_PORT", String.valueOf(port));
        builder.environment().putAll(settings);
        return new ImageRun(builder.start(), log, port, root);
    }

    /** Waits until the readiness probe answers 200 at {@code base} (http or https), or fails with the log. */
    void awaitReady(HttpClient http, URI base) throws Exception {
        int ready = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ready != 200 && System.nanoTime() < deadline && process.isAlive()) {
            try {
                ready = http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        if (ready != 200) {
            throw new AssertionError("not ready within 60 s (status " + ready + "); log:\n" + log());
        }
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout);
        }
        return process.exitValue();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        stopTree(process);
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it stops the same processes
        }
    }

    /**
     * Stops unshare and everything below it. The connector changed its user in the chroot, which clears the
     * parent-death signal unshare's --kill-child relies on: every descendant is stopped by hand (listed before
     * unshare goes, after which they would no longer be its descendants), SIGKILL for any still running after 10 s.
     */
    private static void stopTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.destroyForcibly();
            } catch (ExecutionException | TimeoutException e) {
                handle.destroyForcibly();
            }
        }
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        try (InputStream out = id.getInputStream()) {
            return new String(out.readAllBytes(), StandardCharsets.UTF_8).trim().equals("0") && id.waitFor() == 0;
        }
    }

    /** The program's full path (the image's own PATH replaces this one in the started process), or null. */
    private static Path onPath(String program) {
        for (String dir : (System.getenv("PATH") + ":/usr/sbin:/sbin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program);
            }
        }
        return null;
    }
}
