package io.mcpconnectors.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.ConnectorProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A spawned connector runs with the settings the gateway gives it ({@code env.*}) and none of the gateway's own: the
 * gateway's settings can hold its secrets (upstream tokens, OAuth client secrets) and its policy (writes on at the
 * gateway) is not the connector's. The gateway is configured as docs/gateway.md shows, through
 * {@code config/application.properties} in its working directory (where {@code bin/connector} starts it): the
 * filesystem connector it spawns must start with its own settings only, and offer only its read tools when nobody
 * switched its writes on.
 */
class SpawnedConnectorSettingsIT {

    @Test
    void aGatewayConfiguredAsTheGuideShowsServesItsSpawnedConnector() throws Exception {
        Path dir = Upstreams.directory("spawned-settings-guide");
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("hello.txt"), "hello\n");
        // docs/gateway.md: the upstreams in config/application.properties next to the gateway's application.
        settingsFile(dir, List.of(
                "connector.gateway.upstreams.fs.command=" + Upstreams.command(Upstreams.filesystemJar()),
                "connector.gateway.upstreams.fs.env.CONNECTOR_FILESYSTEM_ROOTS=" + root,
                "connector.gateway.upstreams.fs.env.CONNECTOR_DATA_DIR=" + dir.resolve("fs-data"),
                "connector.gateway.allow-unpinned=true",
                "connector.data-dir=" + dir.resolve("gateway-data")));
        List<String> names = toolNames(dir, Map.of());
        assertTrue(names.contains("fs.read_text_file"), "the spawned connector read the gateway's"
                + " config/application.properties from the working directory it inherited and would not start on the"
                + " gateway's keys; tools: " + names + "; gateway stderr: " + stderr(dir));
    }

    @Test
    void aSpawnedConnectorDoesNotTakeTheGatewaysWriteSettingFromItsSettingsFile() throws Exception {
        Path dir = Upstreams.directory("spawned-settings-writes");
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("hello.txt"), "hello\n");
        // Writes on at the gateway (its settings file); the connector itself is given no write setting.
        settingsFile(dir, List.of("connector.access.writes=enabled"));
        String command = ConnectorProcess.javaCommandLine() + " -Dconnector.filesystem.roots=" + root
                + " -Dconnector.data-dir=" + dir.resolve("fs-data") + " -jar '" + Upstreams.filesystemJar() + "'";
        List<String> names = toolNames(dir, Map.of("CONNECTOR_GATEWAY_UPSTREAMS_FS_COMMAND", command,
                "CONNECTOR_GATEWAY_ALLOW_UNPINNED", "true",
                "CONNECTOR_DATA_DIR", dir.resolve("gateway-data").toString()));
        assertTrue(names.contains("fs.read_text_file"), "the connector is served: " + names + "; " + stderr(dir));
        assertFalse(names.contains("fs.write_file"), "the spawned connector read the gateway's"
                + " config/application.properties (connector.access.writes=enabled) from the working directory it"
                + " inherited, and offers write tools nobody enabled for it: " + names);
    }

    @Test
    void aSpawnedConnectorDoesNotInheritTheGatewaysSettingsFromVariablesSpelledLikeTheKeys() throws Exception {
        Path dir = Upstreams.directory("spawned-settings-variables");
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("hello.txt"), "hello\n");
        String command = ConnectorProcess.javaCommandLine() + " -Dconnector.filesystem.roots=" + root
                + " -Dconnector.data-dir=" + dir.resolve("fs-data") + " -jar '" + Upstreams.filesystemJar() + "'";
        // Writes on at the gateway through a variable named as the key (docker run -e connector.access.writes=...),
        // which the runtime reads as it reads CONNECTOR_ACCESS_WRITES.
        List<String> names = toolNames(dir, Map.of("CONNECTOR_GATEWAY_UPSTREAMS_FS_COMMAND", command,
                "CONNECTOR_GATEWAY_ALLOW_UNPINNED", "true",
                "CONNECTOR_DATA_DIR", dir.resolve("gateway-data").toString(),
                "connector.access.writes", "enabled"));
        assertTrue(names.contains("fs.read_text_file"), "the connector is served: " + names + "; " + stderr(dir));
        assertFalse(names.contains("fs.write_file"), "the spawned connector inherited the gateway's variable"
                + " connector.access.writes (only CONNECTOR_* and QUARKUS_* are withheld) and offers write tools nobody"
                + " enabled for it: " + names);
    }

    private static void settingsFile(Path dir, List<String> lines) throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config").resolve("application.properties"), String.join("\n", lines) + "\n");
    }

    private static String stderr(Path dir) throws Exception {
        return Files.readString(dir.resolve("gateway-stderr.log"));
    }

    /** Starts the packaged gateway over stdio in {@code dir}, as a host does, and lists its tools once started. */
    private static List<String> toolNames(Path dir, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ConnectorProcess.java("-jar",
                ConnectorProcess.jarUnderTest().toAbsolutePath().toString())).directory(dir.toFile())
                .redirectError(dir.resolve("gateway-stderr.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CONNECTOR_") || name.startsWith("QUARKUS_"));
        builder.environment().putAll(env);
        Process gateway = builder.start();
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(gateway.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    // the gateway ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            OutputStream stdin = gateway.getOutputStream();
            send(stdin, new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method", "initialize").put("params",
                    new JsonObject().put("protocolVersion", "2025-11-25").put("capabilities", new JsonObject())
                            .put("clientInfo", new JsonObject().put("name", "test").put("version", "1"))));
            await(lines, 1, dir);
            send(stdin, new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
            send(stdin, new JsonObject().put("jsonrpc", "2.0").put("id", 2).put("method", "tools/list")
                    .put("params", new JsonObject()));
            JsonArray tools = await(lines, 2, dir).getJsonObject("result").getJsonArray("tools");
            return tools.stream().map(t -> ((JsonObject) t).getString("name")).sorted().toList();
        } finally {
            gateway.descendants().forEach(ProcessHandle::destroy);
            gateway.destroy();
            gateway.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static void send(OutputStream stdin, JsonObject message) throws Exception {
        stdin.write((message.encode() + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private static JsonObject await(BlockingQueue<String> lines, int id, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                JsonObject message = new JsonObject(line);
                if (Integer.valueOf(id).equals(message.getInteger("id")) && !message.containsKey("method")) {
                    return message;
                }
            }
        }
        throw new AssertionError("no answer to request " + id + "; gateway stderr: "
                + Files.readString(dir.resolve("gateway-stderr.log")));
    }
}
