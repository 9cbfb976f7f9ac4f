package io.mcpconnectors.common.auth;

import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.spi.Connector;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.vertx.ext.web.RoutingContext;

/**
 * What an authenticated caller may do on /mcp, checked after Quarkus authenticated it: hold at least one of this
 * connector's scopes (else 403 {@code insufficient_scope} naming the scope), use only sessions it opened (another
 * principal's session id gets 404, as an unknown session), and stay within its request rate and concurrent
 * requests (else 429 with Retry-After). New sessions are bound to the caller that opened them.
 */
@ApplicationScoped
public class CallerGuard {

    static final String SESSION_HEADER = "Mcp-Session-Id";

    private final boolean enabled;
    private final String connector;
    private final SessionPrincipals sessions;
    private final int ratePerMinute;
    private final int concurrent;
    private final Cache<String, Guard> rates = Caffeine.newBuilder().maximumSize(10_000).build();
    private final Cache<String, Semaphore> inFlight = Caffeine.newBuilder().maximumSize(10_000).build();

    public CallerGuard(ConnectorRuntimeConfig config, Connector connector, SessionPrincipals sessions) {
        this.enabled = config.auth().mode() != ConnectorRuntimeConfig.AuthMode.NONE;
        this.connector = connector.name();
        this.sessions = sessions;
        this.ratePerMinute = Math.max(1, config.http().ratePerMinute());
        this.concurrent = Math.max(1, config.http().concurrentRequests());
    }

    void install(@Observes Filters filters) {
        if (enabled) {
            // After authentication (200) and authorization (100): the caller is known here.
            filters.register(this::handle, SecurityHandlerPriorities.AUTHORIZATION - 50);
        }
    }

    /** The scopes that give access to this connector's tools of each access class. */
    public String scope(String level) {
        return connector + ":" + level;
    }

    void handle(RoutingContext context) {
        String path = context.normalizedPath();
        if (!path.equals("/mcp") && !path.startsWith("/mcp/")) {
            context.next();
            return;
        }
        SecurityIdentity identity = context.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (identity == null || identity.isAnonymous()) {
            // The permission policy answers 401 before this; nothing to add.
            context.next();
            return;
        }
        String principal = identity.getPrincipal().getName();
        Set<String> scopes = new TreeSet<>();
        for (String level : new String[] { "read", "write", "admin" }) {
            if (identity.hasRole(scope(level))) {
                scopes.add(scope(level));
            }
        }
        if (scopes.isEmpty()) {
            context.response().setStatusCode(403).putHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\","
                    + " scope=\"" + scope("read") + "\", error_description=\"this connector needs the " + scope("read")
                    + " scope (or " + scope("write") + " / " + scope("admin") + ")\"")
                    .putHeader("Content-Type", "application/json").end("{\"error\":\"insufficient_scope\",\"scope\":\""
                            + scope("read") + "\"}");
            return;
        }
        if (path.equals("/mcp/sse") || path.startsWith("/mcp/messages")) {
            // The legacy SSE transport has no session header to bind its connection to the caller, so scopes and
            // approvals could not follow the caller there: authenticated deployments serve Streamable HTTP only.
            context.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"not_found\",\"message\":\"The SSE transport is not served when callers"
                            + " authenticate; use Streamable HTTP at /mcp.\"}");
            return;
        }
        String session = context.request().getHeader(SESSION_HEADER);
        if (session != null) {
            SessionPrincipals.Caller owner = sessions.caller(session);
            // A session this guard did not see opened (or no longer remembers) belongs to nobody known: start over.
            if (owner == null || !owner.principal().equals(principal)) {
                context.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                        .end("{\"error\":\"session_not_found\",\"message\":\"Unknown session; start a new one with"
                                + " initialize.\"}");
                return;
            }
            if ("DELETE".equals(context.request().method().name())) {
                context.addEndHandler(done -> sessions.end(session));
            }
        }
        try {
            rates.get(principal, p -> Guard.create().withDescription("rate-" + p).withRateLimit().limit(ratePerMinute)
                    .window(1, ChronoUnit.MINUTES).done().build()).get(() -> Boolean.TRUE, Boolean.class);
        } catch (RateLimitException e) {
            tooMany(context, Math.max(1, (e.getRetryAfterMillis() + 999) / 1000), "rate_limited",
                    "More than " + ratePerMinute + " requests per minute (connector.http.rate-per-minute).");
            return;
        }
        Semaphore permits = inFlight.get(principal, p -> new Semaphore(concurrent));
        if (!permits.tryAcquire()) {
            tooMany(context, 1, "too_many_concurrent_requests",
                    "More than " + concurrent + " requests at once (connector.http.concurrent-requests).");
            return;
        }
        context.addEndHandler(done -> permits.release());
        if (session == null) {
            // A new session: bind its id (sent back by the MCP layer) to this caller.
            Set<String> granted = Set.copyOf(scopes);
            context.addHeadersEndHandler(v -> {
                String created = context.response().headers().get(SESSION_HEADER);
                if (created != null) {
                    sessions.bind(created, new SessionPrincipals.Caller(principal, granted));
                }
            });
        }
        context.next();
    }

    private static void tooMany(RoutingContext context, long retryAfterSeconds, String error, String message) {
        context.response().setStatusCode(429).putHeader("Retry-After", String.valueOf(retryAfterSeconds))
                .putHeader("Content-Type", "application/json")
                .end("{\"error\":\"" + error + "\",\"message\":\"" + message + " Retry after " + retryAfterSeconds
                        + " s.\"}");
    }
}
