package io.mcpconnectors.common.test;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.mcpconnectors.common.config.SettingsCatalog;
import io.mcpconnectors.common.config.SettingsCatalog.Setting;

/**
 * Checks that the documentation (the README and docs/*.md) names every setting a configuration mapping declares,
 * as a key or as its environment variable, and that every default a settings table states is the declared one.
 * Each connector's tests run it on the connector's mapping; the runtime's on the shared settings.
 */
public final class SettingsDocumentation {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern ROW = Pattern.compile("^\\|([^|]+)\\|([^|]+)\\|");

    private SettingsDocumentation() {
    }

    /** Fails naming every setting the documentation leaves out or states another default for. */
    public static void check(Class<?> mapping) {
        List<String> docs = documents();
        String all = String.join("\n", docs);
        Set<String> named = namedKeys(docs);
        List<String> problems = new ArrayList<>();
        for (Setting setting : SettingsCatalog.of(mapping)) {
            String key = setting.key();
            int map = key.indexOf(".\"<key>\"");
            boolean documented = map >= 0 ? all.contains(key.substring(0, map) + ".")
                    : named.contains(key) || Pattern.compile("(?<![\\w.-])" + Pattern.quote(key) + "(?![\\w-])")
                            .matcher(all).find() || all.contains(environmentVariable(key));
            if (!documented) {
                problems.add(key + " (" + environmentVariable(key) + ") is not documented");
            }
        }
        for (String doc : docs) {
            for (String line : doc.split("\n")) {
                problems.addAll(wrongDefaults(line, SettingsCatalog.of(mapping)));
            }
        }
        assertTrue(problems.isEmpty(), "Settings of " + mapping.getSimpleName() + " and their documentation disagree:\n  "
                + String.join("\n  ", problems));
    }

    /** CONNECTOR_HTTP_MAX_BODY_SIZE for connector.http.max-body-size. */
    public static String environmentVariable(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static List<String> documents() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            List<String> texts = new ArrayList<>();
            for (Path file : files) {
                texts.add(Files.readString(file));
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keys written in code spans, siblings written as {@code `a.b.c` / `.d`} expanded to a.b.d. */
    private static Set<String> namedKeys(List<String> docs) {
        Set<String> keys = new HashSet<>();
        for (String doc : docs) {
            for (String line : doc.split("\n")) {
                keys.addAll(keysIn(line));
            }
        }
        return keys;
    }

    private static List<String> keysIn(String text) {
        List<String> keys = new ArrayList<>();
        String previous = null;
        Matcher code = CODE.matcher(text);
        while (code.find()) {
            String span = code.group(1).trim();
            if (span.startsWith(".") && previous != null) {
                String sibling = previous.substring(0, previous.lastIndexOf('.')) + span;
                keys.add(sibling);
            } else if (span.startsWith("connector.")) {
                keys.add(span);
                previous = span;
            }
        }
        return keys;
    }

    /** In a settings table's row ({@code | keys | default | meaning |}), each stated default against the declared. */
    private static List<String> wrongDefaults(String line, List<Setting> settings) {
        Matcher row = ROW.matcher(line);
        if (!row.find()) {
            return List.of();
        }
        List<String> keys = keysIn(row.group(1));
        String[] defaults = row.group(2).split(" / ");
        List<String> problems = new ArrayList<>();
        if (keys.isEmpty() || defaults.length != keys.size() && defaults.length != 1) {
            return problems;
        }
        for (int i = 0; i < keys.size(); i++) {
            String stated = (defaults.length == 1 ? defaults[0] : defaults[i]).trim();
            Matcher literal = Pattern.compile("^`([^`]*)`$").matcher(stated);
            if (!literal.find()) {
                continue;
            }
            String key = keys.get(i);
            for (Setting setting : settings) {
                if (setting.key().equals(key) && setting.defaultValue() != null
                        && !setting.defaultValue().equals(literal.group(1))) {
                    problems.add(key + ": the documentation says the default is " + literal.group(1)
                            + ", the setting declares " + setting.defaultValue());
                }
            }
        }
        return problems;
    }
}
