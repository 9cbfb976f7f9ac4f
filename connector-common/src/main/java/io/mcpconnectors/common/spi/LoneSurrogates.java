package io.mcpconnectors.common.spi;

/**
 * Half of a UTF-16 surrogate pair standing alone in a string. JSON can carry one ({@code \ud800}), but no text
 * encoding can: encoded for a data source it becomes another character ({@code ?}, an operator in SQL), so what a
 * check read is not what the source would read. The runtime refuses arguments holding one; a connector's own checks
 * use the same test.
 */
public final class LoneSurrogates {

    private LoneSurrogates() {
    }

    /** The index of the first surrogate in {@code text} that is not half of a well-formed pair, or -1. */
    public static int indexIn(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
