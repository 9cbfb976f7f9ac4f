package io.mcpconnectors.gateway;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.mcpconnectors.common.audit.AuditRecord.Outcome;
import io.mcpconnectors.common.audit.AuditTrail;
import io.mcpconnectors.common.audit.AuditedRequest;
import io.mcpconnectors.common.auth.Callers;
import io.mcpconnectors.common.auth.SessionPrincipals;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.mcp.ForwardedResourceRequests;
import io.mcpconnectors.common.secrets.KnownSecrets;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkiverse.mcp.server.runtime.ConnectionManager;
import io.quarkiverse.mcp.server.runtime.McpConnectionBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The gateway's answers to {@code resources/list} ({@link CallerListing}), {@code completion/complete}
 * ({@link ForwardedCompletion}) and {@code resources/subscribe}/{@code unsubscribe} ({@link UpstreamSubscriptions}):
 * each forwarded to the upstreams as the caller, on the upstream session that caller's tool calls use, never with the
 * caller's token, and only to upstreams the caller holds a scope of. Each request is one record in the gateway's
 * audit chain: the method as the tool, the caller, the upstream, what was asked and the outcome.
 */
@ApplicationScoped
public class GatewayResourceRequests implements ForwardedResourceRequests {

    static final String LIST = "resources/list";
    static final String SUBSCRIBE = "resources/subscribe";
    static final String UNSUBSCRIBE = "resources/unsubscribe";
    static final String COMPLETE = "completion/complete";
    static final String READ = "resources/read";
    private static final TypeRef<Map<String, Object>> OBJECT = new TypeRef<>() {
    };

    private static final Logger LOG = Logger.getLogger(GatewayResourceRequests.class);

    private final GatewayRegistry registry;
    private final Forwarder forwarder;
    private final Callers callers;
    private final ConnectionManager connections;
    private final KnownSecrets secrets;
    private final AuditTrail audit;
    private final CallerListing listing;
    private final ForwardedCompletion completion;
    private final UpstreamSubscriptions subscriptions;
    private final McpJsonMapper json = McpJsonDefaults.getMapper();

    public GatewayResourceRequests(GatewayRegistry registry, Forwarder forwarder, Callers callers,
            ConnectionManager connections, KnownSecrets secrets, AuditTrail audit, ConnectorRuntimeConfig config) {
        this.registry = registry;
        this.forwarder = forwarder;
        this.callers = callers;
        this.connections = connections;
        this.secrets = secrets;
        this.audit = audit;
        this.listing = new CallerListing(new ListingCursors(config.limits().cursorTtl(), Clock.systemUTC()), secrets,
                config.limits().listPageSize(), forwarder.requestTimeout(), uri -> {
                    GatewayRegistry.Served owner = registry.ofUri(uri);
                    return owner == null ? null : owner.name();
                });
        this.completion = new ForwardedCompletion(secrets, forwarder.requestTimeout());
        this.subscriptions = new UpstreamSubscriptions(connections, registry,
                (upstream, session) -> forwarder.session(upstream, session, elicitation(session)), secrets,
                forwarder.requestTimeout(), config.limits().maxSubscriptions(),
                config.limits().subscriptionPollInterval());
    }

    /**
     * Listings, subscriptions and completions; and reads of URIs the MCP layer cannot route, since the upstream serves
     * them through templates it does not list (a file a few directories deep): those are read here, from the one
     * upstream whose template matches them across segments.
     */
    @Override
    public boolean handles(JsonObject message) {
        if (!(message.getValue("method") instanceof String method)) {
            return false;
        }
        if (READ.equals(method)) {
            return message.getValue("params") instanceof JsonObject params && params.getValue("uri") instanceof String uri
                    && registry.ofRegisteredUri(uri) == null && registry.ofDeepUri(uri) != null;
        }
        return LIST.equals(method) || SUBSCRIBE.equals(method) || UNSUBSCRIBE.equals(method)
                || COMPLETE.equals(method);
    }

    /** Over stdio, where the answer can be completed: subscriptions and completions are answered. */
    @Override
    public void declareCapabilities(JsonObject capabilities) {
        JsonObject resources = capabilities.getValue("resources") instanceof JsonObject r ? r : new JsonObject();
        capabilities.put("resources", resources.put("subscribe", true));
        if (!capabilities.containsKey("completions")) {
            capabilities.put("completions", new JsonObject());
        }
    }

