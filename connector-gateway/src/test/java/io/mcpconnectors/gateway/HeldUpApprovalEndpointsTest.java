package io.mcpconnectors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.AuditTail;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * The gateway's /admin/approvals under load, over real HTTP ({@link HeldUpApprovalEndpoints}): each request counts
 * against its caller's rate and requests in flight, the same limits as on /mcp, and a request over them gets a JSON
 * 429 with Retry-After, audited. A listing asks every upstream at once, each for at most the gateway's timeout: one
 * that is held up is listed as unavailable, and the others' approvals are listed.
 */
@QuarkusTest
@WithTestResource(HeldUpApprovalEndpoints.class)
class HeldUpApprovalEndpointsTest {

    @TestHTTPResource("/admin/approvals")
    URI admin;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aCallerOverItsRateGetsA429WithRetryAfterAndTheRefusalIsAudited() throws Exception {
        AuditTail tail = AuditTail.from(HeldUpApprovalEndpoints.AUDIT);
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 2 * HeldUpApprovalEndpoints.RATE && limited == null; i++) {
            HttpResponse<String> response = send(HeldUpApprovalEndpoints.CAROL, "");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertTrue(limited != null, "no 429 after " + statuses);
        assertEquals(HeldUpApprovalEndpoints.RATE, statuses.indexOf(429), "the first " + HeldUpApprovalEndpoints.RATE
                + " requests of the minute are answered: " + statuses);
        assertEquals(403, statuses.get(0), "carol approves nowhere: " + statuses);
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, String.valueOf(retryAfter));
        JsonObject body = json(limited, 429);
        assertEquals("rate_limited", body.getString("reason"));
        assertTrue(body.getString("error").contains("connector.http.rate-per-minute")
                && body.getString("error").contains("Retry after"), body.encode());

        // Per principal: another caller is answered meanwhile.
        assertEquals(404, send(HeldUpApprovalEndpoints.BOB, "/a/apr_abcd0001").statusCode());

        JsonObject refused = refusals(tail).get(0);
        assertEquals("carol", refused.getString("principal"), refused.encode());
        assertEquals("rate_limited", refused.getString("reason"), refused.encode());
        assertEquals("GET", refused.getString("method"), refused.encode());
        assertEquals(429, refused.getInteger("status"), refused.encode());
    }

    @Test
    void aCallerOverItsRequestsInFlightGetsA429WhileTheFirstIsAnswered() throws Exception {
        AuditTail tail = AuditTail.from(HeldUpApprovalEndpoints.AUDIT);
        int asked = HeldUpApprovalEndpoints.HELD_ASKED.get();
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(request(HeldUpApprovalEndpoints.DAVE, ""),
                HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (HeldUpApprovalEndpoints.HELD_ASKED.get() == asked && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(HeldUpApprovalEndpoints.HELD_ASKED.get() > asked, "dave's listing reached the held-up upstream");

        HttpResponse<String> second = send(HeldUpApprovalEndpoints.DAVE, "");
        JsonObject body = json(second, 429);
        assertEquals("too_many_concurrent_requests", body.getString("reason"), body.encode());
        assertTrue(body.getString("error").contains("connector.http.concurrent-requests"), body.encode());
        assertEquals("1", second.headers().firstValue("Retry-After").orElseThrow());

        JsonObject listed = json(first.get(), 200);
        assertEquals(0, listed.getJsonArray("approvals").size(), listed.encode());
        JsonObject unavailable = listed.getJsonArray("unavailable").getJsonObject(0);
        assertEquals("held", unavailable.getString("upstream"), listed.encode());
        assertTrue(unavailable.getString("error").contains("did not answer within"), listed.encode());

        JsonObject refused = refusals(tail).get(0);
        assertEquals("dave", refused.getString("principal"), refused.encode());
        assertEquals("too_many_concurrent_requests", refused.getString("reason"), refused.encode());
    }

    @Test
    void upstreamsAreAskedAtOnceAndAHeldUpOneIsListedAsUnavailable() throws Exception {
        // a answers only once b was asked, and b only once a was: asked one after the other, the first would time out.
        JsonObject listed = json(send(HeldUpApprovalEndpoints.BOB, ""), 200);
        List<String> ids = listed.getJsonArray("approvals").stream()
                .map(a -> ((JsonObject) a).getString("upstream") + ":" + ((JsonObject) a).getString("id")).toList();
        assertEquals(List.of("a:apr_aaaa0001", "b:apr_bbbb0001"), ids, listed.encode());
        assertEquals(1, listed.getJsonArray("unavailable").size(), listed.encode());
        JsonObject held = listed.getJsonArray("unavailable").getJsonObject(0);
        assertEquals("held", held.getString("upstream"), listed.encode());
        assertTrue(held.getString("error").contains("did not answer within 3000 ms (connector.limits.timeout)"),
                listed.encode());
    }

    private HttpRequest request(String token, String path) {
        return HttpRequest.newBuilder(URI.create(admin + path)).header("Authorization", "Bearer " + token).GET()
                .build();
    }

    private HttpResponse<String> send(String token, String path) throws Exception {
        return http.send(request(token, path), HttpResponse.BodyHandlers.ofString());
    }

    /** The answer's JSON, after checking its status and that it is JSON without a stack trace. */
    private static JsonObject json(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().toString());
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), response.body());
        return new JsonObject(response.body());
    }

    private static List<JsonObject> refusals(AuditTail tail) {
        List<JsonObject> refusals = tail.text().lines().filter(l -> l.startsWith("{")).map(JsonObject::new)
                .filter(e -> "approvals_request_refused".equals(e.getString("type"))).toList();
        assertFalse(refusals.isEmpty(), "the refusal is audited: " + tail.text());
        return refusals;
    }
}
