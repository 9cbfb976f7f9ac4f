package io.mcpconnectors.common.secrets;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * The secrets this connector holds or has obtained (configured tokens, client secrets, private keys, refresh
 * tokens, access tokens it was issued), so that the runtime can remove them by value from every text that leaves
 * it: tool results, error messages, audit records, health reports and logs. A pattern cannot tell a secret that an
 * API echoes back in an error body from ordinary text (a Salesforce token is {@code 00D…!AQ…}, a GitHub token may
 * stand alone), but the connector knows the exact values, so it looks for those: in any letter case, URL-encoded or
 * JSON-escaped in whole or in part, and in base64, also inside a longer base64 text such as a {@code Basic} header
 * ({@link SecretForms}, built on registration, finds all forms of all values in one pass). Bytes are checked for
 * the values written as text (single-byte charsets, UTF-8, UTF-16), since they cannot be scrubbed, only withheld.
 * Not found: a value cut by an inserted character (a line break), split across strings, or encoded twice.
 *
 * <p>
 * Connectors register a value as soon as they read or receive it, before it is sent anywhere. A name holds its
 * current value and the one before it, so a renewed token is still covered for text produced around its renewal
 * without the registry growing for as long as the connector runs.
 */
// On every call's path: a singleton is injected as itself, with no client proxy to look it up on each use.
@Singleton
public class KnownSecrets {

    /** What a removed secret is replaced with. */
    public static final String MASK = "[REDACTED]";
    /** Shorter values cannot be removed without mangling ordinary text, so they are not registered. */
    static final int MIN_LENGTH = 8;
    /** PEM lines shorter than this (the last line of a key) are too short to look for on their own. */
    private static final int MIN_PEM_LINE = 16;
    private static final int GENERATIONS = 2;

    private static final Logger LOG = Logger.getLogger(KnownSecrets.class);

    private final Map<String, Deque<String>> values = new LinkedHashMap<>();
    private final Set<String> tooShort = new LinkedHashSet<>();
    /** Values that are base64 already (key material), looked for without base64 forms of their own. */
    private final Set<String> keyMaterial = new HashSet<>();
    private boolean started;
    /** Every form of every value, precomputed on registration so that a scan is one pass over the text. */
    private volatile Forms forms = new Forms(SecretForms.NONE, SecretForms.NONE);

    /**
     * Registers the secret value known as {@code name} (a setting such as {@code connector.github.auth.token}, or
     * what the value is, such as "Salesforce access token"). The name is only ever shown, never the value.
     */
    public void register(String name, String value) {
        register(name, value, true);
    }

    private void register(String name, String value, boolean base64) {
        if (value == null || value.isBlank()) {
            return;
        }
        String secret = value.strip();
        synchronized (this) {
            if (secret.length() < MIN_LENGTH) {
                if (tooShort.add(name) && started) {
                    warnTooShort(name);
                }
                return;
            }
            Deque<String> generations = values.computeIfAbsent(name, n -> new ArrayDeque<>());
            generations.remove(secret);
            generations.addFirst(secret);
            if (!base64) {
                keyMaterial.add(secret);
            }
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
        register(name, body.toString(), false);
        for (int i = 0; i < lines.size(); i++) {
            register(name + " (line " + (i + 1) + ")", lines.get(i), false);
        }
    }

    /**
     * Registers the password a connection URL carries, if any: the user information of
     * {@code scheme://user:password@host} and a {@code password} query parameter (as PostgreSQL's JDBC URLs give
     * it), URL-decoded as the driver reads them.
     */
    public void registerUrlPassword(String name, String url) {
        if (url == null || url.isBlank()) {
            return;
        }
        String rest = url.startsWith("jdbc:") ? url.substring(5) : url;
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            int authorityEnd = indexOfAny(rest, scheme + 3, "/?#");
            String authority = rest.substring(scheme + 3, authorityEnd < 0 ? rest.length() : authorityEnd);
            int at = authority.lastIndexOf('@');
            int colon = at < 0 ? -1 : authority.indexOf(':');
            if (colon >= 0 && colon < at) {
                register(name + " (password in the URL)", decode(authority.substring(colon + 1, at)));
            }
        }
        int query = rest.indexOf('?');
        if (query >= 0) {
            int fragment = rest.indexOf('#', query);
            for (String pair : rest.substring(query + 1, fragment < 0 ? rest.length() : fragment).split("[&;]")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && decode(pair.substring(0, equals)).equalsIgnoreCase("password")) {
                    register(name + " (password parameter)", decode(pair.substring(equals + 1)));
                }
            }
        }
    }

    private static int indexOfAny(String text, int from, String chars) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // Not valid percent-encoding: the driver takes such a value as it is.
            return encoded;
        }
    }

    /**
     * Warns of secrets too short to look for once the connector has started: a start that fails (a refused
     * credential, say) stays one line. A secret registered later is warned of when it is registered.
     */
    void onStart(@Observes StartupEvent event) {
        List<String> names;
        synchronized (this) {
            started = true;
            names = List.copyOf(tooShort);
        }
        names.forEach(KnownSecrets::warnTooShort);
    }

    private static void warnTooShort(String name) {
        LOG.warnf("The value of %s is shorter than %d characters, too short to be removed from messages and"
                + " results reliably; use a longer secret.", name, MIN_LENGTH);
    }

    /** Whether the text holds any registered secret, in any of the forms looked for. */
    public boolean appearIn(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        return forms.text().appearIn(text);
    }

    /**
     * Whether bytes hold a registered secret written as text: in UTF-8 or a single-byte charset (in any of the
     * forms looked for in text), or in UTF-16 of either byte order. Bytes cannot have a secret removed without
     * corrupting what they are (an image, an archive), so callers withhold such content whole.
     */
    public boolean appearIn(byte[] data) {
        if (data == null || data.length == 0) {
            return false;
        }
        // One character per byte, so every byte sequence is read as it is.
        return forms.bytes().appearIn(new String(data, StandardCharsets.ISO_8859_1));
    }

    /**
     * The text with every registered secret replaced by {@link #MASK}, in one pass for all of them and all their
     * forms; for data, which patterns would mangle. Returns the text itself when it holds none.
     */
    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return forms.text().replace(text, MASK);
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
        if (forms.text().isEmpty()) {
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
        Map<String, Boolean> all = new LinkedHashMap<>();
        for (Deque<String> generations : values.values()) {
            for (String secret : generations) {
                all.put(secret, !keyMaterial.contains(secret));
            }
        }
        forms = new Forms(SecretForms.forText(all), SecretForms.forBytes(all));
    }

    /** The matchers for the current secrets, built together so that a reader sees one registration's state. */
    private record Forms(SecretForms text, SecretForms bytes) {
    }
}
