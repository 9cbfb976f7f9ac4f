package io.mcpconnectors.github;

import static io.mcpconnectors.common.test.SchemaCheckedCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Primary and secondary rate limits as a user of the tools meets them. */
@QuarkusTest
@WithTestResource(FakeGithub.class)
class RateLimitTest extends McpClientTest {

    static final Map<String, Object> WEB_APP = Map.of("owner", "octo-org", "repo", "web-app");

    @AfterEach
    void limitsLifted() {
        FakeGithub.secondaryLimited.set(0);
        FakeGithub.primaryResetEpoch = 0;
    }

    @Test
    void aShortSecondaryLimitIsWaitedOutAndRetried() {
        int before = FakeGithub.requests().size();
        FakeGithub.secondaryLimited.set(1);
        long start = System.nanoTime();
        assertEquals(1, ok(call(client, "list_pull_requests", WEB_APP)).getInteger("count"));
        assertTrue(System.nanoTime() - start >= 900_000_000L, "waited for Retry-After: 1");
        assertEquals(2, FakeGithub.requests().size() - before);
    }

    @Test
    void anExhaustedPrimaryLimitSaysWhenToTryAgainWithoutWaiting() {
        FakeGithub.primaryResetEpoch = System.currentTimeMillis() / 1000 + 3600;
        int before = FakeGithub.requests().size();
        String message = error(call(client, "list_workflow_runs", WEB_APP));
        assertTrue(message.startsWith("GitHub's rate limit is exhausted; it allows requests again in"), message);
        assertEquals(1, FakeGithub.requests().size() - before, "no retry when the wait is longer than allowed");
    }

    @Test
    void aLongSecondaryLimitIsReportedAsSuch() {
        FakeGithub.secondaryLimited.set(10);
        // Retry-After: 1 fits the 3 s allowance: two retries, then the limit is still there.
        String message = error(call(client, "list_pull_requests", WEB_APP));
        assertTrue(message.contains("rate limit"), message);
    }
}
