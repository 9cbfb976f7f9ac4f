package io.mcpconnectors.salesforce;

import static io.mcpconnectors.common.test.SchemaCheckedCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import okhttp3.mockwebserver.RecordedRequest;

/** Expired sessions, an unavailable org and an exhausted request limit, as a user of the tools meets them. */
@QuarkusTest
@WithTestResource(FakeSalesforce.class)
class ResilienceTest extends McpClientTest {

    @AfterEach
    void healthyAgain() {
        FakeSalesforce.unavailable.set(0);
        FakeSalesforce.limitExceeded.set(0);
    }

    @Test
    void anExpiredSessionIsRenewedOnceAndTheCallSucceeds() {
        String old = FakeSalesforce.currentToken();
        int tokens = FakeSalesforce.tokensIssued.get();
        FakeSalesforce.revoked.add(old);
        assertEquals(14890, ok(call(client, "org_limits", Map.of())).getJsonObject("limits")
                .getJsonObject("DailyApiRequests").getInteger("remaining"));
        assertEquals(tokens + 1, FakeSalesforce.tokensIssued.get(), "exactly one new token");
        List<RecordedRequest> limits = FakeSalesforce.requests().stream()
                .filter(r -> r.getPath().equals(FakeSalesforce.V + "/limits")).toList();
        assertEquals("Bearer " + old, limits.get(limits.size() - 2).getHeader("Authorization"));
        assertEquals("Bearer " + FakeSalesforce.currentToken(), limits.get(limits.size() - 1).getHeader("Authorization"));
    }

    @Test
    void a503IsRetriedWithBackoff() {
        int before = FakeSalesforce.requests().size();
        FakeSalesforce.unavailable.set(2);
        assertEquals(2, ok(call(client, "soql_query", Map.of("query", "SELECT Id FROM Account"))).getInteger("count"));
        assertEquals(3, FakeSalesforce.requests().size() - before, "two refused attempts, then the answer");
    }

    @Test
    void anExhaustedRequestLimitIsRetriedThenReportedClearly() {
        int before = FakeSalesforce.requests().size();
        FakeSalesforce.limitExceeded.set(10);
        String message = error(call(client, "soql_query", Map.of("query", "SELECT Id FROM Account")));
        assertTrue(message.contains("REQUEST_LIMIT_EXCEEDED"), message);
        assertTrue(message.contains("org_limits"), message);
        assertEquals(4, FakeSalesforce.requests().size() - before, "the first try and three retries");
        assertFalse(message.contains(FakeSalesforce.CLIENT_SECRET));
    }

    @Test
    void anUnavailableOrgIsReportedAfterTheRetries() {
        FakeSalesforce.unavailable.set(10);
        String message = error(call(client, "list_objects", Map.of()));
        assertTrue(message.startsWith("Salesforce is unavailable (HTTP 503"), message);
    }
}
