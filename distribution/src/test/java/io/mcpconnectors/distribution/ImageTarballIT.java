package io.mcpconnectors.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The connector images Jib wrote as tarballs (distribution/target/images): each one's manifest and configuration
 * (entrypoint, non-root user, exposed port, environment, volumes), the files that must be in its layers, and, where
 * this machine allows it (root, Linux), the filesystem connector's image actually run: its layers unpacked into a
 * root filesystem, its entrypoint started as its user in a chroot with its own PID namespace, then asked over MCP.
 */
class ImageTarballIT {

    static final Path IMAGES = Path.of(System.getProperty("images.dir", "target/images"));
    static final ObjectMapper JSON = new ObjectMapper();

    /** One image tarball in the OCI image layout: oci-layout, index.json, blobs/sha256/... */
    record Image(JsonNode index, JsonNode manifest, JsonNode config, Map<String, byte[]> files) {

        static Image read(Path tarball) throws IOException {
            Map<String, byte[]> files = new HashMap<>();
            try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(tarball))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    files.put(entry.getName(), tar.readAllBytes());
                }
            }
            assertTrue(new String(files.get("oci-layout"), StandardCharsets.UTF_8).contains("imageLayoutVersion"),
                    tarball + " is an OCI image layout");
            JsonNode index = JSON.readTree(files.get("index.json"));
            assertEquals("application/vnd.oci.image.manifest.v1+json", index.at("/manifests/0/mediaType").asText());
            JsonNode manifest = JSON.readTree(blob(files, index.at("/manifests/0/digest").asText()));
            JsonNode config = JSON.readTree(blob(files, manifest.at("/config/digest").asText()));
            return new Image(index, manifest, config, files);
        }

        private static byte[] blob(Map<String, byte[]> files, String digest) {
            byte[] blob = files.get("blobs/" + digest.replace(':', '/'));
            assertNotNull(blob, "the layout holds " + digest);
            return blob;
        }

        String reference() {
            return index.at("/manifests/0/annotations/org.opencontainers.image.ref.name").asText();
        }

        List<String> layers() {
            List<String> layers = new ArrayList<>();
            manifest.get("layers").forEach(l -> {
                assertEquals("application/vnd.oci.image.layer.v1.tar+gzip", l.get("mediaType").asText());
                layers.add(l.get("digest").asText());
            });
            return layers;
        }

        /** Every path in the layers with its mode, later layers winning. */
        Map<String, Integer> paths() throws IOException {
            Map<String, Integer> paths = new HashMap<>();
            for (String layer : layers()) {
                try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                        new java.io.ByteArrayInputStream(blob(files, layer))))) {
                    for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                        paths.put("/" + entry.getName().replaceAll("/$", ""), entry.getMode() & 07777);
                    }
                }
            }
            return paths;
        }
    }

    @Test
    void everyConnectorImageRunsTheApplicationAsANonRootUserOnPort8080() throws IOException {
        for (String connector : Manifests.connectors()) {
            Path tarball = IMAGES.resolve("connector-" + connector + ".tar");
            assertTrue(Files.isRegularFile(tarball), "the build wrote " + tarball);
            Image image = Image.read(tarball);
            String where = tarball.getFileName().toString();
            assertTrue(image.reference().endsWith("/connector-" + connector + ":"
                    + image.config().at("/config/Labels/org.opencontainers.image.version").asText()), where);
            JsonNode config = image.config().get("config");
            assertEquals("linux", image.config().get("os").asText(), where);
            assertEquals(List.of("java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/deployments/quarkus-run.jar"),
                    JSON.convertValue(config.get("Entrypoint"), List.class), where);
            assertEquals("185:185", config.get("User").asText(), where + ": runs as the connector account");
            assertEquals(List.of("8080/tcp"), iterable(config.get("ExposedPorts").fieldNames()), where);
            assertEquals("/deployments", config.get("WorkingDir").asText(), where);
            Map<String, String> env = environment(config);
            assertEquals("http", env.get("CONNECTOR_TRANSPORT"), where);
            assertEquals("0.0.0.0", env.get("CONNECTOR_HTTP_HOST"), where);
            assertEquals("/var/lib/mcp-connector", env.get("CONNECTOR_DATA_DIR"), where);
            assertTrue(env.get("JAVA_TOOL_OPTIONS").contains("-Djava.io.tmpdir=/tmp"), where);
            // Writable paths are volumes, so the root filesystem can be read-only.
            assertEquals(List.of("/tmp", "/var/lib/mcp-connector"),
                    iterable(config.get("Volumes").fieldNames()).stream().sorted().toList(), where);
            assertEquals("MCP connector: " + connector,
                    config.at("/Labels/org.opencontainers.image.title").asText(), where);
            assertFalse(env.keySet().stream().anyMatch(n -> n.matches(".*(PASSWORD|TOKEN|SECRET).*")),
                    where + ": no credentials baked into the image");

            Map<String, Integer> paths = image.paths();
            assertNotNull(paths.get("/deployments/quarkus-run.jar"), where + ": the application");
            assertTrue(paths.keySet().stream().anyMatch(p -> p.startsWith("/deployments/app/connector-" + connector)),
                    where + ": the connector's own jar");
            if (System.getProperty("image.base", "").startsWith("tar://")) {
                // The base assembled from the build's JDK.
                assertEquals(0755, paths.get("/opt/java/bin/java"), where + ": java is executable");
                assertTrue(paths.containsKey("/opt/java/lib/security/cacerts"), where + ": CA certificates");
                assertTrue(paths.keySet().stream().anyMatch(p -> p.matches("/lib.*/libc\\.so\\.6")), where + ": libc");
                assertTrue(new String(readFile(image, "/etc/passwd"), StandardCharsets.UTF_8).contains(":185:185:"),
                        where + ": the account 185 exists");
            }
        }
    }

    @Test
    void filesystemImageStartsAndAnswersMcpAsItsUser(@TempDir Path dir) throws Exception {
        Path unshare = onPath("unshare");
        Path chroot = onPath("chroot");
        assumeTrue(System.getProperty("os.name").equals("Linux") && isRoot() && unshare != null && chroot != null,
                "running an image without a container engine needs root on Linux (unshare, chroot)");
        Image image = Image.read(IMAGES.resolve("connector-filesystem.tar"));
        Path root = Files.createDirectories(dir.resolve("rootfs"));
        for (String layer : image.layers()) {
            Path file = dir.resolve("layer.tar.gz");
            Files.write(file, Image.blob(image.files(), layer));
            run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", file.toString(), "-C", root.toString()));
        }
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("srv/reports"));
        Files.writeString(root.resolve("srv/reports/q3.txt"), "revenue up\n");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        JsonNode config = image.config().get("config");
        String[] user = config.get("User").asText().split(":");
        List<String> command = new ArrayList<>(List.of(unshare.toString(), "--fork", "--pid", "--kill-child", "--mount",
                "--mount-proc=" + root.resolve("proc"), chroot.toString(), "--userspec=" + user[0] + ":" + user[1],
                root.toString()));
        config.get("Entrypoint").forEach(a -> command.add(a.asText()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("connector.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment(config));
        builder.environment().put("CONNECTOR_HTTP_PORT", String.valueOf(port));
        builder.environment().put("CONNECTOR_FILESYSTEM_ROOTS", "/srv/reports");
        Process connector = builder.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI base = URI.create("http://127.0.0.1:" + port);
            int ready = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ready != 200 && System.nanoTime() < deadline && connector.isAlive()) {
                try {
                    ready = http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            assertEquals(200, ready, "ready within 60 s; log:\n" + Files.readString(dir.resolve("connector.log")));

            HttpResponse<String> initialized = post(http, base, null, """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                     "capabilities":{},"clientInfo":{"name":"image-test","version":"1"}}}""");
            assertEquals(200, initialized.statusCode(), initialized.body());
            String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
            assertTrue(initialized.body().contains("\"serverInfo\""), initialized.body());
            post(http, base, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            HttpResponse<String> read = post(http, base, session, """
                    {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"read_text_file",
                     "arguments":{"path":"/srv/reports/q3.txt"}}}""");
            assertTrue(read.body().contains("revenue up"), read.body());
            // The data directory is written by the connector's account, not root.
            Path chain = root.resolve("var/lib/mcp-connector");
            try (var written = Files.list(chain)) {
                List<Path> files = written.toList();
                assertFalse(files.isEmpty(), "the audit chain is written to the data volume");
                assertEquals(Integer.parseInt(user[0]), Files.getAttribute(files.get(0), "unix:uid"),
                        "written by uid " + user[0]);
            }
        } finally {
            connector.destroy();
            if (!connector.waitFor(10, TimeUnit.SECONDS)) {
                connector.destroyForcibly().waitFor();
            }
        }
    }

    private static HttpResponse<String> post(HttpClient http, URI base, String session, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] readFile(Image image, String path) throws IOException {
        byte[] found = null;
        for (String layer : image.layers()) {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                    new java.io.ByteArrayInputStream(Image.blob(image.files(), layer))))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    if (("/" + entry.getName()).equals(path)) {
                        found = tar.readAllBytes();
                    }
                }
            }
        }
        return found == null ? new byte[0] : found;
    }

    private static Map<String, String> environment(JsonNode config) {
        Map<String, String> env = new HashMap<>();
        config.get("Env").forEach(e -> {
            String pair = e.asText();
            env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        });
        return env;
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
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

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), command + ": " + output);
    }
}
