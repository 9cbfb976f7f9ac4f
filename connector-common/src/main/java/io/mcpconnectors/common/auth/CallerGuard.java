package io.mcpconnectors.common.auth;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mcpconnectors.common.audit.AuditTrail;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.spi.Connector;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * What an authenticated caller may do on /mcp, checked after Quarkus authenticated it: hold at least one of this
 * connector's scopes (else 403 {@code insufficient_scope} naming the scope), use only sessions it opened (another
 * principal's session id gets 404, as an unknown session, and every such refusal is audited), open no more than
 * its share of sessions, and stay within its request rate and concurrent requests (else 429 with Retry-After). New
 * sessions are bound to the caller that opened them. A message that starts no work (a notification, an answer to a
 * request of the server's) needs no free place: see {@link RequestPlace#holdsPlace()}.
 */
@ApplicationScoped
public class CallerGuard {

    static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String[] LEVELS = { "read", "write", "admin" };

    private final boolean enabled;
    private final String connector;
    private final List<String> prefixes;
    private final SessionPrincipals sessions;
    private final int ratePerMinute;
    private final int concurrent;
    private final int maxSessions;
    private final AuditTrail audit;
    private final String identityClaim;
    private final OverLimit tooManyConcurrent;
    private final Cache<String, Guard> rates = Caffeine.newBuilder().maximumSize(10_000).build();
    private final Cache<String, Semaphore> inFlight = Caffeine.newBuilder().maximumSize(10_000).build();

    public CallerGuard(ConnectorRuntimeConfig config, Connector connector, SessionPrincipals sessions,
            AuditTrail audit) {
        this.audit = audit;
        this.identityClaim = config.identity().claim().map(String::trim).filter(c -> !c.isEmpty()).orElse(null);
        this.maxSessions = Math.max(1, config.http().maxSessionsPerPrincipal());
        this.enabled = config.auth().mode() != ConnectorRuntimeConfig.AuthMode.NONE;
        this.connector = connector.name();
        this.prefixes = List.copyOf(connector.scopePrefixes());
        this.sessions = sessions;
        this.ratePerMinute = Math.max(1, config.http().ratePerMinute());
        this.concurrent = Math.max(1, config.http().concurrentRequests());
        this.tooManyConcurrent = new OverLimit(1, "too_many_concurrent_requests",
                "More than " + concurrent + " requests at once (connector.http.concurrent-requests).");
    }

    void install(@Observes Filters filters) {
        if (enabled) {
            // After authentication (200) and authorization (100): the caller is known here.
            filters.register(this::handle, SecurityHandlerPriorities.AUTHORIZATION - 50);
        }
    }

    /** The scope that gives access to this connector's tools of an access class. */
    public String scope(String level) {
        return connector + ":" + level;
    }

    /** The scopes of one access class over every scope prefix (one per upstream of a gateway), space-separated. */
    private String scopes(String level) {
        return String.join(" ", prefixes.stream().map(prefix -> prefix + ":" + level).toList());
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
        SessionPrincipals.Caller caller = callerOf(identity);
        String principal = caller.principal();
        if (caller.scopes().isEmpty()) {
            context.response().setStatusCode(403).putHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\","
                    + " scope=\"" + scopes("read") + "\", error_description=\"this connector needs the " + scopes("read")
                    + " scope (or " + scopes("write") + " / " + scopes("admin") + ")\"")
                    .putHeader("Content-Type", "application/json").end("{\"error\":\"insufficient_scope\",\"scope\":\""
                            + scopes("read") + "\"}");
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
        // The rate applies before anything else is looked at, so a flood of bad session ids is capped too.
        OverLimit overRate = overRate(principal);
        if (overRate != null) {
            tooMany(context, overRate);
            return;
        }
        String session = context.request().getHeader(SESSION_HEADER);
        if (session != null) {
            SessionPrincipals.Status status = sessions.status(session, principal);
            if (status != SessionPrincipals.Status.OWN) {
                // Another principal's session, an ended one or one never opened here: the client starts over, and
                // the attempt is on record (a hijack attempt looks exactly like this).
                refusedSession(context, principal, session, status.name().toLowerCase(Locale.ROOT));
                context.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                        .end("{\"error\":\"session_not_found\",\"message\":\"Unknown session; start a new one"
                                + " with initialize.\"}");
                return;
            }
            // The session is bound to its principal, not to the token that opened it: each request acts with its
            // own token's scopes and identity claims, so a scope or group taken away counts at once.
            sessions.bind(session, caller);
            if (context.request().method() == HttpMethod.DELETE) {
                context.addEndHandler(done -> sessions.end(session));
            }
        } else if (context.request().method() == HttpMethod.POST
                && sessions.openSessions(principal) >= maxSessions) {
            refusedSession(context, principal, null, "session_limit");
            tooMany(context, new OverLimit(60, "too_many_sessions", "More than " + maxSessions + " open sessions for"
                    + " this caller (connector.http.max-sessions-per-principal); end unused ones with DELETE /mcp."));
            return;
        }
        Runnable release = takeConcurrent(principal);
        RequestPlace place;
        if (release != null) {
            // The place goes back when the exchange ends, unless the work the request starts (a tool call, a read)
            // claims it: then when that work ends, so a caller who hangs up keeps its place while its call still runs.
            place = new RequestPlace(release, () -> takeConcurrent(principal), tooManyConcurrent());
        } else if (context.request().method() == HttpMethod.POST && path.equals("/mcp")) {
            // All places taken, perhaps by the very calls this message cancels or answers (an elicitation a write
            // waits for): the body check reads the message and refuses it unless it starts no work.
            place = RequestPlace.none(() -> takeConcurrent(principal), tooManyConcurrent());
        } else {
            tooMany(context, tooManyConcurrent());
            return;
        }
        place.attach(context);
        context.addEndHandler(done -> place.exchangeEnded());
        if (context.response().closed()) {
            // Hung up before its end could be heard of: nothing is started for a caller who is gone.
            place.exchangeEnded();
            return;
        }
        if (session == null) {
            // A new session: bind its id (sent back by the MCP layer) to this caller.
            context.addHeadersEndHandler(v -> {
                String created = context.response().headers().get(SESSION_HEADER);
                if (created != null) {
                    sessions.bind(created, caller);
                }
            });
        }
        context.next();
    }

    /** Why a request over its caller's limits is refused: how long to wait (Retry-After), an error code, a message. */
    public record OverLimit(long retryAfterSeconds, String error, String message) {
    }

    /**
     * Counts one request of a principal against its rate ({@code connector.http.rate-per-minute}): why it is refused,
     * or null when it is within it. Every endpoint that counts here shares the principal's one budget.
     */
    private OverLimit overRate(String principal) {
        try {
            rates.get(principal, p -> Guard.create().withDescription("rate-" + p).withRateLimit().limit(ratePerMinute)
                    .window(1, ChronoUnit.MINUTES).done().build()).get(() -> Boolean.TRUE, Boolean.class);
            return null;
        } catch (RateLimitException e) {
            return new OverLimit(Math.max(1, (e.getRetryAfterMillis() + 999) / 1000), "rate_limited",
                    "More than " + ratePerMinute + " requests per minute (connector.http.rate-per-minute).");
        }
    }

    /**
     * Takes one of a principal's requests in flight ({@code connector.http.concurrent-requests}): what gives it back
     * (when the request's work ends; running it again does nothing), or null when all are taken
     * ({@link #tooManyConcurrent()}).
     */
    private Runnable takeConcurrent(String principal) {
        Semaphore permits = inFlight.get(principal, p -> new Semaphore(concurrent));
        if (!permits.tryAcquire()) {
            return null;
        }
        // Given back once however often it is run: a second run would raise the caller's limit for good.
        AtomicBoolean given = new AtomicBoolean();
        return () -> {
            if (given.compareAndSet(false, true)) {
                permits.release();
            }
        };
    }

    /**
     * A request to an endpoint outside {@code /mcp} admitted against its principal's rate and requests in flight:
     * {@code release} gives its place back when the work is done, or {@code refusal} says why it is refused.
     */
    public record Admission(Runnable release, OverLimit refusal) {
    }

    /** Counts one request of a principal against its rate, then takes one of its requests in flight. */
    public Admission admit(String principal) {
        OverLimit over = overRate(principal);
        if (over != null) {
            return new Admission(null, over);
        }
        Runnable release = takeConcurrent(principal);
        return release == null ? new Admission(null, tooManyConcurrent()) : new Admission(release, null);
    }

    /** The refusal of a request over its principal's requests in flight. */
    private OverLimit tooManyConcurrent() {
        return tooManyConcurrent;
    }

    /**
     * The caller an authenticated identity stands for: its principal and this connector's scopes it holds (under
     * every scope prefix). Also what the tool filter uses while a session is being opened, before it is bound.
     */
    public SessionPrincipals.Caller callerOf(SecurityIdentity identity) {
        Set<String> scopes = new TreeSet<>();
        for (String prefix : prefixes) {
            for (String level : LEVELS) {
                if (identity.hasRole(prefix + ":" + level)) {
                    scopes.add(prefix + ":" + level);
                }
            }
        }
        String principal = identity.getPrincipal().getName();
        return new SessionPrincipals.Caller(principal, Set.copyOf(scopes),
                identityClaim == null ? List.of(principal) : claimValues(identity, identityClaim));
    }

    /**
     * The values of one claim of the caller's token: a string, or each item of an array. Nothing when the token
     * lacks the claim, or the caller has no token (a static token carries no claims).
     */
    static List<String> claimValues(SecurityIdentity identity, String claim) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || !jwt.containsClaim(claim)) {
            return List.of();
        }
        Object value = jwt.getClaim(claim);
        List<String> values = new ArrayList<>();
        if (value instanceof JsonArray array) {
            array.forEach(item -> values.add(item instanceof JsonString text ? text.getString() : item.toString()));
        } else if (value instanceof Collection<?> items) {
            items.forEach(item -> values.add(String.valueOf(item)));
        } else if (value instanceof JsonString text) {
            values.add(text.getString());
        } else if (value != null) {
            values.add(value.toString());
        }
        return values.stream().filter(v -> !v.isBlank()).toList();
    }

    private void refusedSession(RoutingContext context, String principal, String session, String reason) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("principal", principal);
        fields.put("session", session);
        fields.put("reason", reason);
        fields.put("method", context.request().method().name());
        fields.put("remote", context.request().remoteAddress() == null ? null
                : context.request().remoteAddress().hostAddress());
        audit.event("session_refused", fields);
    }

    /** Answers a request over its caller's limits: 429 with Retry-After and a JSON body saying which limit. */
    public static void tooMany(RoutingContext context, OverLimit over) {
        context.response().setStatusCode(429).putHeader("Retry-After", String.valueOf(over.retryAfterSeconds()))
                .putHeader("Content-Type", "application/json")
                .end("{\"error\":\"" + over.error() + "\",\"message\":\"" + over.message() + " Retry after "
                        + over.retryAfterSeconds() + " s.\"}");
    }
}
