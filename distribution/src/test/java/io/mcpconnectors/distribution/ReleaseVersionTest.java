package io.mcpconnectors.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One version names a release everywhere (docs/releasing.md). The modules carry X.Y.Z-SNAPSHOT while X.Y.Z is being
 * prepared and X.Y.Z in its release; the images are tagged, and the Helm chart's version and appVersion set, to the
 * release version X.Y.Z all along, so the chart installed from any commit pulls the images built from it, and the
 * release commit changes only the POMs. The plain manifests name the same tag, and the changelog's Unreleased section
 * the version it will be released as.
 */
class ReleaseVersionTest {

    static final Path REPO = HostConfigExamplesTest.REPO;
    static final Pattern PROJECT_VERSION = Pattern.compile(
            "<artifactId>connectors-parent</artifactId>\\s*<version>([^<]+)</version>");

    static String projectVersion() throws IOException {
        Matcher version = PROJECT_VERSION.matcher(Files.readString(REPO.resolve("pom.xml")));
        assertTrue(version.find(), "pom.xml names the parent's version");
        return version.group(1);
    }

    static String releaseVersion() throws IOException {
        return projectVersion().replaceFirst("-SNAPSHOT$", "");
    }

    @Test
    void everyModuleHasTheSuitesVersion() throws IOException {
        String version = projectVersion();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), "pom.xml: X.Y.Z or X.Y.Z-SNAPSHOT, not " + version);
        List<Path> poms;
        try (Stream<Path> files = Files.walk(REPO, 3)) {
            poms = files.filter(p -> p.getFileName().toString().equals("pom.xml") && !p.toString().contains("/target/")
                    && !p.toString().contains("/node_modules/")
                    && !p.equals(REPO.resolve("pom.xml"))).toList();
        }
        assertTrue(poms.size() >= 10, "the modules' POMs: " + poms);
        for (Path pom : poms) {
            Matcher parent = PROJECT_VERSION.matcher(Files.readString(pom));
            assertTrue(parent.find(), pom + " names connectors-parent");
            assertEquals(version, parent.group(1), REPO.relativize(pom) + ": the parent's version (versions:set"
                    + " sets them all)");
        }
    }

    @Test
    void theChartCarriesTheReleaseVersionOfTheModules() throws IOException {
        JsonNode chart = Manifests.YAML.readTree(REPO.resolve("distribution/helm/mcp-connector/Chart.yaml").toFile());
        String release = releaseVersion();
        assertEquals(release, chart.get("version").asText(), "Chart.yaml version: the modules' " + projectVersion()
                + " without -SNAPSHOT");
        assertEquals(release, chart.get("appVersion").asText(), "Chart.yaml appVersion: the images' tag");
        Matcher tag = Pattern.compile("<image.tag>([^<]*)</image.tag>").matcher(Files.readString(
                REPO.resolve("distribution/pom.xml")));
        assertTrue(tag.find(), "distribution/pom.xml sets the property image.tag");
        assertEquals(release, tag.group(1), "distribution/pom.xml: image.tag, the images' tag");
    }

    @Test
    void theManifestsAndTheChangelogNameTheReleaseVersion() throws IOException {
        String release = releaseVersion();
        for (String connector : Manifests.connectors()) {
            Path manifest = REPO.resolve("distribution/kubernetes/connector-" + connector + ".yaml");
            Matcher image = Pattern.compile("image: \\S+/connector-" + connector + ":(\\S+)")
                    .matcher(Files.readString(manifest));
            assertTrue(image.find(), manifest + " names its image");
            assertEquals(release, image.group(1), REPO.relativize(manifest) + ": the image tag");
        }
        // The podman run line of each guide runs the image the build tags.
        for (ConnectorEntry entry : ConnectorEntry.all()) {
            Path guide = REPO.resolve(entry.docs());
            Matcher image = Pattern.compile("/connector-" + entry.name() + ":([0-9][^\\s`]*)")
                    .matcher(Files.readString(guide));
            assertTrue(image.find(), entry.docs() + ": a podman run line with the image connector-" + entry.name());
            do {
                assertEquals(release, image.group(1), entry.docs() + ": the image tag");
            } while (image.find());
        }
        String changelog = Files.readString(REPO.resolve("CHANGELOG.md"));
        if (projectVersion().endsWith("-SNAPSHOT")) {
            assertTrue(changelog.contains("## Unreleased (" + release + ")"), "CHANGELOG.md: ## Unreleased ("
                    + release + ")");
        } else {
            assertTrue(changelog.contains("## " + release + " ("), "CHANGELOG.md: ## " + release + " (date)");
        }
    }
}
