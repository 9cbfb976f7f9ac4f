package io.mcpconnectors.common.http;

import static io.mcpconnectors.common.test.McpCalls.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.AuditTail;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * A connector's own /admin/approvals counts against its caller's per-principal rate, the one budget the caller also
 * spends on /mcp: over it a request gets a JSON 429 with Retry-After, the refusal is audited without the token, and
 * other callers are answered meanwhile.
 */
@QuarkusTest
@TestProfile(AdminEndpointLimitsTest.Profile.class)
class AdminEndpointLimitsTest {

    static final int RATE = 4;
    static final String ERIN = "erin-admin-limits-token-0123456789";
    static final String FRANK = "frank-admin-limits-token-012345678";
    static final Path AUDIT = Path.of("target", "connector-data", "admin-endpoint-limits", "audit.jsonl")
            .toAbsolutePath();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("quarkus.application.name", "connector-testkit"),
                    Map.entry("connector.access.writes", "enabled"),
                    Map.entry("connector.approval.mode", "admin"),
                    Map.entry("connector.data-dir", "target/connector-data/admin-endpoint-limits"),
                    Map.entry("connector.audit.file", AUDIT.toString()),
                    Map.entry("connector.http.rate-per-minute", String.valueOf(RATE)),
                    Map.entry("connector.auth.mode", "static"),
                    Map.entry("connector.auth.tokens.erin.sha256", sha256(ERIN)),
                    Map.entry("connector.auth.tokens.erin.scopes", "testkit:read,testkit:approve"),
                    Map.entry("connector.auth.tokens.frank.sha256", sha256(FRANK)),
                    Map.entry("connector.auth.tokens.frank.scopes", "testkit:read,testkit:approve"));
        }
    }

    @TestHTTPResource("/admin/approvals")
    URI admin;

    @TestHTTPResource("/mcp")
    URI mcp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anApproverOverItsRateGetsA429WithRetryAfterSharedWithMcpAndAudited() throws Exception {
        AuditTail tail = AuditTail.from(AUDIT);
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 2 * RATE && limited == null; i++) {
            HttpResponse<String> response = get(ERIN, admin);
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertTrue(limited != null, "no 429 after " + statuses);
        assertEquals(RATE, statuses.indexOf(429), "the first " + RATE + " requests of the minute are answered: "
                + statuses);
        assertEquals(200, statuses.get(0), statuses.toString());
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, String.valueOf(retryAfter));
        assertTrue(limited.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject body = new JsonObject(limited.body());
        assertEquals("rate_limited", body.getString("reason"), body.encode());
        assertTrue(body.getString("error").contains("connector.http.rate-per-minute"), body.encode());
        assertFalse(limited.body().contains("Exception"), limited.body());

        // One budget: the same caller's next request to /mcp is over it too; another caller is answered.
        HttpResponse<String> onMcp = http.send(HttpRequest.newBuilder(mcp).header("Authorization", "Bearer " + ERIN)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(429, onMcp.statusCode(), onMcp.body());
        assertEquals(200, get(FRANK, admin).statusCode());

        List<JsonObject> refusals = tail.text().lines().filter(l -> l.startsWith("{")).map(JsonObject::new)
                .filter(e -> "approvals_request_refused".equals(e.getString("type"))).toList();
        assertFalse(refusals.isEmpty(), "the refusal is audited: " + tail.text());
        assertEquals("erin", refusals.get(0).getString("principal"), refusals.get(0).encode());
        assertEquals("rate_limited", refusals.get(0).getString("reason"), refusals.get(0).encode());
        assertEquals(429, refusals.get(0).getInteger("status"), refusals.get(0).encode());
        assertFalse(tail.text().contains(ERIN), "no token in the audit");
    }

    private HttpResponse<String> get(String token, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
