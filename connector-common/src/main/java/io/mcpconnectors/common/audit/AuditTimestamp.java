package io.mcpconnectors.common.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The time of an audit record as {@link Instant#toString()} writes it (ISO-8601 in UTC, the fraction in groups of
 * three digits as needed), made without the date-time formatter's general machinery, which every tool call's record
 * would otherwise go through.
 */
public final class AuditTimestamp {

    /** 10000-01-01T00:00:00Z: from there on {@link Instant#toString()} writes a sign before the year. */
    private static final long END_OF_FOUR_DIGIT_YEARS = 253402300800L;

    private AuditTimestamp() {
    }

    /** The same text as {@code instant.toString()}. */
    public static String of(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds >= END_OF_FOUR_DIGIT_YEARS) {
            return instant.toString();
        }
        StringBuilder text = new StringBuilder(31);
        wholeSeconds(text, seconds);
        int nanos = instant.getNano();
        if (nanos > 0) {
            text.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(text, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                digits(text, nanos / 1000, 6);
            } else {
                digits(text, nanos, 9);
            }
        }
        return text.append('Z').toString();
    }

    private static void wholeSeconds(StringBuilder text, long epochSecond) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        digits(text, time.getYear(), 4);
        digits(text.append('-'), time.getMonthValue(), 2);
        digits(text.append('-'), time.getDayOfMonth(), 2);
        digits(text.append('T'), time.getHour(), 2);
        digits(text.append(':'), time.getMinute(), 2);
        digits(text.append(':'), time.getSecond(), 2);
    }

    /** The number in exactly {@code width} digits, with leading zeros. */
    private static void digits(StringBuilder text, int value, int width) {
        int start = text.length();
        for (int i = 0; i < width; i++) {
            text.append('0');
        }
        for (int i = start + width - 1; i >= start && value > 0; i--) {
            text.setCharAt(i, (char) ('0' + value % 10));
            value /= 10;
        }
    }
}
