package io.mcpconnectors.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.secrets.KnownSecrets;

/**
 * Carries an approver's request to one HTTP upstream's own admin endpoint ({@code /admin/approvals} next to its
 * {@code /mcp}), as the approver: every request carries a fresh assertion the gateway signs for that upstream, with the
 * approver's principal and the upstream's {@code <connector>:approve} scope only; the approver's own token never
 * leaves the gateway. The upstream decides with its own rules (four-eyes, expiry, decided once) and records the
 * approver in its own audit chain. Its answer comes back as data, checked for shape, with the gateway's secrets
 * removed; a failure of the hop is a 502/504 with a reference, never the upstream's raw text.
 */
@ApplicationScoped
public class UpstreamApprovals {

    private static final Logger LOG = Logger.getLogger(UpstreamApprovals.class);
    /** The most of an upstream's answer the gateway reads (a list of approvals with their arguments and previews). */
    static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

    private final IdentityAssertions assertions;
    private final KnownSecrets secrets;
    private final ObjectMapper json;
    private final Duration timeout;
    private final HttpClient http;
    /** Asks several upstreams at once for a listing; each task ends within the request timeout. */
    private final ExecutorService asking = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "gateway-approvals-listing");
        thread.setDaemon(true);
        return thread;
    });

    /** What the upstream said: an HTTP status for the approver and the JSON to show. */
    record Answer(int status, JsonNode body) {
    }

    public UpstreamApprovals(IdentityAssertions assertions, KnownSecrets secrets, ObjectMapper json,
            ConnectorRuntimeConfig config) {
        this.assertions = assertions;
        this.secrets = secrets;
        this.json = json;
        this.timeout = config.limits().timeout();
        // Redirects are not followed: an assertion is only ever sent to the configured upstream.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The upstream's admin endpoint: {@code admin/approvals} beside its MCP endpoint ({@code /mcp}). */
    static URI adminBase(UpstreamSpec upstream) {
        URI url = upstream.url();
        String path = url.getPath() == null || url.getPath().isEmpty() ? "/" : url.getPath();
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String parent = path.substring(0, path.lastIndexOf('/') + 1);
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + parent + "admin/approvals");
    }

    /** Pending approvals ({@code all}: every one), each tagged with the upstream. */
    Answer list(UpstreamSpec upstream, String principal, boolean all) {
        Answer answer = send(upstream, principal, HttpRequest.newBuilder(URI.create(adminBase(upstream)
                + (all ? "?all=true" : ""))).GET());
        if (answer.status() != 200) {
            return answer;
        }
        JsonNode approvals = answer.body().get("approvals");
        if (approvals == null || !approvals.isArray()) {
            return unexpected(upstream, "a list without \"approvals\"");
        }
        for (JsonNode approval : approvals) {
            if (!approval.isObject()) {
                return unexpected(upstream, "an approval that is not an object");
            }
            ((ObjectNode) approval).put("upstream", upstream.name());
        }
        return answer;
    }

    /** Starts {@link #list} on a thread of its own, so several upstreams are asked at once. */
    Future<Answer> listLater(UpstreamSpec upstream, String principal, boolean all) {
        return asking.submit(() -> list(upstream, principal, all));
    }

    /**
     * The answer of a listing started with {@link #listLater}, waiting for it no later than the deadline
     * ({@link System#nanoTime()}): an upstream that has not answered by then is a 504, whatever the others do.
     */
    Answer await(UpstreamSpec upstream, Future<Answer> listing, long deadline) {
        try {
            return listing.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Not interrupted: the request ends by its own timeout at about the same moment.
            listing.cancel(false);
            return failure(upstream, 504, "did not answer within " + timeout.toMillis()
                    + " ms (connector.limits.timeout)", null);
        } catch (ExecutionException e) {
            return failure(upstream, 502, "could not be asked", e.getCause() instanceof Exception cause ? cause : null);
        } catch (InterruptedException e) {
            listing.cancel(true);
            Thread.currentThread().interrupt();
            return failure(upstream, 503, "was not asked: the gateway is stopping", e);
        }
    }

    /** How long one upstream is waited for: {@code connector.limits.timeout}. */
    Duration timeout() {
        return timeout;
    }

    /** One approval with its arguments and preview. */
    Answer show(UpstreamSpec upstream, String principal, String id) {
        return one(upstream, id, send(upstream, principal, HttpRequest.newBuilder(URI.create(adminBase(upstream)
                + "/" + id)).GET()));
    }

    /** Approves or denies one approval as the principal; the upstream applies its rules and records the decision. */
    Answer decide(UpstreamSpec upstream, String principal, String id, boolean approve, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (reason != null) {
            body.put("reason", reason);
        }
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("a reason cannot be encoded", e);
        }
        return one(upstream, id, send(upstream, principal, HttpRequest.newBuilder(URI.create(adminBase(upstream)
                + "/" + id + "/" + (approve ? "approve" : "deny"))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text))));
    }

    private Answer one(UpstreamSpec upstream, String id, Answer answer) {
        if (answer.status() != 200) {
            return answer;
        }
        if (!answer.body().isObject() || !id.equals(answer.body().path("id").asText(null))) {
            return unexpected(upstream, "an approval other than " + id);
        }
        ((ObjectNode) answer.body()).put("upstream", upstream.name());
        return answer;
    }

    private Answer send(UpstreamSpec upstream, String principal, HttpRequest.Builder request) {
        request.timeout(timeout).header("Accept", "application/json").header("Authorization", "Bearer "
                + assertions.forApprover(upstream, principal).token());
        HttpResponse<InputStream> response;
        byte[] bytes;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
            }
        } catch (HttpTimeoutException e) {
            return failure(upstream, 504, "did not answer within " + timeout.toMillis()
                    + " ms (connector.limits.timeout)", e);
        } catch (IOException e) {
            return failure(upstream, 502, "cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(upstream, 503, "was not asked: the gateway is stopping", e);
        }
        if (bytes.length > MAX_ANSWER_BYTES) {
            return failure(upstream, 502, "answered with more than " + MAX_ANSWER_BYTES + " bytes", null);
        }
        JsonNode body;
        try {
            // An upstream quoting a credential of the gateway's (another upstream's static token) does not get it
            // relayed; scrubbed as text, which stays valid JSON (the mask is plain characters).
            body = secrets.appearIn(bytes)
                    ? json.readTree(secrets.scrub(new String(bytes, StandardCharsets.UTF_8)))
                    : json.readTree(bytes);
        } catch (IOException e) {
            body = null;
        }
        int status = response.statusCode();
        String upstreamError = body != null && body.path("error").isTextual()
                ? secrets.scrubMessage(body.path("error").asText()) : null;
        return switch (status) {
            case 200 -> body == null || !body.isObject() ? unexpected(upstream, "an answer that is not a JSON object")
                    : new Answer(200, body);
            // Unknown there; the same answer as for an upstream the caller may not see.
            case 404 -> new Answer(404, null);
            case 400, 409 -> error(status, upstreamError != null ? upstreamError
                    : "Upstream " + upstream.name() + " refused the request (HTTP " + status + ").");
            case 503 -> error(503, "Upstream " + upstream.name() + ": " + (upstreamError != null ? upstreamError
                    : "unavailable (HTTP 503)."));
            case 401, 403 -> failure(upstream, 502, "refused the gateway's assertion on its admin endpoint (HTTP "
                    + status + "): the connector must run with connector.auth.mode=oidc and this gateway's"
                    + " connector.gateway.issuer as its issuer, and its approvers need its :approve scope", null);
            default -> failure(upstream, 502, "answered HTTP " + status, null);
        };
    }

    private Answer unexpected(UpstreamSpec upstream, String what) {
        return failure(upstream, 502, "answered with " + what, null);
    }

    private Answer failure(UpstreamSpec upstream, int status, String what, Exception cause) {
        String reference = UUID.randomUUID().toString();
        LOG.warnf("The admin endpoint of upstream %s %s (reference %s)%s", upstream.name(), what, reference,
                cause == null ? "" : ": " + secrets.scrubMessage(cause.getClass().getSimpleName() + " "
                        + cause.getMessage()));
        return error(status, "Upstream " + upstream.name() + " " + what + " (reference " + reference + ").");
    }

    private Answer error(int status, String message) {
        return new Answer(status, json.createObjectNode().put("error", message));
    }

    @PreDestroy
    void close() {
        asking.shutdownNow();
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(http);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Java 17: left to the garbage collector
        }
    }
}
