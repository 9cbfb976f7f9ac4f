package io.mcpconnectors.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcpconnectors.common.audit.AuditTrail;
import io.mcpconnectors.common.auth.CallerGuard;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.AuthMode;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The gateway's admin endpoint for its upstreams' pending writes, on its HTTP deployment:
 * <ul>
 * <li>{@code GET /admin/approvals[?all=true]}: the approvals of every upstream the caller holds {@code <upstream>:approve}
 * for, each tagged with its {@code upstream};</li>
 * <li>{@code GET /admin/approvals/<upstream>/<id>}: one approval with its arguments and preview;</li>
 * <li>{@code POST /admin/approvals/<upstream>/<id>/approve|deny} with an optional body {@code {"reason": "..."}}.</li>
 * </ul>
 * The caller authenticates as on the gateway's {@code /mcp} ({@code connector.auth.mode} static or oidc). An upstream
 * the caller holds no {@code :approve} scope of does not exist for it: it answers exactly as an unknown one (404), and
 * is left out of listings. HTTP upstreams are asked at their own admin endpoint as the approver (a signed assertion,
 * {@link UpstreamApprovals}), so the upstream applies its rules and records who decided; every decision is also
 * recorded in the gateway's audit chain. Spawned (stdio) upstreams, and HTTP upstreams reached with one static token,
 * cannot tell one caller from another, so their approvals are decided at the connector (409 saying so).
 * <p>
 * Each request counts against its caller's rate and requests in flight, the same per-principal limits and budget as
 * its requests to {@code /mcp} ({@link CallerGuard}): over them it gets 429 with Retry-After, and the refusal is
 * audited ({@code approvals_request_refused}).
 */
@ApplicationScoped
public class UpstreamApprovalRoutes {

    private static final Logger LOG = Logger.getLogger(UpstreamApprovalRoutes.class);
    static final String BASE = "/admin/approvals";
    static final int MAX_BODY = 64 * 1024;
    static final int MAX_REASON = 2000;
    private static final Pattern ID = Pattern.compile("apr_[a-z0-9]{1,64}");
    private static final String REASON_USAGE = "The body must be empty or a JSON object like {\"reason\": \"change"
            + " ticket 4711\"} (at most " + MAX_REASON + " characters).";

    private final GatewaySettings settings;
    private final UpstreamApprovals upstreams;
    private final AuditTrail audit;
    private final ConnectorRuntimeConfig config;
    private final CallerGuard limits;
    private final ObjectMapper json;

    /** What the gateway answers: a status and a JSON body. */
    private record Reply(int status, JsonNode body) {
    }

    public UpstreamApprovalRoutes(GatewaySettings settings, UpstreamApprovals upstreams, AuditTrail audit,
            ConnectorRuntimeConfig config, CallerGuard limits, ObjectMapper json) {
        this.settings = settings;
        this.upstreams = upstreams;
        this.audit = audit;
        this.config = config;
        this.limits = limits;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route(BASE + "*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
                .failureHandler(rc -> {
                    int status = rc.statusCode();
                    if (rc.failure() != null && rc.failure().getClass().getName().startsWith("io.quarkus.security.")) {
                        // A token that does not authenticate: Quarkus answers it (401 with its challenge), as on /mcp.
                        rc.next();
                    } else if (status == 413) {
                        send(rc, 413, error("The body is larger than " + MAX_BODY + " bytes; send at most"
                                + " {\"reason\": \"...\"}."));
                    } else if (status >= 400 && status < 500) {
                        send(rc, status, error("The request could not be read."));
                    } else {
                        LOG.errorf(rc.failure(), "The approvals endpoint failed");
                        send(rc, 500, error("The gateway could not answer; its log has the details."));
                    }
                })
                .blockingHandler(this::handle, false);
    }

    private void handle(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!path.equals(BASE) && !path.startsWith(BASE + "/")) {
            rc.next();
            return;
        }
        Runnable[] release = new Runnable[1];
        try {
            Reply reply = admitted(rc, release);
            send(rc, reply.status(), reply.body());
        } catch (RuntimeException e) {
            // Whatever went wrong, the approver gets a JSON answer without internals; the log has the reference.
            String reference = UUID.randomUUID().toString();
            LOG.errorf(e, "The approvals endpoint failed (reference %s)", reference);
            send(rc, 500, error("The gateway could not answer (reference " + reference + ")."));
        } finally {
            // Held exactly as long as the gateway works on the request: given back on every outcome, and not before
            // (a caller who hangs up does not get its permit back while its listing still runs).
            if (release[0] != null) {
                release[0].run();
            }
        }
    }

