package io.mcpconnectors.github;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.saas.SaasHttpClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.Guard;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The GitHub REST API as the tools use it: one shared, pooled OkHttp client; conditional requests (a GET answered
 * before is asked again with {@code If-None-Match}, and a 304 costs no rate limit); primary and secondary rate
 * limits honoured: when GitHub asks to wait ({@code Retry-After}, or {@code X-RateLimit-Remaining: 0} until
 * {@code X-RateLimit-Reset}) for no longer than {@code connector.github.http.max-rate-limit-wait}, the request
 * waits and is retried (SmallRye Fault Tolerance, with the wait GitHub gave); otherwise it fails with a message
 * saying when to try again. Pages are followed through the {@code Link} header.
 */
@ApplicationScoped
public class GithubApi {

    static final String API_VERSION = "2022-11-28";
    static final String USER_AGENT = "mcp-connector-github";
    private static final Pattern NEXT_PAGE = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    /** A page of a list and the cursor of the next one (null on the last page). */
    public record Page(JsonNode body, String nextCursor) {
    }

    /** Text capped at a byte count; {@code truncated} when there was more. */
    public record CappedText(String text, long bytes, boolean truncated) {
    }

    /** GitHub asked to wait this long before trying again. */
    static final class RateLimited extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long waitMillis;

