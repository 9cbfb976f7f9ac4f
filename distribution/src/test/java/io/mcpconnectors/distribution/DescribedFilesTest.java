package io.mcpconnectors.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The files made from connectors.json and the chart's values.schema.json are what those sources make. With
 * {@code -Ddescribed.write=true} the test writes them instead (the command is in the chart's README,
 * "Regenerating").
 */
class DescribedFilesTest {

    static final String REGENERATE = "./mvnw -B -pl distribution -am -DskipImages test -Dtest=DescribedFilesTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Ddescribed.write=true";

    @Test
    void everyFileMadeFromConnectorsJsonAndTheChartSchemaIsUpToDate() throws IOException {
        boolean write = Boolean.getBoolean("described.write");
        List<String> stale = new ArrayList<>();
        for (Map.Entry<Path, String> file : DescribedFiles.expected().entrySet()) {
            if (!file.getValue().equals(Files.readString(file.getKey()))) {
                if (write) {
                    Files.writeString(file.getKey(), file.getValue());
                } else {
                    stale.add(DescribedFiles.REPO.relativize(file.getKey()).toString());
                }
            }
        }
        assertEquals(List.of(), stale, "these files are not what connectors.json and values.schema.json make; write"
                + " them with: " + REGENERATE);
    }

    @Test
    void everyValueOfTheChartIsDeclaredAndDescribed() throws IOException {
        List<HelmValuesReference.Row> rows = HelmValuesReference.rows(DescribedFiles.CHART.resolve(
                "values.schema.json"), DescribedFiles.CHART.resolve("values.yaml"));
        for (HelmValuesReference.Row row : rows) {
            assertTrue(!row.description().isBlank(), "values.schema.json: describe " + row.path());
        }
        // Every key of values.yaml is in the reference: the schema declares it.
        List<String> declared = rows.stream().map(HelmValuesReference.Row::path).toList();
        Manifests.YAML.readTree(DescribedFiles.CHART.resolve("values.yaml").toFile()).fields().forEachRemaining(
                value -> assertTrue(declared.stream().anyMatch(p -> p.equals(value.getKey())
                        || p.startsWith(value.getKey() + ".")), "values.schema.json: declare " + value.getKey()));
    }
}
