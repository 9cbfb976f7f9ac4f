package io.mcpconnectors.distribution;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One entry of connectors.json, the suite's one list of its connectors.
 *
 * @param name the module is connector-{@code name}, the image connector-{@code name}, the chart's value {@code connector}
 * @param title how the README and the chart's README name it
 * @param role {@code connector} (a data source, configured in hosts) or {@code gateway} (in front of connectors)
 * @param docs its guide, relative to the repository
 * @param egressPorts the data source's usual ports, the chart's egress when dataSource.egressPorts is empty
 * @param help what bin/connector --help says it needs
 * @param hostArguments launcher arguments in the host configuration examples
 * @param hostSettings environment of the host configuration examples, with example values
 * @param benchmark its benchmark: a class with a main in its test sources, or a script under benchmarks/
 */
record ConnectorEntry(String name, String title, String role, String docs, List<Integer> egressPorts, String help,
        List<String> hostArguments, Map<String, String> hostSettings, String benchmark) {

    static final Path FILE = HostConfigExamplesTest.REPO.resolve("connectors.json");
    static final List<String> FIELDS = List.of("name", "title", "role", "docs", "egressPorts", "help",
            "hostArguments", "hostSettings", "benchmark");

    /** Every entry, in the file's order. */
    static List<ConnectorEntry> all() throws IOException {
        List<ConnectorEntry> entries = new ArrayList<>();
        for (JsonNode entry : new ObjectMapper().readTree(FILE.toFile()).get("connectors")) {
            List<Integer> ports = new ArrayList<>();
            entry.get("egressPorts").forEach(p -> ports.add(p.asInt()));
            List<String> arguments = new ArrayList<>();
            entry.get("hostArguments").forEach(a -> arguments.add(a.asText()));
            Map<String, String> settings = new LinkedHashMap<>();
            entry.get("hostSettings").fields().forEachRemaining(s -> settings.put(s.getKey(), s.getValue().asText()));
            entries.add(new ConnectorEntry(entry.get("name").asText(), entry.get("title").asText(),
                    entry.get("role").asText(), entry.get("docs").asText(), ports, entry.get("help").asText(),
                    arguments, settings, entry.get("benchmark").asText()));
        }
        return entries;
    }

    /** Whether hosts configure it directly (the gateway is configured with its upstreams instead). */
    boolean inHosts() {
        return role.equals("connector");
    }

    String module() {
        return "connector-" + name;
    }

    /** Whether the benchmark is a class in the connector's test sources (else a script). */
    boolean benchmarkIsClass() {
        return !benchmark.contains("/");
    }
}