        RateLimited(long waitMillis) {
            super(null, null, false, false);
            this.waitMillis = waitMillis;
        }
    }

    private record Cached(String etag, String body, String next) {
    }

    private record Answer(int status, Headers headers, String body) {
    }

    private final String apiUrl;
    private final SaasHttpClient client;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final GithubAuth auth;
    private final Guard rateLimitRetry;
    private final long maxWaitMillis;
    private final Cache<String, Cached> etags;

    public GithubApi(GithubConnectorConfig config, ConnectorRuntimeConfig runtime, ObjectMapper json,
            Instance<MeterRegistry> metrics, KnownSecrets secrets) {
        this.apiUrl = config.apiUrl().replaceAll("/+$", "");
        if (HttpUrl.parse(apiUrl) == null) {
            throw new InvalidSettingException("connector.github.api-url", "is not an http(s) URL");
        }
        this.json = json;
        GithubConnectorConfig.Http settings = config.http();
        this.client = new SaasHttpClient("github", settings, runtime.limits().timeout(), true, metrics);
        this.http = client.http();
        this.maxWaitMillis = settings.maxRateLimitWait().toMillis();
        this.rateLimitRetry = Guard.create().withDescription("github-rate-limit").withRetry().maxRetries(2)
                .maxDuration(runtime.limits().timeout().toMillis(), ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
                .retryOn(RateLimited.class).withCustomBackoff().strategy(() -> new CustomBackoffStrategy() {
                    @Override
                    public long nextDelayInMillis(Throwable cause) {
                        return cause instanceof RateLimited limited ? limited.waitMillis : 1000;
                    }
                }).done().done().build();
        this.etags = Caffeine.newBuilder().maximumSize(Math.max(0, config.etagCacheSize())).build();
        this.auth = new GithubAuth(config, http, json, secrets);
        verify();
    }

    public String apiUrl() {
        return apiUrl;
    }

    /** At start: the credential works (GET /rate_limit costs no rate limit). */
    private void verify() {
        String key = auth.isApp() ? "connector.github.auth.app-id" : "connector.github.auth.token";
        try {
            Answer answer = exchange(new Request.Builder().url(apiUrl + "/rate_limit").get(), false);
            if (answer.status == 401) {
                throw new InvalidSettingException(key, "- GitHub at " + apiUrl + " rejected the credential (401)");
            }
            if (answer.status >= 300) {
                throw new InvalidSettingException("connector.github.api-url", "- " + apiUrl + " answered HTTP "
                        + answer.status + " to GET /rate_limit; is this the API base (…/api/v3 for GitHub Enterprise"
                        + " Server)?");
            }
        } catch (GithubAuth.AuthenticationException e) {
            throw new InvalidSettingException(key, "- " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidSettingException("connector.github.api-url", "- cannot reach " + apiUrl + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * GET one page of JSON for a tool call, within the call's deadline; {@code cursor} is the page number a previous
     * answer gave (null for the first).
     */
    public Page get(ToolCall call, String path, Map<String, String> query, String cursor) {
        return page(call.deadline(), path, query, cursor);
    }

    /** GET one page of JSON outside a tool call (connector.limits.timeout per request). */
    public Page get(String path, Map<String, String> query, String cursor) {
        return page(null, path, query, cursor);
    }

    private Page page(Instant deadline, String path, Map<String, String> query, String cursor) {
        HttpUrl.Builder url = HttpUrl.get(apiUrl + path).newBuilder();
        query.forEach((k, v) -> {
            if (v != null) {
                url.addQueryParameter(k, v);
            }
        });
        if (cursor != null) {
            if (!cursor.matches("[1-9][0-9]{0,4}")) {
                throw new ToolCallException("Argument 'cursor' must be a cursor from a previous answer's next_cursor.");
            }
            url.setQueryParameter("page", cursor);
        }
        String target = url.build().toString();
        Cached answer = call(deadline, () -> {
            Cached known = etags.getIfPresent(target);
            Request.Builder request = new Request.Builder().url(target).get();
            if (known != null) {
                request.header("If-None-Match", known.etag());
            }
            Answer a = exchange(request, true, deadline);
            if (a.status == 304 && known != null) {
                return known;
            }
            check(a);
            Cached fresh = new Cached(a.headers.get("ETag"), a.body, next(a.headers));
            if (fresh.etag() != null) {
                etags.put(target, fresh);
            }
            return fresh;
        });
        return new Page(parse(answer.body()), answer.next());
    }

    public JsonNode get(ToolCall call, String path) {
        return page(call.deadline(), path, Map.of(), null).body();
    }

    public JsonNode get(String path) {
        return get(path, Map.of(), null).body();
    }

    /** Bytes in a media type, at most {@code maxBytes}; {@code truncated} when there were more. */
    public record CappedBytes(byte[] bytes, boolean truncated) {
    }

    /** GET a body in a media type (a diff, a raw file), reading at most {@code maxBytes}. */
    public CappedBytes raw(ToolCall call, String path, String accept, long maxBytes) {
        return bytes(call.deadline(), path, accept, maxBytes);
    }

    /** The same outside a tool call. */
    public CappedBytes raw(String path, String accept, long maxBytes) {
        return bytes(null, path, accept, maxBytes);
    }

    private CappedBytes bytes(Instant deadline, String path, String accept, long maxBytes) {
        return call(deadline, () -> {
            Request request = new Request.Builder().url(apiUrl + path).get().header("Accept", accept)
                    .header("Authorization", auth.authorization()).header("X-GitHub-Api-Version", API_VERSION)
                    .header("User-Agent", USER_AGENT).build();
            try (Response response = execute(request, deadline)) {
                ResponseBody body = response.body();
                if (!response.isSuccessful()) {
                    check(new Answer(response.code(), response.headers(), body == null ? "" : body.string()));
                }
                byte[] read = body == null ? new byte[0] : readAtMost(body.byteStream(), maxBytes + 1);
                boolean truncated = read.length > maxBytes;
                return new CappedBytes(truncated ? Arrays.copyOf(read, (int) maxBytes) : read, truncated);
            }
        });
    }

    /** GET text in a media type (a diff, say), reading at most {@code maxBytes}. */
    public CappedText text(ToolCall call, String path, String accept, long maxBytes) {
        CappedBytes raw = bytes(call.deadline(), path, accept, maxBytes);
        return new CappedText(new String(raw.bytes(), StandardCharsets.UTF_8), raw.bytes().length, raw.truncated());
    }

    /** POST JSON for a tool call, within the call's deadline. */
    public JsonNode post(ToolCall call, String path, Object body) {
        return call(call.deadline(), () -> {
            Request.Builder request = new Request.Builder().url(apiUrl + path)
                    .post(RequestBody.create(json.writeValueAsBytes(body), JSON));
            Answer answer = exchange(request, true, call.deadline());
            check(answer);
            return parse(answer.body);
        });
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws IOException;
    }

    @SuppressWarnings("unchecked")
    private <T> T call(Instant deadline, Work<T> work) {
        try {
            return (T) rateLimitRetry.call(() -> {
                try {
                    return work.run();
                } catch (RateLimited e) {
                    // A wait that would outlast the call is not worth starting.
                    if (deadline != null && Instant.now().plusMillis(e.waitMillis).isAfter(deadline)) {
                        throw stillLimited(e);
                    }
                    throw e;
                }
            }, Object.class);
        } catch (RateLimited e) {
            throw stillLimited(e);
        } catch (IOException e) {
            throw SaasHttpClient.unreachable("GitHub", e, "connector.github.api-url");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("GitHub request failed", e);
        }
    }

    private static ToolCallException stillLimited(RateLimited e) {
        return new ToolCallException("GitHub's rate limit is still in effect after waiting; try again in "
                + Math.max(1, e.waitMillis / 1000) + " s.");
    }

    private Answer exchange(Request.Builder request, boolean renewOnce) throws IOException {
        return exchange(request, renewOnce, null);
    }

    private Answer exchange(Request.Builder request, boolean renewOnce, Instant deadline) throws IOException {
        Answer answer = send(request, deadline);
        if (answer.status == 401 && renewOnce && auth.invalidate()) {
            answer = send(request, deadline);
        }
        return answer;
    }

    private Answer send(Request.Builder builder, Instant deadline) throws IOException {
        Request request = builder.header("Authorization", auth.authorization())
                .header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", API_VERSION)
                .header("User-Agent", USER_AGENT).build();
        try (Response response = execute(request, deadline)) {
            return new Answer(response.code(), response.headers(),
                    response.body() == null ? "" : response.body().string());
        }
    }

    /**
     * Sends one request. Within a tool call (a deadline), the request gives up when the call's time runs out,
     * retries included; outside one, after connector.limits.timeout.
     */
    private Response execute(Request request, Instant deadline) throws IOException {
        Call exchange = http.newCall(request);
        if (deadline != null) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                throw new ToolCallException("The GitHub request did not finish within connector.limits.timeout;"
                        + " narrow the request, or ask an admin to raise the limit.");
            }
            exchange.timeout().timeout(left, TimeUnit.MILLISECONDS);
        }
        return exchange.execute();
    }

    /** Turns a refusal into a rate-limit wait or a message; returns quietly on success. */
    private void check(Answer answer) {
        int status = answer.status;
        if (status >= 200 && status < 300) {
            return;
        }
        String message = message(answer.body);
        if (status == 403 || status == 429) {
            Long wait = rateLimitWait(answer.headers);
            if (wait != null) {
                if (wait <= maxWaitMillis) {
                    throw new RateLimited(wait);
                }
                throw new ToolCallException("GitHub's rate limit is exhausted" + (answer.headers.get("Retry-After") != null
                        ? " (secondary limit)" : "") + "; it allows requests again in " + Math.max(1, wait / 1000)
                        + " s (at " + Instant.now().plusMillis(wait).truncatedTo(ChronoUnit.SECONDS) + "). Try again"
                        + " then, or with fewer or narrower requests.");
            }
            throw new ToolCallException("GitHub refused the request (HTTP " + status + "): " + message
                    + ". The connector's token may lack the permission for this.");
        }
        if (status == 401) {
            throw new ToolCallException("GitHub rejected the connector's credential (401); an admin needs to renew"
                    + " the token.");
        }
        if (status == 404) {
            throw new ToolCallException("Not found on GitHub (or not visible to the connector's token): " + message
                    + ".");
        }
        if (status == 422) {
            throw new ToolCallException("GitHub could not process the request: " + message + ".");
        }
        throw new ToolCallException("GitHub answered HTTP " + status + (message.isEmpty() ? "" : ": " + message)
                + ". Try again later.");
    }

    /** How long GitHub asks to wait, or null when the refusal is not a rate limit. */
    static Long rateLimitWait(Headers headers) {
        String retryAfter = headers.get("Retry-After");
        if (retryAfter != null && retryAfter.matches("\\d{1,6}")) {
            return Long.parseLong(retryAfter) * 1000;
        }
        if ("0".equals(headers.get("X-RateLimit-Remaining"))) {
            String reset = headers.get("X-RateLimit-Reset");
            if (reset != null && reset.matches("\\d{1,12}")) {
                return Math.max(0, Long.parseLong(reset) * 1000 - System.currentTimeMillis()) + 1000;
            }
            return 60_000L;
        }
        return null;
    }

    private String message(String body) {
        JsonNode node = parse(body);
        if (node == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(node.path("message").asText(""));
        for (JsonNode error : node.path("errors")) {
            String detail = error.isTextual() ? error.asText() : error.path("message").asText(error.path("code").asText(""));
            if (!detail.isEmpty()) {
                text.append(text.length() == 0 ? "" : "; ").append(detail);
            }
        }
        return text.toString();
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The page number of the Link header's rel="next", or null. */
    static String next(Headers headers) {
        String link = headers.get("Link");
        if (link == null) {
            return null;
        }
        Matcher m = NEXT_PAGE.matcher(link);
        if (!m.find()) {
            return null;
        }
        HttpUrl next = HttpUrl.parse(m.group(1));
        return next == null ? null : next.queryParameter("page");
    }

    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
