package io.mcpconnectors.common.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.ToolArguments;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;

/**
 * A cursor continues only the call that returned it: same tool, caller, data-source identity and arguments, signed by
 * this process, and only until it expires.
 */
class PageCursorsTest {

    static final Map<String, Object> ARGS = Map.of("sql", "SELECT * FROM t ORDER BY id", "params", List.of(1, "a"));

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final HandClock clock = new HandClock();
    final PageCursors cursors = new PageCursors(Duration.ofMinutes(5), clock);

    static ToolCall call(String principal, String mapped, Map<String, Object> args, String cursor) {
        Map<String, Object> values = new LinkedHashMap<>(args);
        if (cursor != null) {
            values.put(PageCursors.ARGUMENT, cursor);
        }
        return new ToolCall(new ToolArguments(values), new CallLimits(10, 1024), "s", List::of,
                new CallerIdentity(principal, mapped));
    }

    @Test
    void startsAtZeroWithoutACursorAndContinuesAtTheSignedPosition() {
        assertEquals(0, cursors.position("query", call("alice", "service", ARGS, null)));
        String next = cursors.next("query", call("alice", "service", ARGS, null), 250);
        assertEquals(250, cursors.position("query", call("alice", "service", ARGS, next)));
    }

    @Test
    void refusesACursorForAnotherCallerIdentityToolOrStatement() {
        String next = cursors.next("query", call("alice", "service", ARGS, null), 100);
        assertInvalid(() -> cursors.position("query", call("bob", "service", ARGS, next)));
        assertInvalid(() -> cursors.position("query", call("alice", "north_analyst", ARGS, next)));
        assertInvalid(() -> cursors.position("sample_rows", call("alice", "service", ARGS, next)));
        Map<String, Object> otherSql = new LinkedHashMap<>(ARGS);
        otherSql.put("sql", "SELECT * FROM secrets ORDER BY id");
        assertInvalid(() -> cursors.position("query", call("alice", "service", otherSql, next)));
        Map<String, Object> otherParams = new LinkedHashMap<>(ARGS);
        otherParams.put("params", List.of(2, "a"));
        assertInvalid(() -> cursors.position("query", call("alice", "service", otherParams, next)));
    }

    @Test
    void refusesAForgedPositionAndGarbage() {
        String next = cursors.next("query", call("alice", "service", ARGS, null), 100);
        byte[] raw = Base64.getUrlDecoder().decode(next);
        raw[7] = (byte) (raw[7] + 1);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertNotEquals(next, forged);
        assertInvalid(() -> cursors.position("query", call("alice", "service", ARGS, forged)));
        assertInvalid(() -> cursors.position("query", call("alice", "service", ARGS, "not a cursor!")));
        assertInvalid(() -> cursors.position("query", call("alice", "service", ARGS, "AAAA")));
    }

    @Test
    void refusesACursorSignedByAnotherProcess() {
        String next = new PageCursors(Duration.ofMinutes(5), clock).next("query", call("alice", "service", ARGS, null),
                100);
        assertInvalid(() -> cursors.position("query", call("alice", "service", ARGS, next)));
    }

    @Test
    void refusesAnExpiredCursorNamingTheSetting() {
        String next = cursors.next("query", call("alice", "service", ARGS, null), 100);
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertEquals(100, cursors.position("query", call("alice", "service", ARGS, next)));
        clock.now = clock.now.plusMillis(1);
        ToolCallException expired = assertThrows(ToolCallException.class,
                () -> cursors.position("query", call("alice", "service", ARGS, next)));
        assertTrue(expired.getMessage().contains("connector.limits.cursor-ttl is 5m"), expired.getMessage());
        assertTrue(expired.getMessage().contains("without 'cursor'"), expired.getMessage());
    }

    private static void assertInvalid(org.junit.jupiter.api.function.Executable executable) {
        ToolCallException refused = assertThrows(ToolCallException.class, executable);
        assertTrue(refused.getMessage().startsWith("The cursor does not belong to this call"), refused.getMessage());
    }
}
