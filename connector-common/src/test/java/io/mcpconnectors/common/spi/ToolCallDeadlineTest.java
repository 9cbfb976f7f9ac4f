package io.mcpconnectors.common.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ToolCallDeadlineTest {

    private static ToolCall callUntil(Instant deadline) {
        return new ToolCall(new ToolArguments(Map.of()), new CallLimits(10, 1000), "s", List::of,
                CallerIdentity.service("test"), CallReport.NONE, CallClient.NONE, deadline);
    }

    @Test
    void remainingIsZeroOnceTheDeadlineHasPassed() {
        assertEquals(Duration.ZERO, callUntil(Instant.now().minusSeconds(5)).remaining());
    }

    @Test
    void remainingNeverExceedsTheTimeToTheDeadline() {
        Duration left = callUntil(Instant.now().plusSeconds(60)).remaining();
        assertTrue(left.compareTo(Duration.ofSeconds(60)) <= 0 && left.compareTo(Duration.ZERO) > 0, left::toString);
    }

    @Test
    void aCallBuiltWithoutADeadlineHasTheDefaultTimeout() {
        ToolCall call = new ToolCall(new ToolArguments(Map.of()), new CallLimits(10, 1000), "s", List::of,
                CallerIdentity.service("test"));
        Duration left = call.remaining();
        assertTrue(left.compareTo(ToolCall.DEFAULT_TIMEOUT) <= 0
                && left.compareTo(ToolCall.DEFAULT_TIMEOUT.minusMinutes(1)) > 0, left::toString);
    }
}
