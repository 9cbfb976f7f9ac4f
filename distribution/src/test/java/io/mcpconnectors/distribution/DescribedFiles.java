package io.mcpconnectors.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The files, or parts of files, made from connectors.json and the chart's values.schema.json, so that a connector
 * is added in one place and a setting of the chart is documented in one place: the host configuration examples,
 * the chart's connector list and data-source ports, the README's table of connectors, and the chart README's
 * connectors and values reference. {@link DescribedFilesTest} fails when a committed file differs, and writes them
 * when asked to.
 */
final class DescribedFiles {

    static final Path REPO = HostConfigExamplesTest.REPO;
    static final Path HOSTS = REPO.resolve("distribution/hosts");
    static final Path CHART = REPO.resolve("distribution/helm/mcp-connector");
    static final String LAUNCHER = "/opt/mcp-connectors/bin/connector";
    static final String REMOTE = "https://mcp.example.com/%s/mcp";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DescribedFiles() {
    }

    /** Each file as it must be, by path. */
    static Map<Path, String> expected() throws IOException {
        List<ConnectorEntry> entries = ConnectorEntry.all();
        Map<Path, String> files = new LinkedHashMap<>();
        files.putAll(hosts(entries));
        Path schema = CHART.resolve("values.schema.json");
        files.put(schema, replace(Files.readString(schema), SCHEMA_ENUM, "$1" + json(entries.stream()
                .map(ConnectorEntry::name).toList(), ""), schema));
        Path helpers = CHART.resolve("templates/_helpers.tpl");
        files.put(helpers, replace(Files.readString(helpers), PORTS, Matcher.quoteReplacement(ports(entries)),
                helpers));
        Path readme = REPO.resolve("README.md");
        files.put(readme, replace(Files.readString(readme), README_TABLE, Matcher.quoteReplacement(
                readmeTable(entries)), readme));
        Path chartReadme = CHART.resolve("README.md");
        String chartText = Files.readString(chartReadme);
        chartText = between(chartText, "connectors", chartConnectors(entries), chartReadme);
        chartText = between(chartText, "values", HelmValuesReference.table(schema, CHART.resolve("values.yaml")),
                chartReadme);
        files.put(chartReadme, chartText);
        return files;
    }

    // The connector property's enum in values.schema.json.
    static final Pattern SCHEMA_ENUM = Pattern.compile("(\"connector\": \\{[^}]*?\"enum\": )\\[[^\\]]*\\]");
    // The data-source ports by connector in the chart's helpers.
    static final Pattern PORTS = Pattern.compile("\\{\\{- \\$defaults := dict [^\\n]*? -\\}\\}");
    // The README's table of connectors, up to the first line that is not a table row.
    static final Pattern README_TABLE = Pattern.compile("\\| Connector \\| Status \\| Docs \\|\\n(\\|[^\\n]*\\n)*");

