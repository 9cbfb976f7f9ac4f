package io.mcpconnectors.common.audit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.quarkus.runtime.StartupEvent;

/**
 * The secrets this connector holds or has obtained (configured tokens, client secrets, private keys, refresh
 * tokens, access tokens it was issued), so that the runtime can remove them by value from every text that leaves
 * it: tool results, error messages, audit records, health reports and logs. A pattern cannot tell a secret that an
 * API echoes back in an error body from ordinary text (a Salesforce token is {@code 00D…!AQ…}, a GitHub token may
 * stand alone), but the connector knows the exact values, so it looks for those and their usual encodings.
 *
 * <p>
 * Connectors register a value as soon as they read or receive it, before it is sent anywhere. A name holds its
 * current value and the one before it, so a renewed token is still covered for text produced around its renewal
 * without the registry growing for as long as the connector runs.
 */
@ApplicationScoped
public class KnownSecrets {

    /** What a removed secret is replaced with. */
    public static final String MASK = "[REDACTED]";
    /** Shorter values cannot be removed without mangling ordinary text, so they are not registered. */
    static final int MIN_LENGTH = 8;
    /** PEM lines shorter than this (the last line of a key) are too short to look for on their own. */
    private static final int MIN_PEM_LINE = 16;
    private static final int GENERATIONS = 2;
    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9A-F]{2}");

    private static final Logger LOG = Logger.getLogger(KnownSecrets.class);

    private final Map<String, Deque<String>> values = new LinkedHashMap<>();
    private final Set<String> tooShort = new LinkedHashSet<>();
    /** Every form of every value, longest first, replaced as a whole on registration. */
    private volatile List<String> forms = List.of();

    /**
     * Registers the secret value known as {@code name} (a setting such as {@code connector.github.auth.token}, or
     * what the value is, such as "Salesforce access token"). The name is only ever shown, never the value.
     */
    public void register(String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        String secret = value.strip();
        synchronized (this) {
            if (secret.length() < MIN_LENGTH) {
                tooShort.add(name);
                return;
            }
            Deque<String> generations = values.computeIfAbsent(name, n -> new ArrayDeque<>());
            generations.remove(secret);
            generations.addFirst(secret);
            while (generations.size() > GENERATIONS) {
                generations.removeLast();
            }
            rebuild();
        }
    }

    /**
     * Registers a PEM private key: its encoded body, and each of its lines, since a message is more likely to quote
     * a line than the whole key.
     */
    public void registerPem(String name, String pem) {
        if (pem == null) {
            return;
        }
        StringBuilder body = new StringBuilder();
        List<String> lines = new ArrayList<>();
        for (String line : pem.split("\\R")) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("-----")) {
                continue;
            }
            body.append(stripped);
            if (stripped.length() >= MIN_PEM_LINE) {
                lines.add(stripped);
            }
        }
        register(name, body.toString());
        for (int i = 0; i < lines.size(); i++) {
            register(name + " (line " + (i + 1) + ")", lines.get(i));
        }
    }

    /**
     * Warns of secrets too short to look for once the connector has started: a start that fails (a refused
     * credential, say) stays one line.
     */
    void onStart(@Observes StartupEvent event) {
        List<String> names;
        synchronized (this) {
            names = List.copyOf(tooShort);
        }
        for (String name : names) {
            LOG.warnf("The value of %s is shorter than %d characters, too short to be removed from messages and"
                    + " results reliably; use a longer secret.", name, MIN_LENGTH);
        }
    }

    /** Whether the text holds any registered secret, in any of the forms looked for. */
    public boolean appearIn(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        for (String form : forms) {
            if (text.contains(form)) {
                return true;
            }
        }
        return false;
    }

    /** The text with every registered secret replaced by {@link #MASK}; for data, which patterns would mangle. */
    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String form : forms) {
            if (out.contains(form)) {
                out = out.replace(form, MASK);
            }
        }
        return out;
    }

    /**
     * A message (an error, a log line, a health report) without registered secrets, and without what looks like a
     * credential ({@link SecretScrubber}'s patterns) as a second layer.
     */
    public String scrubMessage(String text) {
        return SecretScrubber.scrub(scrub(text));
    }

    /**
     * A value of a result or of audit arguments (maps, lists, strings, anything else left as it is) with registered
     * secrets removed from every string in it, keys included. Returns the value itself when there is nothing to
     * remove.
     */
    public Object scrubValue(Object value) {
        if (forms.isEmpty()) {
            return value;
        }
        return scrubTree(value);
    }

    private Object scrubTree(Object value) {
        if (value instanceof String s) {
            return scrub(s);
        } else if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(scrubTree(k), scrubTree(v)));
            return copy;
        } else if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(scrubTree(v)));
            return copy;
        }
        return value;
    }

    /** A copy of the failure and its causes for a log: messages scrubbed by value and pattern, stack traces kept. */
    public Throwable scrub(Throwable failure) {
        return SecretScrubber.scrub(failure, this::scrubMessage);
    }

    private void rebuild() {
        Set<String> all = new LinkedHashSet<>();
        for (Deque<String> generations : values.values()) {
            for (String secret : generations) {
                all.addAll(encodings(secret));
            }
        }
        List<String> sorted = new ArrayList<>(all);
        // Longest first: a value that contains another is removed whole, not in pieces.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        forms = List.copyOf(sorted);
    }

    /** The value as it may appear in text: as is, in a JSON string, and URL-encoded (either case of hex digits). */
    static Set<String> encodings(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        String json = new String(JsonStringEncoder.getInstance().quoteAsString(secret));
        forms.add(json);
        // Some encoders also escape the solidus.
        forms.add(json.replace("/", "\\/"));
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        forms.add(url);
        forms.add(url.replace("+", "%20"));
        Matcher escapes = PERCENT_ESCAPE.matcher(url);
        forms.add(escapes.replaceAll(m -> m.group().toLowerCase(Locale.ROOT)));
        return forms;
    }
}
