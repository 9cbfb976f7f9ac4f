package io.mcpconnectors.common.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class AuditTimestampTest {

    @Test
    void writesWhatInstantToStringWritesForEveryPrecision() {
        for (String text : new String[] { "2026-11-30T05:51:16Z", "2026-11-30T05:51:16.500Z",
                "2026-11-30T05:51:16.501123Z", "2026-11-30T05:51:16.000000001Z", "2026-11-30T05:51:16.120Z",
                "2026-11-30T05:51:16.000100Z", "1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000000001Z",
                "2000-02-29T23:59:59.999999999Z", "9999-12-31T23:59:59.999Z", "0001-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z", "-0001-06-15T12:00:00.5Z" }) {
            Instant instant = Instant.parse(text);
            assertEquals(instant.toString(), AuditTimestamp.of(instant), text);
        }
    }

    @Test
    void writesWhatInstantToStringWritesForInstantsAcrossTheCenturies() {
        SplittableRandom random = new SplittableRandom(18);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(0, 253402300800L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(instant.toString(), AuditTimestamp.of(instant));
        }
    }
}
