package io.mcpconnectors.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * connectors.json is the suite's one list of connectors: every connector module has an entry and every entry a
 * module, and what cannot be made from the entry is there, each failure naming what to add. The chart's list and
 * ports, the host examples and the README's table are made from it ({@link DescribedFilesTest}), the images are
 * checked against it (one Jib execution each, all alike), and bin/connector and benchmarks/connector.sh read it.
 */
class ConnectorDescriptorTest {

    static final Path REPO = HostConfigExamplesTest.REPO;

    @Test
    void everyConnectorModuleHasAnEntryAndEveryEntryAModule() throws IOException {
        List<String> modules;
        try (Stream<Path> dirs = Files.list(REPO)) {
            modules = dirs.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("connector-") && !n.equals("connector-common"))
                    .filter(n -> Files.exists(REPO.resolve(n).resolve("pom.xml"))).sorted().toList();
        }
        List<String> described = ConnectorEntry.all().stream().map(ConnectorEntry::module).sorted().toList();
        for (String module : modules) {
            assertTrue(described.contains(module), "connectors.json: add an entry for " + module
                    + " (docs/extending.md)");
        }
        for (String module : described) {
            assertTrue(modules.contains(module), "connectors.json names " + module + ", which is not a module here");
        }
    }

    @Test
    void everyEntryIsComplete() throws IOException {
        String rootPom = Files.readString(REPO.resolve("pom.xml"));
        for (ConnectorEntry entry : ConnectorEntry.all()) {
            String where = "connectors.json, " + entry.name() + ": ";
            assertTrue(entry.name().matches("[a-z][a-z0-9]*"), where + "a name is lower-case letters and digits");
            assertTrue(List.of("connector", "gateway").contains(entry.role()), where + "role is connector or gateway");
            assertTrue(rootPom.contains("<module>" + entry.module() + "</module>"),
                    "pom.xml: add <module>" + entry.module() + "</module> to <modules>");
            assertTrue(Files.isRegularFile(REPO.resolve(entry.docs())), where + "write its guide " + entry.docs()
                    + " (the skeleton: docs/extending.md)");
            if (entry.benchmarkIsClass()) {
                Path source = REPO.resolve(entry.module() + "/src/test/java/" + entry.benchmark().replace('.', '/')
                        + ".java");
                assertTrue(Files.isRegularFile(source), where + "its benchmark class " + source + " does not exist");
            } else {
                assertTrue(Files.isExecutable(REPO.resolve(entry.benchmark())), where + "its benchmark script "
                        + entry.benchmark() + " does not exist or cannot be run");
            }
            for (String key : entry.hostSettings().keySet()) {
                assertTrue(key.startsWith("CONNECTOR_" + entry.name().toUpperCase() + "_"), where + key
                        + " is not one of its own settings");
            }
            assertFalse((entry.help() + entry.title() + entry.docs() + entry.benchmark()).matches(".*[\"\\\\].*"),
                    where + "no quotes or backslashes in name, title, help, docs and benchmark: bin/connector reads"
                            + " them line by line");
        }
    }

    @Test
    void everyEntryHasAnImageBuiltLikeEveryOther() throws IOException {
        String pom = Files.readString(REPO.resolve("distribution/pom.xml"));
        int profile = pom.indexOf("<id>images</id>");
        assertTrue(profile > 0, "distribution/pom.xml has the images profile");
        String images = pom.substring(profile);
        List<ConnectorEntry> entries = ConnectorEntry.all();
        String first = entries.get(0).name();
        String template = imageExecution(images, first);
        assertTrue(template != null, "distribution/pom.xml: the execution image-" + first);
        for (ConnectorEntry entry : entries) {
            String where = "distribution/pom.xml, profile images: ";
            assertTrue(images.contains("<artifactId>" + entry.module() + "</artifactId>"), where + "add a provided"
                    + " dependency on " + entry.module() + " (type pom, copy the others), so that it is built first");
            // Every image is made the same way: the first entry's execution with the name changed.
            assertEquals(template.replace(first, entry.name()), imageExecution(images, entry.name()), where
                    + "the execution image-" + entry.name() + " is image-" + first + "'s with the name changed");
        }
        Matcher ids = Pattern.compile("<id>image-([a-z0-9]+)</id>").matcher(images);
        List<String> names = entries.stream().map(ConnectorEntry::name).toList();
        while (ids.find()) {
            assertTrue(names.contains(ids.group(1)), "distribution/pom.xml builds the image of " + ids.group(1)
                    + ", which connectors.json does not name");
        }
    }

    /** The text of the Jib execution that builds one connector's image, or null. */
    private static String imageExecution(String profile, String name) {
        Matcher execution = Pattern.compile("<execution>\\s*<id>image-" + name + "</id>.*?</execution>",
                Pattern.DOTALL).matcher(profile);
        return execution.find() ? execution.group() : null;
    }

    @Test
    void theEntriesKeepTheLayoutTheLaunchersRead() throws IOException {
        // bin/connector and benchmarks/connector.sh read "name", "help", "docs" and "benchmark" as lines of six
        // spaces' indent, one field a line, in every entry.
        List<String> lines = Files.readAllLines(ConnectorEntry.FILE);
        for (String field : List.of("name", "help", "docs", "benchmark")) {
            assertEquals(ConnectorEntry.all().size(), lines.stream().filter(l -> l.startsWith("      \"" + field
                    + "\": \"")).count(), "connectors.json: one \"" + field + "\" line in each entry, indented by six"
                            + " spaces");
        }
    }

    @Test
    void theLauncherHelpListsEveryConnectorWithWhatItNeeds() throws Exception {
        Process help = new ProcessBuilder("bash", REPO.resolve("bin/connector").toString(), "--help")
                .redirectErrorStream(true).start();
        String out = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, help.waitFor(), out);
        for (ConnectorEntry entry : ConnectorEntry.all()) {
            assertTrue(out.contains("  " + String.format("%-12s", entry.name()) + " " + entry.help()), out);
        }
        Process one = new ProcessBuilder("bash", REPO.resolve("bin/connector").toString(), "postgres", "--help")
                .redirectErrorStream(true).start();
        String postgres = new String(one.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, one.waitFor(), postgres);
        assertTrue(postgres.contains("The postgres connector: docs/postgres.md"), postgres);
    }
}
