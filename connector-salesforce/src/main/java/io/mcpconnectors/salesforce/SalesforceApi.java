package io.mcpconnectors.salesforce;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.IdentityMode;
import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.salesforce.SalesforceAuth.Token;
import io.mcpconnectors.saas.SaasHttpClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.Guard;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The Salesforce REST API as the tools use it: one shared, pooled OkHttp client; the access token of the caller's
 * Salesforce user added to every request (the integration user's, or with {@code connector.identity.mode=mapped}
 * the mapped user's own, from {@link SalesforceUserTokens}) and fetched again once, for that user only, when
 * Salesforce answers INVALID_SESSION_ID; 503 and REQUEST_LIMIT_EXCEEDED
 * retried with exponential backoff (SmallRye Fault Tolerance); the {@code Sforce-Limit-Info} header read after
 * every answer; error bodies turned into messages that name Salesforce's error code. No token or secret ever
 * appears in a message or log: {@link SalesforceAuth} registers each with the runtime's {@link KnownSecrets}, which
 * removes them from everything that leaves the connector.
 */
@ApplicationScoped
public class SalesforceApi {

    /** API requests used and allowed in the org's rolling 24 hours, from the last answer. */
    public record ApiUsage(long used, long max) {
    }

    /** An answer worth retrying: 503, or the org's request limit reached. */
    static final class RetryableAnswer extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String errorCode;
        final String message;

        RetryableAnswer(int status, String errorCode, String message) {
            super(errorCode, null, false, false);
            this.status = status;
            this.errorCode = errorCode;
            this.message = message;
        }
    }

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    private final SaasHttpClient client;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final SalesforceAuth auth;
    private final SalesforceUserTokens userTokens;
    private final Guard retry;
    private final String version;
    private volatile ApiUsage usage;

    public SalesforceApi(SalesforceConnectorConfig config, ConnectorRuntimeConfig runtime, ObjectMapper json,
            Instance<MeterRegistry> metrics, KnownSecrets secrets) {
        this.json = json;
        this.version = config.apiVersion();
        if (!version.matches("v\\d+\\.\\d")) {
            throw new InvalidSettingException("connector.salesforce.api-version", "must look like v62.0");
        }
        SalesforceConnectorConfig.Http settings = config.http();
        this.client = new SaasHttpClient("salesforce", settings, runtime.limits().timeout(), false, metrics);
        this.http = client.http();
        long delay = Math.max(1, settings.retryDelay().toMillis());
        this.retry = Guard.create().withDescription("salesforce-api").withRetry()
                .maxRetries(settings.maxRetries()).delay(delay, ChronoUnit.MILLIS).jitter(delay / 4, ChronoUnit.MILLIS)
                .maxDuration(runtime.limits().timeout().toMillis(), ChronoUnit.MILLIS)
                .retryOn(RetryableAnswer.class).withExponentialBackoff().factor(2)
                .maxDelay(Math.max(delay, runtime.limits().timeout().toMillis() / 2), ChronoUnit.MILLIS).done().done()
                .build();
        if (runtime.identity().mode() == IdentityMode.MAPPED
                && config.auth().flow() != SalesforceConnectorConfig.Flow.JWT_BEARER) {
            throw new InvalidSettingException("connector.salesforce.auth.flow", "must be jwt-bearer when"
                    + " connector.identity.mode=mapped: only the JWT bearer flow can sign in as each mapped user (a "
                    + config.auth().flow().name().toLowerCase().replace('_', '-') + " grant is always for the one"
                    + " user it was set up for). Set up the connected app for the JWT bearer flow (docs/salesforce.md,"
                    + " User-bound access)");
        }
        this.auth = new SalesforceAuth(config, http, json, secrets);
        this.userTokens = new SalesforceUserTokens(auth::signIn, config.identity().tokenTtl(),
                config.identity().tokenCacheSize(), Ticker.systemTicker());
        try {
            auth.token();
        } catch (SalesforceAuth.AuthenticationException e) {
            throw new InvalidSettingException("connector.salesforce.auth", "- cannot sign in to Salesforce at "
                    + config.loginUrl() + ": " + e.getMessage());
        }
    }

    /**
     * GET a path below /services/data/vNN.N (e.g. {@code /sobjects}) with query parameters, as the caller's
     * Salesforce user.
     */
    public JsonNode get(ToolCall call, String path, Map<String, String> query) {
        return send(call.caller(), call.deadline(), "GET", token -> dataUrl(token, path, query), null);
    }

    /** The same outside a tool call (start-up checks, cached describes): connector.limits.timeout per request. */
    public JsonNode get(CallerIdentity caller, String path, Map<String, String> query) {
        return send(caller, null, "GET", token -> dataUrl(token, path, query), null);
    }

    /** GET a path the server gave (a nextRecordsUrl), below the instance URL. */
    public JsonNode getServerPath(ToolCall call, String serverPath) {
        if (!serverPath.startsWith("/services/data/")) {
            throw new ToolCallException("Salesforce returned an unexpected next-page address; the query stopped.");
        }
        return send(call.caller(), call.deadline(), "GET", token -> HttpUrl.get(token.instanceUrl() + serverPath),
                null);
    }

    public JsonNode post(ToolCall call, String path, Object body) {
        return send(call.caller(), call.deadline(), "POST", token -> dataUrl(token, path, Map.of()), body);
    }

    public JsonNode patch(ToolCall call, String path, Object body) {
        return send(call.caller(), call.deadline(), "PATCH", token -> dataUrl(token, path, Map.of()), body);
    }

    public JsonNode delete(ToolCall call, String path) {
        return send(call.caller(), call.deadline(), "DELETE", token -> dataUrl(token, path, Map.of()), null);
    }

    /**
     * Signs in as a mapped user (or reuses the token already held for it): proves at start that the connected app
     * lets the connector act as that user.
     *
     * @throws SalesforceAuth.AuthenticationException when Salesforce refuses
     */
    public void signInAs(String username) {
        userTokens.token(username);
    }

    public ApiUsage usage() {
        return usage;
    }

    public String version() {
        return version;
    }

    private HttpUrl dataUrl(Token token, String path, Map<String, String> query) {
        HttpUrl.Builder url = HttpUrl.get(token.instanceUrl() + "/services/data/" + version + path).newBuilder();
        query.forEach(url::addQueryParameter);
        return url.build();
    }

    /**
     * Sends one request, retried with backoff when Salesforce asks for it. Within a tool call (a deadline), each
     * attempt gives up when the call's time runs out; outside one, after connector.limits.timeout.
     */
    private JsonNode send(CallerIdentity caller, Instant deadline, String method, Function<Token, HttpUrl> url,
            Object body) {
        try {
            return retry.call(() -> attempt(caller, deadline, method, url, body), JsonNode.class);
        } catch (RetryableAnswer e) {
            if ("REQUEST_LIMIT_EXCEEDED".equals(e.errorCode)) {
                throw new ToolCallException("Salesforce refused the request: REQUEST_LIMIT_EXCEEDED, the org's API"
                        + " request limit is used up (retried with backoff). Try again later; org_limits shows the"
                        + " limits." + (e.message.isEmpty() ? "" : " Salesforce said: " + e.message));
            }
            throw new ToolCallException("Salesforce is unavailable (HTTP " + e.status + ", retried with backoff)."
                    + " Try again later.");
        } catch (IOException e) {
            throw SaasHttpClient.unreachable("Salesforce", e, null);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Salesforce request failed", e);
        }
    }

    private JsonNode attempt(CallerIdentity caller, Instant deadline, String method, Function<Token, HttpUrl> url,
            Object body) throws IOException {
        Token token = caller.isMapped() ? userToken(caller) : auth.token();
        Answer answer = exchange(method, url.apply(token), body, token, deadline);
        if (answer.status == 401) {
            // Expired or revoked session: one new token for this caller's user, one more try.
            try {
                token = caller.isMapped() ? userTokens.refresh(caller.mapped(), token) : auth.refresh(token);
            } catch (SalesforceAuth.AuthenticationException e) {
                throw new ToolCallException("Salesforce ended the session and a new one could not be started: "
                        + e.getMessage());
            }
            answer = exchange(method, url.apply(token), body, token, deadline);
        }
        if (answer.status >= 200 && answer.status < 300) {
            return answer.body;
        }
        SalesforceErrors.Error error = SalesforceErrors.parse(answer.body);
        if (answer.status == 503 || "REQUEST_LIMIT_EXCEEDED".equals(error.code())
                || "SERVER_UNAVAILABLE".equals(error.code())) {
            throw new RetryableAnswer(answer.status, error.code(), error.message());
        }
        throw SalesforceErrors.toolError(answer.status, error);
    }

    /** The token of the caller's mapped user, signing in as that user first when none is held. */
    private Token userToken(CallerIdentity caller) {
        try {
            return userTokens.token(caller.mapped());
        } catch (SalesforceAuth.AuthenticationException e) {
            throw new ToolCallException("Salesforce did not let the connector sign in as " + caller.mapped() + ", the"
                    + " user mapped for " + caller.principal() + ": " + e.getMessage() + ". Ask an admin to check that"
                    + " the connected app pre-authorizes this user.");
        }
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer exchange(String method, HttpUrl url, Object body, Token token, Instant deadline)
            throws IOException {
        RequestBody payload = body == null ? null : RequestBody.create(json.writeValueAsBytes(body), JSON);
        Request request = new Request.Builder().url(url).method(method, payload)
                .header("Authorization", "Bearer " + token.accessToken()).header("Accept", "application/json")
                .build();
        Call exchange = http.newCall(request);
        if (deadline != null) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                throw new ToolCallException("The Salesforce request did not finish within connector.limits.timeout;"
                        + " narrow the request, or ask an admin to raise the limit.");
            }
            exchange.timeout().timeout(left, TimeUnit.MILLISECONDS);
        }
        try (Response response = exchange.execute()) {
            String limit = response.header("Sforce-Limit-Info");
            if (limit != null) {
                Matcher m = API_USAGE.matcher(limit);
                if (m.find()) {
                    usage = new ApiUsage(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
                }
            }
            String text = response.body() == null ? "" : response.body().string();
            JsonNode parsed;
            try {
                parsed = text.isBlank() ? null : json.readTree(text);
            } catch (IOException e) {
                parsed = null;
            }
            return new Answer(response.code(), parsed);
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