    @Override
    public JsonObject answer(JsonObject message, String session) {
        Object id = message.getValue("id");
        String method = message.getString("method");
        JsonObject params = message.getValue("params") instanceof JsonObject p ? p : new JsonObject();
        AuditedRequest audited = new AuditedRequest(audit, GatewayConnector.NAME, method, session, asked(method, params));
        SessionPrincipals.Caller caller = callers.caller(session);
        if (caller == null) {
            String shown = "Refused: the caller of this session is not known; start a new session.";
            audited.write(Outcome.REFUSED, shown, 0);
            return error(id, UpstreamRequestError.INVALID_REQUEST, shown);
        }
        audited.principal(caller.principal());
        Predicate<String> permitted = upstream -> !callers.authenticated()
                || UpstreamFeatureFilter.permits(caller, upstream);
        try {
            JsonObject result = switch (method) {
                case LIST -> {
                    audited.identity("*");
                    yield listing.page(registry.served(), permitted, caller, cursor(params),
                            upstream -> forwarder.session(upstream, session, elicitation(session)));
                }
                case COMPLETE -> {
                    ForwardedCompletion.Target target = completion.target(params, registry, permitted);
                    audited.identity(target.upstream().name());
                    yield completion.complete(target, params,
                            upstream -> session(upstream, session));
                }
                case SUBSCRIBE -> {
                    String uri = uri(params);
                    GatewayRegistry.Served upstream = registry.ofUri(uri);
                    if (upstream == null || !permitted.test(upstream.name())) {
                        throw new UpstreamRequestError(UpstreamRequestError.RESOURCE_NOT_FOUND, "Resource not found: "
                                + uri + " is not a resource of this gateway's upstreams that this caller may read.");
                    }
                    audited.identity(upstream.name());
                    try {
                        subscriptions.subscribe(session, uri, upstream);
                    } catch (Forwarder.RefusedException | UpstreamSupervisor.UnavailableException e) {
                        throw new UpstreamRequestError(UpstreamRequestError.INTERNAL_ERROR, e.getMessage());
                    }
                    yield new JsonObject();
                }
                case READ -> {
                    String uri = uri(params);
                    GatewayRegistry.Served upstream = registry.ofDeepUri(uri);
                    if (upstream == null || !permitted.test(upstream.name())) {
                        throw new UpstreamRequestError(UpstreamRequestError.RESOURCE_NOT_FOUND, "Resource not found: "
                                + uri + " is not a resource of this gateway's upstreams that this caller may read.");
                    }
                    audited.identity(upstream.name());
                    McpSchema.ReadResourceResult read = UpstreamRequestError.await(upstream.name(), READ,
                            session(upstream.upstream(), session).client().readResource(
                                    new McpSchema.ReadResourceRequest(uri)), forwarder.requestTimeout(), secrets);
                    yield new JsonObject(json.convertValue(read, OBJECT));
                }
                case UNSUBSCRIBE -> {
                    audited.identity(subscriptions.unsubscribe(session, uri(params)));
                    yield new JsonObject();
                }
                default -> throw new UpstreamRequestError(-32601, "Method not found: " + method);
            };
            audited.write(Outcome.OK, null, shown(result));
            return new JsonObject().put("jsonrpc", "2.0").put("id", id).put("result", result);
        } catch (UpstreamRequestError e) {
            audited.write(e.code == UpstreamRequestError.INVALID_PARAMS ? Outcome.INVALID
                    : e.code == UpstreamRequestError.RESOURCE_NOT_FOUND ? Outcome.REFUSED : Outcome.ERROR,
                    e.getMessage(), 0);
            return error(id, e.code, e.getMessage());
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString();
            LOG.errorf(secrets.scrub(e), "Answering %s failed (reference %s)", method, reference);
            String shown = "Answering " + method + " failed because of an internal error (reference " + reference
                    + ").";
            audited.write(Outcome.ERROR, shown, 0);
            return error(id, UpstreamRequestError.INTERNAL_ERROR, shown);
        }
    }

    private UpstreamSession session(UpstreamSupervisor upstream, String session) {
        try {
            return forwarder.session(upstream, session, elicitation(session));
        } catch (Forwarder.RefusedException | UpstreamSupervisor.UnavailableException e) {
            throw new UpstreamRequestError(UpstreamRequestError.INTERNAL_ERROR, e.getMessage());
        }
    }

    /** Whether the session's client answers elicitations: its tool calls use the upstream session that says so. */
    private boolean elicitation(String session) {
        McpConnectionBase connection = connections.get(session);
        return connection != null && connection.initialRequest() != null
                && connection.initialRequest().supportsElicitation();
    }

    /** How many downstream sessions hold subscriptions (for tests). */
    int subscriptions(String session) {
        return subscriptions.count(session);
    }

    private static String cursor(JsonObject params) {
        Object cursor = params.getValue("cursor");
        if (cursor != null && !(cursor instanceof String)) {
            throw new UpstreamRequestError(UpstreamRequestError.INVALID_PARAMS, "Invalid params: params.cursor must"
                    + " be the nextCursor string of the previous page.");
        }
        return (String) cursor;
    }

    private static String uri(JsonObject params) {
        if (!(params.getValue("uri") instanceof String uri)) {
            throw new UpstreamRequestError(UpstreamRequestError.INVALID_PARAMS, "Invalid params: params.uri (a"
                    + " string) names the resource.");
        }
        return uri;
    }

    private static Map<String, Object> asked(String method, JsonObject params) {
        Map<String, Object> asked = new LinkedHashMap<>();
        switch (method) {
            case LIST -> asked.put("continued", params.getValue("cursor") != null);
            case COMPLETE -> {
                JsonObject ref = params.getValue("ref") instanceof JsonObject r ? r : new JsonObject();
                JsonObject argument = params.getValue("argument") instanceof JsonObject a ? a : new JsonObject();
                asked.put("ref", ref.getValue("name") != null ? ref.getValue("name") : ref.getValue("uri"));
                asked.put("argument", argument.getValue("name"));
                asked.put("value", argument.getValue("value"));
            }
            default -> asked.put("uri", params.getValue("uri"));
        }
        return asked;
    }

    private static long shown(JsonObject result) {
        if (result.getValue("resources") instanceof JsonArray listed) {
            return listed.size();
        }
        if (result.getValue("contents") instanceof JsonArray contents) {
            return contents.size();
        }
        if (result.getValue("completion") instanceof JsonObject completion
                && completion.getValue("values") instanceof JsonArray values) {
            return values.size();
        }
        return 1;
    }

    private static JsonObject error(Object id, int code, String message) {
        return new JsonObject().put("jsonrpc", "2.0").put("id", id)
                .put("error", new JsonObject().put("code", code).put("message", message));
    }

    @PreDestroy
    void stop() {
        subscriptions.close();
    }

}
