package io.mcpconnectors.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.ConnectorProcess;
import io.vertx.core.json.JsonObject;

/**
 * {@code bin/connector postgres} as a host runs it: its first start makes the class archive with a training run
 * against the configured server, and that run must reach the query path, so a session's queries are served from
 * the archive instead of classes read from the jars at every start.
 */
class LauncherTrainingIT {

    @Test
    void theTrainingRunPutsTheQueryPathInTheClassArchive() throws Exception {
        Path checkout = checkoutWithTheBuildUnderTest();
        Path classLog = Files.createTempDirectory("connector-classes");
        Map<String, String> env = Map.of("CONNECTOR_JAVA", ConnectorProcess.javaExecutable(),
                "CONNECTOR_POSTGRES_URL", EmbeddedPostgresFixture.url(), "CONNECTOR_POSTGRES_USERNAME", "analyst",
                "CONNECTOR_POSTGRES_PASSWORD", EmbeddedPostgresFixture.ANALYST_PASSWORD,
                "CONNECTOR_DATA_DIR", Files.createTempDirectory("connector-data").toString(),
                "CONNECTOR_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog + "/classes-%p.txt");
        List<String> launcher = List.of(checkout.resolve("bin/connector").toString(), "postgres");

        // The first start trains (with no input the connector then ends at once).
        ProcessBuilder first = new ProcessBuilder(launcher).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(Files.createTempFile("connector-training", ".err").toFile());
        first.environment().putAll(env);
        Process training = first.start();
        try {
            assertTrue(training.waitFor(180, TimeUnit.SECONDS), "the first start (with its training run) ends");
        } finally {
            ConnectorProcess.stopTree(training);
        }
        Path cache = checkout.resolve("connector-postgres/target/quarkus-app-stdio/jvm-cache");
        try (Stream<Path> archives = Files.list(cache)) {
            assertTrue(archives.anyMatch(p -> p.toString().endsWith(".aot") || p.toString().endsWith(".jsa")),
                    "a class archive in " + cache);
        }

        long pid;
        try (ConnectorProcess connector = ConnectorProcess.startCommand(launcher, env)) {
            pid = connector.process().pid();
            connector.initialize("2025-11-25", new JsonObject());
            JsonObject result = connector.callTool("query", new JsonObject().put("sql", "SELECT count(*) FROM shop.t"));
            assertFalse(result.getBoolean("isError", false), result.encode());
            assertEquals(3, result.getJsonObject("structuredContent").getJsonArray("rows").getJsonArray(0).getInteger(0));
            // The compiler options the launcher adds print nothing on stdout, which carries only MCP messages.
            for (String line : connector.stdoutLines()) {
                assertEquals("2.0", new JsonObject(line).getString("jsonrpc"), line);
            }
        }
        // The launcher execs the JVM, so the serving JVM has the launcher's process id.
        List<String> loaded = Files.readAllLines(classLog.resolve("classes-" + pid + ".txt"));
        for (String queryPathClass : List.of("io.mcpconnectors.postgres.SqlTokens ",
                "io.mcpconnectors.postgres.QueryRunner$Accumulator ")) {
            String line = loaded.stream().filter(l -> l.contains(queryPathClass)).findFirst()
                    .orElseThrow(() -> new AssertionError(queryPathClass + "is not loaded by a query"));
            assertTrue(line.contains("shared objects file"), "served from the class archive: " + line);
        }
    }

    /**
     * A checkout holding the launcher, the connector list and a copy of the stdio build under test, so the archive
     * is made and used there; its source folders are older than the build, so the launcher does not rebuild.
     */
    private static Path checkoutWithTheBuildUnderTest() throws IOException {
        Path project = Path.of("").toAbsolutePath().getParent();
        // Under target/, so the copy of the build goes with the next clean instead of piling up in the temp folder.
        Path checkout = Path.of("target", "launcher-training").toAbsolutePath();
        deleteTree(checkout);
        Files.createDirectories(checkout.resolve("bin"));
        Files.copy(project.resolve("bin/connector"), checkout.resolve("bin/connector"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(project.resolve("connectors.json"), checkout.resolve("connectors.json"));
        Path build = ConnectorProcess.jarUnderTest().getParent();
        Path copy = checkout.resolve("connector-postgres/target/quarkus-app-stdio");
        try (Stream<Path> files = Files.walk(build)) {
            for (Path file : files.filter(p -> !p.toString().contains("jvm-cache")).toList()) {
                Path target = copy.resolve(build.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        FileTime old = FileTime.fromMillis(0);
        for (String source : List.of("connector-postgres/src/main", "connector-common/src/main", "saas-common/src/main")) {
            Files.setLastModifiedTime(Files.createDirectories(checkout.resolve(source)), old);
        }
        for (String pom : List.of("pom.xml", "connector-postgres/pom.xml", "connector-common/pom.xml")) {
            Files.setLastModifiedTime(Files.writeString(checkout.resolve(pom), ""), old);
        }
        return checkout;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
