package io.mcpconnectors.common.http;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.approval.Approval;
import io.mcpconnectors.common.approval.ApprovalService;
import io.mcpconnectors.common.audit.AuditTrail;
import io.mcpconnectors.common.auth.CallerGuard;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.AuthMode;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.store.StoreException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The admin endpoint of an HTTP deployment: {@code GET /admin/approvals[?all=true]}, {@code GET
 * /admin/approvals/<id>}, {@code POST /admin/approvals/<id>/approve|deny} with an optional JSON body
 * {@code {"reason": "..."}}. Only an authenticated caller holding the {@code <connector>:approve} scope gets in;
 * the approver recorded is that caller's principal. Each request counts against its caller's rate and requests in
 * flight, the same budget as its requests to {@code /mcp} ({@link CallerGuard}): over them it gets 429 with Retry-After,
 * audited as {@code approvals_request_refused}.
 */
@ApplicationScoped
public class ApprovalAdminRoutes {

    private final ApprovalService approvals;
    private final CallerGuard guard;
    private final ConnectorRuntimeConfig config;
    private final AuditTrail audit;
    private final ObjectMapper json;

    public ApprovalAdminRoutes(ApprovalService approvals, CallerGuard guard, ConnectorRuntimeConfig config,
            AuditTrail audit, ObjectMapper json) {
        this.approvals = approvals;
        this.guard = guard;
        this.config = config;
        this.audit = audit;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.get("/admin/approvals").blockingHandler(rc -> admitted(rc, () -> list(rc)), false);
        router.get("/admin/approvals/:id").blockingHandler(rc -> admitted(rc, () -> show(rc)), false);
        router.post("/admin/approvals/:id/:decision").handler(BodyHandler.create().setBodyLimit(64 * 1024))
                .blockingHandler(rc -> admitted(rc, () -> decide(rc, rc.body().available() && rc.body().asString() != null
                        ? rc.body().asString() : "")), false);
    }

    /** The scope an approver needs. */
    public String approveScope() {
        return guard.scope("approve");
    }

    private void admitted(RoutingContext rc, Runnable action) {
        if (config.auth().mode() == AuthMode.NONE) {
            send(rc, 403, Map.of("error", "The admin endpoint needs authenticated callers: set connector.auth.mode to"
                    + " static or oidc, and give approvers the " + approveScope() + " scope. Without it, use the"
                    + " admin command on the connector's machine."));
            return;
        }
        SecurityIdentity identity = rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (identity == null || identity.isAnonymous()) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            send(rc, 401, Map.of("error", "Authentication required."));
            return;
        }
        String principal = identity.getPrincipal().getName();
        // The caller's one budget with /mcp, counted before anything else is looked at.
        CallerGuard.Admission admission = guard.admit(principal);
        if (admission.refusal() != null) {
            refuse(rc, principal, admission.refusal());
            return;
        }
        try {
            decided(rc, identity, action);
        } finally {
            // Given back when the work is done, however it ended; not when the caller hangs up while it still runs.
            admission.release().run();
        }
    }

    private void refuse(RoutingContext rc, String principal, CallerGuard.OverLimit over) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("principal", principal);
        event.put("reason", over.error());
        event.put("method", rc.request().method().name());
        event.put("path", rc.normalizedPath().length() > 200 ? rc.normalizedPath().substring(0, 200)
                : rc.normalizedPath());
        event.put("status", 429);
        audit.event("approvals_request_refused", event);
        rc.response().putHeader("Retry-After", String.valueOf(over.retryAfterSeconds()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", over.message() + " Retry after " + over.retryAfterSeconds() + " s.");
        body.put("reason", over.error());
        body.put("retry_after_seconds", over.retryAfterSeconds());
        send(rc, 429, body);
    }

    private void decided(RoutingContext rc, SecurityIdentity identity, Runnable action) {
        if (!identity.hasRole(approveScope())) {
            rc.response().putHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\""
                    + approveScope() + "\"");
            send(rc, 403, Map.of("error", "Deciding approvals needs the " + approveScope() + " scope."));
            return;
        }
        try {
            action.run();
        } catch (ToolCallException e) {
            send(rc, e.getMessage().startsWith("No approval") ? 404 : 409, Map.of("error", e.getMessage()));
        } catch (StoreException e) {
            send(rc, 503, Map.of("error", "The approval store is unavailable: " + e.getMessage()));
        }
    }

    private void list(RoutingContext rc) {
        boolean all = "true".equals(rc.request().getParam("all"));
        Instant now = approvals.now();
        List<Map<String, Object>> shown = approvals.list().stream()
                .filter(a -> all || a.displayStatus(now).equals("pending")).map(a -> view(a, now)).toList();
        send(rc, 200, Map.of("approvals", shown));
    }

    private void show(RoutingContext rc) {
        String id = rc.pathParam("id");
        Approval approval = approvals.find(id).orElseThrow(() -> new ToolCallException("No approval " + id
                + " exists for this connector."));
        send(rc, 200, view(approval, approvals.now()));
    }

    private void decide(RoutingContext rc, String body) {
        String decision = rc.pathParam("decision");
        if (!decision.equals("approve") && !decision.equals("deny")) {
            send(rc, 404, Map.of("error", "Use /admin/approvals/<id>/approve or /deny."));
            return;
        }
        String usage = "The body must be empty or a JSON object with one field, like {\"reason\": \"change ticket"
                + " 4711\"}.";
        String type = rc.request().getHeader("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            // Taken apart into form fields, a multipart body never reaches here as text: refused, not read as empty.
            send(rc, 400, Map.of("error", usage));
            return;
        }
        String reason = null;
        if (!body.isBlank()) {
            try {
                JsonObject fields = new JsonObject(body);
                Object given = fields.getValue("reason");
                if (!fields.fieldNames().stream().allMatch("reason"::equals)
                        || (given != null && !(given instanceof String))) {
                    throw new IllegalArgumentException("not {\"reason\": text}");
                }
                reason = (String) given;
            } catch (RuntimeException e) {
                send(rc, 400, Map.of("error", usage));
                return;
            }
        }
        SecurityIdentity identity = ((QuarkusHttpUser) rc.user()).getSecurityIdentity();
        Approval decided = approvals.decide(rc.pathParam("id"), decision.equals("approve"),
                identity.getPrincipal().getName(), reason);
        send(rc, 200, view(decided, approvals.now()));
    }

    private static Map<String, Object> view(Approval a, Instant now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", a.id());
        view.put("status", a.displayStatus(now));
        view.put("connector", a.connector());
        view.put("tool", a.tool());
        view.put("access", a.access());
        view.put("requested_by", a.principal());
        view.put("created_at", a.createdAt().toString());
        view.put("expires_at", a.expiresAt().toString());
        view.put("arguments", a.arguments());
        if (a.preview() != null) {
            view.put("preview", a.preview());
        }
        if (a.decidedBy() != null) {
            view.put("decided_by", a.decidedBy());
            view.put("decided_at", a.decidedAt().toString());
        }
        if (a.reason() != null) {
            view.put("reason", a.reason());
        }
        if (a.finishedAt() != null) {
            view.put("finished_at", a.finishedAt().toString());
            view.put("outcome", a.outcome());
        }
        return view;
    }

    private void send(RoutingContext rc, int status, Object body) {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            status = 500;
            text = "{\"error\":\"unencodable answer\"}";
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(text);
    }
}