    static Map<Path, String> hosts(List<ConnectorEntry> entries) {
        Map<String, Object> claudeStdio = new LinkedHashMap<>();
        Map<String, Object> vscodeStdio = new LinkedHashMap<>();
        Map<String, Object> claudeHttp = new LinkedHashMap<>();
        Map<String, Object> cursorHttp = new LinkedHashMap<>();
        Map<String, Object> vscodeHttp = new LinkedHashMap<>();
        for (ConnectorEntry entry : entries) {
            if (!entry.inHosts()) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of(entry.name()));
            args.addAll(entry.hostArguments());
            Map<String, Object> stdio = new LinkedHashMap<>();
            stdio.put("command", LAUNCHER);
            stdio.put("args", args);
            if (!entry.hostSettings().isEmpty()) {
                stdio.put("env", entry.hostSettings());
            }
            claudeStdio.put(entry.name(), stdio);
            // In VS Code a directory argument is the workspace the user opened.
            List<String> vscodeArgs = args.stream().map(a -> a.startsWith("/") ? "${workspaceFolder}" : a).toList();
            Map<String, Object> vscode = new LinkedHashMap<>();
            vscode.put("type", "stdio");
            vscode.put("command", LAUNCHER);
            vscode.put("args", vscodeArgs);
            if (!entry.hostSettings().isEmpty()) {
                vscode.put("env", entry.hostSettings());
            }
            vscodeStdio.put(entry.name(), vscode);
            String url = String.format(REMOTE, entry.name());
            Map<String, Object> bridged = new LinkedHashMap<>();
            bridged.put("command", "npx");
            bridged.put("args", List.of("-y", "mcp-remote", url));
            claudeHttp.put(entry.name(), bridged);
            cursorHttp.put(entry.name(), Map.of("url", url));
            Map<String, Object> http = new LinkedHashMap<>();
            http.put("type", "http");
            http.put("url", url);
            vscodeHttp.put(entry.name(), http);
        }
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(HOSTS.resolve("claude-desktop.stdio.json"), json(Map.of("mcpServers", claudeStdio), "") + "\n");
        files.put(HOSTS.resolve("cursor.stdio.json"), json(Map.of("mcpServers", claudeStdio), "") + "\n");
        files.put(HOSTS.resolve("vscode.stdio.json"), json(Map.of("servers", vscodeStdio), "") + "\n");
        files.put(HOSTS.resolve("claude-desktop.http.json"), json(Map.of("mcpServers", claudeHttp), "") + "\n");
        files.put(HOSTS.resolve("cursor.http.json"), json(Map.of("mcpServers", cursorHttp), "") + "\n");
        files.put(HOSTS.resolve("vscode.http.json"), json(Map.of("servers", vscodeHttp), "") + "\n");
        return files;
    }

    static String ports(List<ConnectorEntry> entries) {
        StringBuilder dict = new StringBuilder("{{- $defaults := dict");
        for (ConnectorEntry entry : entries) {
            dict.append(" \"").append(entry.name()).append("\" (list");
            entry.egressPorts().forEach(p -> dict.append(' ').append(p));
            dict.append(')');
        }
        return dict.append(" -}}").toString();
    }

    static String readmeTable(List<ConnectorEntry> entries) {
        StringBuilder table = new StringBuilder("| Connector | Status | Docs |\n|---|---|---|\n");
        for (ConnectorEntry entry : entries) {
            if (entry.inHosts()) {
                table.append("| ").append(entry.title()).append(" | available | [").append(entry.docs()).append("](")
                        .append(entry.docs()).append(") |\n");
            }
        }
        return table.toString();
    }

    /** The chart README's table of connectors: the value of {@code connector}, the image, the usual egress. */
    static String chartConnectors(List<ConnectorEntry> entries) {
        StringBuilder table = new StringBuilder("| `connector` | Image | Data-source egress (default) | Guide |\n"
                + "|---|---|---|---|\n");
        for (ConnectorEntry entry : entries) {
            table.append("| `").append(entry.name()).append("` | `connector-").append(entry.name()).append("` | ")
                    .append(entry.egressPorts().isEmpty() ? "none" : entry.egressPorts().stream()
                            .map(String::valueOf).collect(Collectors.joining(", ")))
                    .append(" | [").append(entry.title()).append("](../../../").append(entry.docs()).append(") |\n");
        }
        return table.toString();
    }

    private static String replace(String text, Pattern pattern, String replacement, Path where) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException(where + " lost the part made from connectors.json (" + pattern + ")");
        }
        return matcher.replaceFirst(replacement);
    }

    /** Replaces what stands between {@code <!-- <name>: begin ... -->} and {@code <!-- <name>: end -->}. */
    static String between(String text, String name, String content, Path where) {
        Matcher begin = Pattern.compile("<!-- " + name + ": begin[^>]*-->\\n").matcher(text);
        int end = text.indexOf("<!-- " + name + ": end -->");
        if (!begin.find() || end < begin.end()) {
            throw new IllegalStateException(where + " lost its markers <!-- " + name + ": begin ... --> and <!-- "
                    + name + ": end -->");
        }
        return text.substring(0, begin.end()) + content + text.substring(end);
    }

    /** JSON as the examples are written: objects one member a line, arrays on one line, two spaces an indent. */
    @SuppressWarnings("unchecked")
    static String json(Object value, String indent) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return "{}";
            }
            StringBuilder out = new StringBuilder("{\n");
            Iterator<? extends Map.Entry<?, ?>> members = ((Map<Object, Object>) map).entrySet().iterator();
            while (members.hasNext()) {
                Map.Entry<?, ?> member = members.next();
                out.append(indent).append("  ").append(quoted(member.getKey().toString())).append(": ")
                        .append(json(member.getValue(), indent + "  ")).append(members.hasNext() ? ",\n" : "\n");
            }
            return out.append(indent).append('}').toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> json(v, indent)).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof JsonNode node) {
            return node.toString();
        }
        return value instanceof String text ? quoted(text) : String.valueOf(value);
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
