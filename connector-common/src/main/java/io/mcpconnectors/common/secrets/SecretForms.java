package io.mcpconnectors.common.secrets;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds registered secrets in a text in one pass, whatever form they take there: in any letter case, with any of
 * their characters URL-encoded ({@code %21}, any hex case; {@code +} for a space) or JSON-escaped ({@code \u0021},
 * {@code \/}, {@code \"}), in whole or in part, and base64-encoded at any of the three byte alignments a longer
 * base64 text (a {@code Basic} header) can put them at.
 *
 * <p>
 * Built once per change of the registered secrets. A secret is a chain of positions, each matched by a few short
 * alternatives (the character, its percent and JSON escapes), computed here, so a scan costs one table look-up per
 * character of the text and a short walk only where a character can start a secret.
 */
final class SecretForms {

    static final SecretForms NONE = new SecretForms(List.of());

    /** The MIME types' alphabet, for widening a base64 match to the characters that carry part of the secret. */
    private static final String BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";
    /** Alternative steps tried before a start is given up, against adversarial runs of escape characters. */
    private static final int BACKTRACK_BUDGET = 4096;

    /** One form of one secret: the alternatives of each of its positions. */
    private record Chain(String[][] alternatives, int[][] advances, boolean base64Before, boolean base64After) {
        int length() {
            return alternatives.length;
        }
    }

    /** A part of the text to replace. */
    record Span(int start, int end) {
    }

    private final List<Chain> chains;
    /** Bit sets over lower-cased characters that can start a chain, and over pairs that can start one. */
    private final long[] firsts = new long[1024];
    private final long[] pairs = new long[1024];
    private final Map<Character, int[]> byFirst = new HashMap<>();
    /** Chains that start with a character outside ASCII, for a text that starts one percent-encoded. */
    private final int[] nonAsciiFirst;

    private SecretForms(List<Chain> chains) {
        this.chains = chains;
        Map<Character, List<Integer>> index = new HashMap<>();
        List<Integer> nonAscii = new ArrayList<>();
        for (int c = 0; c < chains.size(); c++) {
            Chain chain = chains.get(c);
            for (String first : chain.alternatives()[0]) {
                if (first.length() != 1) {
                    continue;
                }
                char c0 = first.charAt(0);
                set(firsts, c0);
                List<Integer> list = index.computeIfAbsent(c0, k -> new ArrayList<>());
                if (!list.contains(c)) {
                    list.add(c);
                }
                for (String second : chain.alternatives()[1]) {
                    if (second.length() == 1) {
                        set(pairs, pair(c0, second.charAt(0)));
                    }
                }
                if (c0 >= 128 && !nonAscii.contains(c)) {
                    nonAscii.add(c);
                }
            }
        }
        index.forEach((first, list) -> byFirst.put(first, list.stream().mapToInt(Integer::intValue).toArray()));
        nonAsciiFirst = nonAscii.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void set(long[] bits, int index) {
        bits[(index & 0xffff) >>> 6] |= 1L << index;
    }

    private static boolean isSet(long[] bits, int index) {
        return (bits[(index & 0xffff) >>> 6] & (1L << index)) != 0;
    }

    private static int pair(char first, char second) {
        return (first * 0x9E37 + second) & 0xffff;
    }

    /**
     * The forms of text secrets: each value as it is (and its encodings, which the chains match character by
     * character) and, where the map says so, its base64 encodings (not for what is base64 already, a key).
     */
    static SecretForms forText(Map<String, Boolean> secrets) {
        List<Chain> chains = new ArrayList<>();
        secrets.forEach((secret, base64) -> {
            chains.add(encodable(secret));
            if (base64) {
                chains.addAll(base64(secret.getBytes(StandardCharsets.UTF_8)));
            }
        });
        return new SecretForms(chains);
    }

    /**
     * The forms of secrets written as text into bytes, for bytes read as ISO-8859-1 (one character per byte): the
     * text forms (which cover UTF-8 and every ASCII-compatible single-byte charset for secrets in ASCII), and each
     * secret's bytes in UTF-8, ISO-8859-1, windows-1252 and UTF-16 in either byte order.
     */
    static SecretForms forBytes(Map<String, Boolean> secrets) {
        List<Chain> chains = new ArrayList<>(forText(secrets).chains);
        for (String secret : secrets.keySet()) {
            Set<String> encoded = new LinkedHashSet<>();
            for (Charset charset : new Charset[] { StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1,
                    Charset.forName("windows-1252"), StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE }) {
                CharsetEncoder encoder = charset.newEncoder();
                if (encoder.canEncode(secret)) {
                    encoded.add(new String(secret.getBytes(charset), StandardCharsets.ISO_8859_1));
                }
            }
            encoded.remove(secret);
            for (String bytes : encoded) {
                chains.add(literal(bytes));
            }
        }
        return new SecretForms(chains);
    }

    boolean isEmpty() {
        return chains.isEmpty();
    }

    /** Whether any form of any secret appears in the text. */
    boolean appearIn(CharSequence text) {
        return !chains.isEmpty() && find(text, true) != null;
    }

    /** The text with every form of every secret replaced by {@code mask}; the text itself when none appears. */
    String replace(String text, String mask) {
        if (chains.isEmpty()) {
            return text;
        }
        List<Span> spans = find(text, false);
        if (spans == null) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Span span : spans) {
            out.append(text, at, span.start()).append(mask);
            at = span.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    /**
     * The parts of the text that hold a secret, in order and without overlaps (overlapping finds are merged, so a
     * secret inside another, or two that overlap, go whole); null when there are none.
     */
    private List<Span> find(CharSequence text, boolean first) {
        List<Span> spans = null;
        int n = text.length();
        int coveredTo = -1;
        for (int p = 0; p < n; p++) {
            int[] candidates = candidates(text, p);
            if (candidates == null) {
                continue;
            }
            int best = -1;
            Chain bestChain = null;
            for (int index : candidates) {
                Chain chain = chains.get(index);
                int end = match(chain, text, p);
                if (end > best) {
                    best = end;
                    bestChain = chain;
                }
            }
            if (best < 0) {
                continue;
            }
            if (first) {
                return List.of(new Span(p, best));
            }
            int start = p;
            if (bestChain.base64Before() && start > 0 && isBase64(text.charAt(start - 1))) {
                start--;
            }
            if (bestChain.base64After() && best < n && isBase64(text.charAt(best))) {
                best++;
            }
            while (bestChain.base64After() && best < n && text.charAt(best) == '=') {
                best++;
            }
            if (spans == null) {
                spans = new ArrayList<>();
            }
            if (start < coveredTo) {
                Span last = spans.remove(spans.size() - 1);
                spans.add(new Span(Math.min(last.start(), start), Math.max(last.end(), best)));
            } else {
                spans.add(new Span(start, best));
            }
            coveredTo = Math.max(coveredTo, best);
        }
        return spans;
    }

    /**
     * The chains that may match from {@code p}, null when none can: most characters of a text are ruled out by the
     * pair they start, an escape by the character it stands for.
     */
    private int[] candidates(CharSequence text, int p) {
        char c = lower(text.charAt(p));
        if (c == '%' || c == '\\') {
            int decoded = decodedAt(text, p);
            int[] found = decoded == NON_ASCII ? nonAsciiFirst
                    : decoded >= 0 && isSet(firsts, decoded) ? byFirst.get((char) decoded) : null;
            if (isSet(firsts, c)) {
                // The character itself may start a secret too: try both.
                found = found == null ? byFirst.get(c) : concat(found, byFirst.get(c));
            }
            return found;
        }
        if (!isSet(firsts, c) || p + 1 >= text.length()) {
            return null;
        }
        char next = lower(text.charAt(p + 1));
        if (next != '%' && next != '\\' && !isSet(pairs, pair(c, next))) {
            return null;
        }
        return byFirst.get(c);
    }

    private static final int NON_ASCII = -2;

    /**
     * The lower-cased character an escape at {@code p} stands for ({@code %21}, {@code \u0021}, {@code \/}),
     * {@link #NON_ASCII} for a percent-encoded byte of a longer UTF-8 sequence, -1 when it is not an escape.
     */
    private static int decodedAt(CharSequence text, int p) {
        int n = text.length();
        if (text.charAt(p) == '%') {
            if (p + 2 >= n) {
                return -1;
            }
            int high = Character.digit(text.charAt(p + 1), 16);
            int low = Character.digit(text.charAt(p + 2), 16);
            if (high < 0 || low < 0) {
                return -1;
            }
            int b = high * 16 + low;
            return b >= 128 ? NON_ASCII : lower((char) b);
        }
        if (p + 1 >= n) {
            return -1;
        }
        char e = text.charAt(p + 1);
        if (e == 'u' || e == 'U') {
            if (p + 5 >= n) {
                return -1;
            }
            int value = 0;
            for (int k = p + 2; k < p + 6; k++) {
                int digit = Character.digit(text.charAt(k), 16);
                if (digit < 0) {
                    return -1;
                }
                value = value * 16 + digit;
            }
            return lower((char) value);
        }
        return switch (e) {
            case '"', '\\', '/' -> e;
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'f' -> '\f';
            default -> -1;
        };
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The end of the chain's match starting at {@code start}, or -1. */
    private static int match(Chain chain, CharSequence text, int start) {
        String[][] alternatives = chain.alternatives();
        int[][] advances = chain.advances();
        int length = chain.length();
        int i = 0;
        int q = start;
        int from = 0;
        // Backtracking points, only where more than one alternative fits (an escape character in the secret).
        int[] stack = null;
        int depth = 0;
        int budget = BACKTRACK_BUDGET;
        while (true) {
            if (i == length) {
                return q;
            }
            String[] options = alternatives[i];
            int taken = -1;
            for (int a = from; a < options.length; a++) {
                if (fits(text, q, options[a])) {
                    taken = a;
                    break;
                }
            }
            if (taken >= 0) {
                boolean another = false;
                for (int a = taken + 1; a < options.length && !another; a++) {
                    another = fits(text, q, options[a]);
                }
                if (another) {
                    if (stack == null) {
                        stack = new int[48];
                    } else if (depth + 3 > stack.length) {
                        stack = Arrays.copyOf(stack, stack.length * 2);
                    }
                    stack[depth++] = i;
                    stack[depth++] = q;
                    stack[depth++] = taken + 1;
                }
                q += options[taken].length();
                i += advances[i][taken];
                from = 0;
                continue;
            }
            if (depth == 0 || --budget < 0) {
                return -1;
            }
            from = stack[--depth];
            q = stack[--depth];
            i = stack[--depth];
        }
    }

    private static boolean fits(CharSequence text, int at, String option) {
        int length = option.length();
        if (at + length > text.length()) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (lower(text.charAt(at + k)) != option.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(c);
    }

    private static boolean isBase64(char c) {
        return c < 128 && BASE64_ALPHABET.indexOf(c) >= 0;
    }

    /** A chain matching the value in any case, each character also percent-encoded or JSON-escaped. */
    private static Chain encodable(String secret) {
        int length = secret.length();
        String[][] alternatives = new String[length][];
        int[][] advances = new int[length][];
        for (int i = 0; i < length; i++) {
            char c = secret.charAt(i);
            List<String> options = new ArrayList<>(6);
            List<Integer> steps = new ArrayList<>(6);
            options.add(String.valueOf(lower(c)));
            steps.add(1);
            if (c == ' ') {
                options.add("+");
                steps.add(1);
            }
            String shortEscape = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '/' -> "\\/";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> null;
            };
            if (shortEscape != null) {
                options.add(shortEscape);
                steps.add(1);
            }
            options.add("\\u" + hex(c >> 12) + hex(c >> 8) + hex(c >> 4) + hex(c));
            steps.add(1);
            // Percent-encoding works on the UTF-8 bytes of a whole code point, two chars for a surrogate pair.
            int codePoint = secret.codePointAt(i);
            if (!Character.isSurrogate(c) || Character.isSupplementaryCodePoint(codePoint)) {
                options.add(percent(new String(Character.toChars(codePoint))));
                steps.add(Character.charCount(codePoint));
            }
            alternatives[i] = options.toArray(String[]::new);
            advances[i] = steps.stream().mapToInt(Integer::intValue).toArray();
        }
        return new Chain(alternatives, advances, false, false);
    }

    private static char hex(int nibble) {
        return Character.forDigit(nibble & 0xf, 16);
    }

    private static String percent(String character) {
        StringBuilder out = new StringBuilder();
        for (byte b : character.getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }

    /** A chain matching the text as it is (in any case), for byte forms, where escapes mean nothing. */
    private static Chain literal(String text) {
        String[][] alternatives = new String[text.length()][];
        int[][] advances = new int[text.length()][];
        for (int i = 0; i < text.length(); i++) {
            alternatives[i] = new String[] { String.valueOf(lower(text.charAt(i))) };
            advances[i] = new int[] { 1 };
        }
        return new Chain(alternatives, advances, false, false);
    }

    /**
     * The base64 characters that depend on the secret's bytes alone, for each alignment of its first byte in a
     * three-byte group (and the URL-safe alphabet's where it differs): what any base64 text holding the secret
     * contains, however much precedes it.
     */
    private static List<Chain> base64(byte[] secret) {
        Set<String> cores = new LinkedHashSet<>();
        List<Chain> chains = new ArrayList<>();
        for (int alignment = 0; alignment < 3; alignment++) {
            byte[] shifted = new byte[alignment + secret.length];
            System.arraycopy(secret, 0, shifted, alignment, secret.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            int bits = 8 * secret.length;
            int first = (8 * alignment + 5) / 6;
            int end = (8 * alignment + bits) / 6;
            String core = encoded.substring(first, end);
            boolean before = (8 * alignment) % 6 != 0;
            boolean after = (8 * alignment + bits) % 6 != 0;
            for (String form : new String[] { core, core.replace('+', '-').replace('/', '_') }) {
                if (cores.add(form)) {
                    Chain chain = encodable(form);
                    chains.add(new Chain(chain.alternatives(), chain.advances(), before, after));
                }
            }
        }
        return chains;
    }
}
