package io.mcpconnectors.gateway;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether two resource URIs or URI templates of different upstreams could both match one URI, as the MCP layer matches
 * them when it routes a read. Such a URI cannot be served: the layer answers "Multiple resource templates match" for
 * it (or routes a template's URI to another upstream's resource), so one upstream could make another's resources
 * unreadable.
 * <p>
 * The MCP layer compiles a template into a regular expression: each variable becomes {@code [^/]+} (one or more
 * characters other than '/') and the literal parts stay unquoted, where a '.' stands for any one character (templates
 * bring no other pattern syntax: {@link GatewayRegistry#unsafeTemplate} refuses it). A resource URI is matched as it
 * is, character for character. So each is a sequence of steps, each step one character of a class (a given
 * character, any character, any character but '/'), a variable's step repeatable. Two such sequences match a common
 * URI exactly when their product automaton can walk from both starts to both ends, taking each character in a class
 * both sides allow: a breadth-first walk over pairs of positions, each pair visited once, so at most quadratic in the
 * lengths (which {@link GatewayRegistry#MAX_URI_LENGTH} bounds).
 */
final class UriOverlap {

    /** A '.' in a template's literal part: the MCP layer's pattern reads it as any one character. */
    private static final int ANY = -1;
    /** A variable: one or more characters other than '/'. */
    private static final int VARIABLE = -2;
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{\\w+\\}");

    private UriOverlap() {
    }

    /**
     * What one resource URI or URI template matches, as steps: a code point, {@link #ANY} or {@link #VARIABLE}.
     *
     * @param shown the URI or template as an upstream published it
     */
    record Shape(String shown, boolean template, int[] steps) {

        /** A URI template that {@link GatewayRegistry#unsafeTemplate} accepted. */
        static Shape ofTemplate(String uriTemplate) {
            Matcher variable = TEMPLATE_VARIABLE.matcher(uriTemplate);
            List<Integer> steps = new ArrayList<>();
            int last = 0;
            while (true) {
                boolean found = variable.find();
                uriTemplate.substring(last, found ? variable.start() : uriTemplate.length()).codePoints()
                        .forEach(c -> steps.add(c == '.' ? ANY : c));
                if (!found) {
                    break;
                }
                steps.add(VARIABLE);
                last = variable.end();
            }
            return new Shape(uriTemplate, true, steps.stream().mapToInt(Integer::intValue).toArray());
        }

        /** A resource URI, matched as it is. */
        static Shape ofResource(String uri) {
            return new Shape(uri, false, uri.codePoints().toArray());
        }

        /** How a refusal names it. */
        String describe() {
            return (template ? "resource template " : "resource URI ") + shown;
        }
    }

    /** Whether some URI matches both. */
    static boolean overlap(Shape one, Shape other) {
        return overlap(one.steps(), other.steps());
    }

    /**
     * Whether some string matches both step sequences. A side's state is its position {@code p} (before step
     * {@code p}; {@code p == length} is its end) or, once a variable at step {@code p} has taken a character,
     * {@code length + 1 + p}: from there it takes more characters or moves on to {@code p + 1} without one.
     */
    static boolean overlap(int[] a, int[] b) {
        int statesB = 2 * b.length + 1;
        BitSet seen = new BitSet();
        Deque<int[]> pending = new ArrayDeque<>();
        visit(a, b, 0, 0, statesB, seen, pending);
        while (!pending.isEmpty()) {
            int[] pair = pending.poll();
            int x = pair[0];
            int y = pair[1];
            if (x == a.length && y == b.length) {
                return true;
            }
            int takesA = takes(a, x);
            int takesB = takes(b, y);
            if (takesA == Integer.MIN_VALUE || takesB == Integer.MIN_VALUE || !bothAllow(takesA, takesB)) {
                continue;
            }
            visit(a, b, after(a, x), after(b, y), statesB, seen, pending);
        }
        return false;
    }

    /** The class of character a state takes next ({@link #VARIABLE} for "not '/'"), or MIN_VALUE at the end. */
    private static int takes(int[] steps, int state) {
        if (state == steps.length) {
            return Integer.MIN_VALUE;
        }
        return state > steps.length ? VARIABLE : steps[state];
    }

    /** The state after taking a character: inside the variable, or past the step. */
    private static int after(int[] steps, int state) {
        if (state > steps.length) {
            return state;
        }
        return steps[state] == VARIABLE ? steps.length + 1 + state : state + 1;
    }

    /** Visits a pair and, for a side inside a variable, the pair where that variable has ended. */
    private static void visit(int[] a, int[] b, int x, int y, int statesB, BitSet seen, Deque<int[]> pending) {
        int[] xs = x > a.length ? new int[] {x, x - a.length} : new int[] {x};
        int[] ys = y > b.length ? new int[] {y, y - b.length} : new int[] {y};
        for (int nx : xs) {
            for (int ny : ys) {
                int index = nx * statesB + ny;
                if (!seen.get(index)) {
                    seen.set(index);
                    pending.add(new int[] {nx, ny});
                }
            }
        }
    }

    /** Whether one character can be in both classes. */
    private static boolean bothAllow(int one, int other) {
        if (one == ANY || other == ANY) {
            return true;
        }
        if (one == VARIABLE) {
            return other != '/';
        }
        if (other == VARIABLE) {
            return one != '/';
        }
        return one == other;
    }
}