    private Reply admitted(RoutingContext rc, Runnable[] release) {
        if (config.auth().mode() == AuthMode.NONE) {
            return new Reply(403, error("The approvals endpoint needs authenticated callers: set connector.auth.mode to"
                    + " static or oidc at the gateway, and give approvers the <upstream>:approve scope."));
        }
        SecurityIdentity identity = rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (identity == null || identity.isAnonymous()) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            return new Reply(401, error("Authentication required."));
        }
        String principal = identity.getPrincipal().getName();
        // Before anything else is looked at, so a flood of malformed requests is capped too.
        CallerGuard.Admission admission = limits.admit(principal);
        if (admission.refusal() != null) {
            return overLimit(rc, principal, admission.refusal());
        }
        release[0] = admission.release();
        String[] segments = rc.normalizedPath().substring(BASE.length()).split("/", -1);
        // "" for the list; "", upstream, id for one; "", upstream, id, decision for a decision.
        HttpMethod method = rc.request().method();
        if (segments.length == 1 && segments[0].isEmpty()) {
            return method == HttpMethod.GET ? list(identity, "true".equals(rc.request().getParam("all")))
                    : notAllowed(rc, "GET");
        }
        if (segments.length == 3) {
            return method == HttpMethod.GET ? show(identity, segments[1], segments[2]) : notAllowed(rc, "GET");
        }
        if (segments.length == 4 && (segments[3].equals("approve") || segments[3].equals("deny"))) {
            return method == HttpMethod.POST ? decide(rc, identity, segments[1], segments[2], segments[3])
                    : notAllowed(rc, "POST");
        }
        return new Reply(404, error("Use GET " + BASE + ", GET " + BASE + "/<upstream>/<id>, or POST " + BASE
                + "/<upstream>/<id>/approve or /deny."));
    }

    private Reply overLimit(RoutingContext rc, String principal, CallerGuard.OverLimit over) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("principal", principal);
        event.put("reason", over.error());
        event.put("method", rc.request().method().name());
        event.put("path", printable(rc.normalizedPath()));
        event.put("remote", rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress());
        event.put("status", 429);
        audit.event("approvals_request_refused", event);
        rc.response().putHeader("Retry-After", String.valueOf(over.retryAfterSeconds()));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", over.message() + " Retry after " + over.retryAfterSeconds() + " s.");
        body.put("reason", over.error());
        body.put("retry_after_seconds", over.retryAfterSeconds());
        return new Reply(429, body);
    }

    private Reply list(SecurityIdentity identity, boolean all) {
        List<UpstreamSpec> approvable = settings.upstreams().stream()
                .filter(u -> identity.hasRole(u.name() + ":approve")).toList();
        if (approvable.isEmpty()) {
            // Which upstreams exist is not said to a caller that may approve at none of them.
            return new Reply(403, error("Deciding approvals through the gateway needs the <upstream>:approve scope"
                    + " of an upstream."));
        }
        String principal = identity.getPrincipal().getName();
        // Every upstream is asked at once, each for at most connector.limits.timeout: a slow one delays the answer by
        // its timeout, not by the sum of everyone's.
        Map<String, CompletableFuture<UpstreamApprovals.Answer>> asked = new LinkedHashMap<>();
        for (UpstreamSpec upstream : approvable) {
            if (undecidableHere(upstream) == null) {
                asked.put(upstream.name(), upstreams.listLater(upstream, principal, all));
            }
        }
        long deadline = System.nanoTime() + upstreams.timeout().toNanos();
        ArrayNode approvals = json.createArrayNode();
        ArrayNode unavailable = json.createArrayNode();
        for (UpstreamSpec upstream : approvable) {
            String why = undecidableHere(upstream);
            if (why != null) {
                unavailable.add(json.createObjectNode().put("upstream", upstream.name()).put("error", why));
                continue;
            }
            UpstreamApprovals.Answer answer = upstreams.await(upstream, asked.get(upstream.name()), deadline);
            if (answer.status() == 200) {
                answer.body().get("approvals").forEach(approvals::add);
            } else {
                unavailable.add(json.createObjectNode().put("upstream", upstream.name()).put("error",
                        answer.body() == null ? "HTTP " + answer.status() : answer.body().path("error").asText()));
            }
        }
        ObjectNode body = json.createObjectNode();
        body.set("approvals", approvals);
        if (!unavailable.isEmpty()) {
            body.set("unavailable", unavailable);
        }
        return new Reply(200, body);
    }

    private Reply show(SecurityIdentity identity, String upstreamName, String id) {
        Reply invalid = invalid(upstreamName, id);
        if (invalid != null) {
            return invalid;
        }
        Optional<UpstreamSpec> upstream = approvable(identity, upstreamName);
        if (upstream.isEmpty()) {
            return notFound(upstreamName, id);
        }
        String why = undecidableHere(upstream.get());
        if (why != null) {
            return new Reply(409, error(why));
        }
        return relay(upstreams.show(upstream.get(), identity.getPrincipal().getName(), id), upstreamName, id);
    }

    private Reply decide(RoutingContext rc, SecurityIdentity identity, String upstreamName, String id, String decision) {
        String principal = identity.getPrincipal().getName();
        Reply reply;
        try {
            reply = decision(rc, identity, upstreamName, id, decision);
        } catch (RuntimeException e) {
            // Whether the upstream took the decision is not known: it is on record as an error all the same.
            String reference = UUID.randomUUID().toString();
            LOG.errorf(e, "A decision at the approvals endpoint failed (reference %s)", reference);
            reply = new Reply(500, error("The gateway could not answer (reference " + reference + ")."));
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("principal", principal);
        event.put("upstream", upstreamName.length() > 40 ? upstreamName.substring(0, 40) + "…" : upstreamName);
        event.put("approval_id", id.length() > 80 ? id.substring(0, 80) + "…" : id);
        event.put("decision", decision);
        event.put("outcome", reply.status() == 200 ? (decision.equals("approve") ? "approved" : "denied")
                : reply.status() < 500 ? "refused" : "error");
        event.put("status", reply.status());
        if (reply.status() != 200 && reply.body() != null && reply.body().path("error").isTextual()) {
            event.put("message", reply.body().path("error").asText());
        }
        audit.event("upstream_approval_decision", event);
        return reply;
    }

    private Reply decision(RoutingContext rc, SecurityIdentity identity, String upstreamName, String id,
            String decision) {
        Reply invalid = invalid(upstreamName, id);
        if (invalid != null) {
            return invalid;
        }
        Optional<UpstreamSpec> upstream = approvable(identity, upstreamName);
        if (upstream.isEmpty()) {
            return notFound(upstreamName, id);
        }
        String reason;
        String type = rc.request().getHeader("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            // A multipart body is taken apart into form fields and never reaches here as text: refused, rather than
            // read as empty (a decision without the reason it carries).
            return new Reply(400, error(REASON_USAGE));
        }
        String body = rc.body().available() && rc.body().asString() != null ? rc.body().asString() : "";
        try {
            reason = reason(body);
        } catch (IllegalArgumentException e) {
            return new Reply(400, error(e.getMessage()));
        }
        String why = undecidableHere(upstream.get());
        if (why != null) {
            return new Reply(409, error(why));
        }
        return relay(upstreams.decide(upstream.get(), identity.getPrincipal().getName(), id,
                decision.equals("approve"), reason), upstreamName, id);
    }

    /** The reason in a body that is empty or {@code {"reason": "..."}}; nothing else is accepted. */
    private String reason(String body) {
        if (body.isBlank()) {
            return null;
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(REASON_USAGE);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException(REASON_USAGE);
        }
        List<String> unknown = new ArrayList<>();
        tree.fieldNames().forEachRemaining(name -> {
            if (!name.equals("reason")) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(REASON_USAGE);
        }
        JsonNode reason = tree.get("reason");
        if (reason == null || reason.isNull()) {
            return null;
        }
        if (!reason.isTextual() || reason.asText().length() > MAX_REASON) {
            throw new IllegalArgumentException(REASON_USAGE);
        }
        return reason.asText().isBlank() ? null : reason.asText().strip();
    }

    private static Reply invalid(String upstream, String id) {
        if (!GatewaySettings.UPSTREAM_NAME.matcher(upstream).matches()) {
            return new Reply(400, error("'" + printable(upstream) + "' is not an upstream name: upstream names are"
                    + " lower-case letters, digits and '-'. Use " + BASE + "/<upstream>/<id>."));
        }
        if (!ID.matcher(id).matches()) {
            return new Reply(400, error("'" + printable(id) + "' is not an approval id: ids look like"
                    + " apr_k3m9..., as GET " + BASE + " lists them."));
        }
        return null;
    }

    private Optional<UpstreamSpec> approvable(SecurityIdentity identity, String name) {
        return settings.upstreams().stream().filter(u -> u.name().equals(name))
                .filter(u -> identity.hasRole(u.name() + ":approve")).findFirst();
    }

    /** The same answer for an upstream that does not exist and for one the caller holds no :approve scope of. */
    private static Reply notFound(String upstream, String id) {
        return new Reply(404, error("No approval " + id + " at upstream " + upstream + " for you: there is none, or"
                + " you do not hold the " + upstream + ":approve scope."));
    }

    /** Why the gateway cannot decide an upstream's approvals as the approver, or null when it can. */
    private static String undecidableHere(UpstreamSpec upstream) {
        if (upstream.stdio()) {
            return "Upstream " + upstream.name() + " is a connector the gateway spawns: it sees every caller of the"
                    + " gateway as one local account, so it could not tell the approver from the requester. Decide its"
                    + " approvals with its admin command (bin/connector <connector> approvals ...) on the gateway's"
                    + " machine, with the upstream's settings.";
        }
        if (!upstream.asserts()) {
            return "Upstream " + upstream.name() + " is reached with one credential for every caller ("
                    + upstream.key(upstream.token() != null ? "token" : "assert-identity") + "), so it would record the"
                    + " gateway, not you, as the approver. Decide its approvals at the connector's own /admin/approvals,"
                    + " or let the gateway assert callers' identities to it.";
        }
        return null;
    }

    private static Reply relay(UpstreamApprovals.Answer answer, String upstream, String id) {
        if (answer.status() == 404 && answer.body() == null) {
            return notFound(upstream, id);
        }
        return new Reply(answer.status(), answer.body());
    }

    private static Reply notAllowed(RoutingContext rc, String allowed) {
        rc.response().putHeader("Allow", allowed);
        return new Reply(405, error("Use " + allowed + " here."));
    }

    /** At most 80 characters of what the caller sent, control characters replaced, for messages. */
    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static JsonNode error(String message) {
        return JsonNodeFactory.instance.objectNode().put("error", message);
    }

    private void send(RoutingContext rc, int status, JsonNode body) {
        if (rc.response().ended()) {
            return;
        }
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            status = 500;
            text = "{\"error\":\"unencodable answer\"}";
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(text);
    }
}
