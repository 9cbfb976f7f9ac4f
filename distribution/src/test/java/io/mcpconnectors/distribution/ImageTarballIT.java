package io.mcpconnectors.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The connector images Jib wrote as tarballs (distribution/target/images): each one's manifest and configuration
 * (entrypoint, non-root user, exposed port, environment, volumes), the files that must be in its layers, and, where
 * this machine allows it (root, Linux), the filesystem connector's image actually run: its layers unpacked into a
 * root filesystem, its entrypoint started as its user in a chroot with its own PID namespace, then asked over MCP.
 */
class ImageTarballIT {

    @Test
    void everyConnectorImageRunsTheApplicationAsANonRootUserOnPort8080() throws IOException {
        for (String connector : Manifests.connectors()) {
            Path tarball = ImageTarball.IMAGES.resolve("connector-" + connector + ".tar");
            assertTrue(Files.isRegularFile(tarball), "the build wrote " + tarball);
            ImageTarball image = ImageTarball.read(tarball);
            String where = tarball.getFileName().toString();
            // Tagged with the release version, as the chart's appVersion; the label keeps the build's own version.
            assertTrue(image.reference().endsWith("/connector-" + connector + ":" + ReleaseVersionTest.releaseVersion()),
                    where + ": " + image.reference());
            assertEquals(ReleaseVersionTest.projectVersion(),
                    image.config().at("/config/Labels/org.opencontainers.image.version").asText(), where);
            JsonNode config = image.containerConfig();
            assertEquals("linux", image.config().get("os").asText(), where);
            assertEquals(List.of("java", "-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=75",
                    "-Djava.io.tmpdir=/tmp", "-Dvertx.cacheDirBase=/tmp/vertx-cache", "-jar",
                    "/deployments/quarkus-run.jar"), image.entrypoint(), where);
            assertEquals("185:185", config.get("User").asText(), where + ": runs as the connector account");
            assertEquals(List.of("8080/tcp"), iterable(config.get("ExposedPorts").fieldNames()), where);
            assertEquals("/deployments", config.get("WorkingDir").asText(), where);
            Map<String, String> env = image.environment();
            assertEquals("http", env.get("CONNECTOR_TRANSPORT"), where);
            assertEquals("0.0.0.0", env.get("CONNECTOR_HTTP_HOST"), where);
            assertEquals("/var/lib/mcp-connector", env.get("CONNECTOR_DATA_DIR"), where);
            assertFalse(env.containsKey("JAVA_TOOL_OPTIONS"), where + ": the JVM options are in the entrypoint");
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
                assertTrue(new String(image.readFile("/etc/passwd"), StandardCharsets.UTF_8).contains(":185:185:"),
                        where + ": the account 185 exists");
            }
        }
    }

    @Test
    void filesystemImageStartsAndAnswersMcpAsItsUser(@TempDir Path dir) throws Exception {
        ImageRun.assumeImagesCanRun();
        ImageTarball image = ImageTarball.of("filesystem");
        Path root = ImageRun.unpack(image, dir);
        Files.createDirectories(root.resolve("srv/reports"));
        Files.writeString(root.resolve("srv/reports/q3.txt"), "revenue up\n");
        try (ImageRun connector = ImageRun.start(image, root, Map.of("CONNECTOR_FILESYSTEM_ROOTS", "/srv/reports"))) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI base = URI.create("http://127.0.0.1:" + connector.port);
            connector.awaitReady(http, base);

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
            // The data directory is written by the connector's account, not root. Records of reads are appended
            // in the background, so the chain may appear a moment after the answer.
            String uid = image.containerConfig().get("User").asText().split(":")[0];
            List<Path> files = List.of();
            for (long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); files.isEmpty()
                    && System.nanoTime() < deadline; Thread.sleep(100)) {
                try (var written = Files.list(root.resolve("var/lib/mcp-connector"))) {
                    files = written.toList();
                }
            }
            assertFalse(files.isEmpty(), "the audit chain is written to the data volume");
            assertEquals(Integer.parseInt(uid), Files.getAttribute(files.get(0), "unix:uid"), "written by uid " + uid);
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

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
