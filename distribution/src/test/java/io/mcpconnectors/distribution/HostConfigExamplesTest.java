package io.mcpconnectors.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The host configuration examples in distribution/hosts stay true: each parses, names a connector that exists,
 * starts it through the launcher, and sets only settings the documentation describes.
 */
class HostConfigExamplesTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Pattern KEY = Pattern.compile("`(connector\\.[a-z0-9.-]+)`((?:\\s*/\\s*`\\.[a-z0-9.-]+`)*)");
    static final Pattern SHORT = Pattern.compile("`\\.([a-z0-9.-]+)`");

    @Test
    void everyExampleNamesRealConnectorsAndDocumentedSettings() throws IOException {
        Set<String> documented = documentedEnvironmentNames();
        List<Path> examples;
        try (Stream<Path> files = Files.list(REPO.resolve("distribution/hosts"))) {
            examples = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(6, examples.size(), "stdio and http for Claude Desktop, Cursor and VS Code");
        long described = ConnectorEntry.all().stream().filter(ConnectorEntry::inHosts).count();
        ObjectMapper json = new ObjectMapper();
        for (Path example : examples) {
            JsonNode root = json.readTree(example.toFile());
            JsonNode servers = root.has("servers") ? root.get("servers") : root.get("mcpServers");
            assertTrue(servers != null && servers.size() == described, example + " configures every connector of"
                    + " connectors.json");
            servers.fields().forEachRemaining(entry -> {
                String name = entry.getKey();
                JsonNode server = entry.getValue();
                assertTrue(Files.isDirectory(REPO.resolve("connector-" + name)), example + ": no connector " + name);
                if (example.toString().contains(".stdio.")) {
                    assertTrue(server.get("command").asText().endsWith("/bin/connector"), example + ": " + name);
                    assertEquals(name, server.get("args").get(0).asText(), example + ": " + name);
                    if (server.has("env")) {
                        server.get("env").fieldNames().forEachRemaining(variable -> assertTrue(
                                documented.contains(variable), example + ": " + variable + " is not a documented"
                                        + " setting"));
                    }
                } else {
                    String url = server.has("url") ? server.get("url").asText()
                            : server.get("args").get(server.get("args").size() - 1).asText();
                    assertTrue(url.endsWith("/" + name + "/mcp"), example + ": " + url);
                }
            });
        }
        assertFalse(documented.isEmpty());
    }

    /** Every connector.* key the README and docs name, as the environment variable that sets it. */
    static Set<String> documentedEnvironmentNames() throws IOException {
        Set<String> names = new HashSet<>();
        List<Path> docs;
        try (Stream<Path> files = Files.list(REPO.resolve("docs"))) {
            docs = Stream.concat(files, Stream.of(REPO.resolve("README.md"))).toList();
        }
        for (Path doc : docs) {
            Matcher keys = KEY.matcher(Files.readString(doc));
            while (keys.find()) {
                String key = keys.group(1);
                names.add(environmentName(key));
                Matcher shorthand = SHORT.matcher(keys.group(2));
                while (shorthand.find()) {
                    names.add(environmentName(key.substring(0, key.lastIndexOf('.') + 1) + shorthand.group(1)));
                }
            }
        }
        return names;
    }

    static String environmentName(String key) {
        return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
