package io.mcpconnectors.common.mcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.mcpconnectors.common.audit.AuditRecord.Outcome;
import io.mcpconnectors.common.audit.AuditTrail;
import io.mcpconnectors.common.audit.AuditedRequest;
import io.mcpconnectors.common.auth.Callers;
import io.mcpconnectors.common.auth.SessionPrincipals;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.identity.IdentityMapping;
import io.mcpconnectors.common.paging.PageCursors;
import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.CompletionRequest;
import io.mcpconnectors.common.spi.Connector;
import io.mcpconnectors.common.spi.ConnectorResource;
import io.mcpconnectors.common.spi.ResourceEntry;
import io.mcpconnectors.common.spi.ResourceListing;
import io.mcpconnectors.common.spi.ResourcePage;
import io.mcpconnectors.common.spi.ResourceTemplateSpec;
import io.mcpconnectors.common.spi.ToolCallException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Answers the resource requests whose answer depends on the caller, which quarkus-mcp-server (1.13.0) can only give for
 * resources registered up front: {@code resources/list} (each connector's concrete resources, as the caller's
 * identity and allow lists permit, paged with a signed {@code nextCursor}), {@code completion/complete} of a resource
 * template's variables, and {@code resources/subscribe}/{@code unsubscribe} ({@link ResourceSubscriptions}). The
 * transports hand these messages here instead of to the MCP layer, once the session is initialized; an application
 * that forwards them (a gateway, {@link ForwardedResourceRequests}) answers them through this class too, and an
 * application with neither leaves them to the MCP layer. Each answer is a whole JSON-RPC response; the work runs off the event loop, within
 * {@code connector.limits.timeout}. Every answer is recorded in the audit trail as a resource read is: the method as
 * the tool, the caller's principal and identity, what was asked (the URI, the template and variable, whether a page
 * continues a listing) and the outcome with the number of resources or values shown.
 */
// On every call's path: a singleton is injected as itself, with no client proxy to look it up on each use.
@Singleton
public class ResourceRequests {

    /** The {@code _meta} key marking a listed resource as the connector's data rather than its manifest. */
    public static final String LISTED_DATA = "io.mcpconnectors/listed-data";


    static final String LIST = "resources/list";
    static final String SUBSCRIBE = "resources/subscribe";
    static final String UNSUBSCRIBE = "resources/unsubscribe";
    static final String COMPLETE = "completion/complete";
    /** Most values one completion answer holds (MCP's own cap). */
    static final int MAX_COMPLETIONS = 100;

    private static final Logger LOG = Logger.getLogger(ResourceRequests.class);
    private static final int INVALID_REQUEST = -32600;
    private static final int INVALID_PARAMS = -32602;
    private static final int INTERNAL_ERROR = -32603;
    private static final int RESOURCE_NOT_FOUND = -32002;
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)\\}");
    /** Bits of a cursor's position that hold the place within one resource bean; the bits above pick the bean. */
    private static final int INNER_BITS = 47;
    private static final String CURSOR_MISMATCH = "Invalid params: the cursor does not belong to this listing: a"
            + " nextCursor continues only the resources/list that returned it, for the same caller, and only until the"
            + " connector restarts. List again without a cursor to start over.";

    private final Instance<ConnectorResource> resources;
    private final Callers callers;
    private final IdentityMapping identities;
    private final CallExecutor executor;
    private final PageCursors cursors;
    private final KnownSecrets secrets;
    private final ResourceSubscriptions subscriptions;
    private final AuditTrail audit;
    private final Connector connector;
    private final Instance<ForwardedResourceRequests> forwarded;
    private final int pageSize;
    private volatile List<ConnectorResource> ordered;

    public ResourceRequests(Instance<ConnectorResource> resources, Callers callers, IdentityMapping identities,
            CallExecutor executor, PageCursors cursors, KnownSecrets secrets, ResourceSubscriptions subscriptions,
            AuditTrail audit, Connector connector, ConnectorRuntimeConfig config,
            Instance<ForwardedResourceRequests> forwarded) {
        this.resources = resources;
        this.callers = callers;
        this.identities = identities;
        this.executor = executor;
        this.cursors = cursors;
        this.secrets = secrets;
        this.subscriptions = subscriptions;
        this.audit = audit;
        this.connector = connector;
        this.forwarded = forwarded;
        this.pageSize = config.limits().listPageSize();
    }

    /**
     * Whether these requests are answered here: the application serves connector resources, or forwards them
     * ({@link ForwardedResourceRequests}).
     */
    public boolean active() {
        return !resources.isUnsatisfied() || forwards();
    }

    /** Whether an application of other servers' resources (a gateway) answers these requests by forwarding them. */
    public boolean forwards() {
        return forwarded.isResolvable();
    }

    /**
     * The server's answer to {@code initialize}, completed with what this class answers that the MCP layer does not
     * declare: {@code resources.subscribe} when a connector offers subscriptions, and {@code completions} when
     * connector resources have templates to complete. Changes the answer in place; anything else is left alone.
     */
    public JsonObject declareCapabilities(JsonObject answer) {
        if (!active() || !(answer.getValue("result") instanceof JsonObject given)
                || !(given.getValue("capabilities") instanceof JsonObject)) {
            return answer;
        }
        // A copy: the MCP layer builds the answer from maps that may be immutable.
        JsonObject result = given.copy();
        JsonObject capabilities = result.getJsonObject("capabilities");
        if (forwards()) {
            forwarded.get().declareCapabilities(capabilities);
            return answer.put("result", result);
        }
        if (subscriptions.offered()) {
            JsonObject declared = capabilities.getValue("resources") instanceof JsonObject r ? r : new JsonObject();
            capabilities.put("resources", declared.put("subscribe", true));
        }
        if (!capabilities.containsKey("completions")) {
            capabilities.put("completions", new JsonObject());
        }
        return answer.put("result", result);
    }

    /** A cheap look at a raw message: whether it may be one answered here (then parse it and ask {@link #handles}). */
    public boolean mayHandle(byte[] message) {
        if (!active()) {
            return false;
        }
        String text = new String(message, StandardCharsets.UTF_8);
        return text.contains("resources/") || text.contains(COMPLETE);
    }

    /** Whether a parsed request (with an id) is answered here. */
    public boolean handles(JsonObject message) {
        if (!active() || message.getValue("id") == null || !(message.getValue("method") instanceof String method)) {
            return false;
        }
        if (forwards()) {
            return forwarded.get().handles(message);
        }
        return switch (method) {
            case LIST, SUBSCRIBE, UNSUBSCRIBE -> true;
            case COMPLETE -> message.getValue("params") instanceof JsonObject params
                    && params.getValue("ref") instanceof JsonObject ref && "ref/resource".equals(ref.getValue("type"));
            default -> false;
        };
    }

    /** The JSON-RPC response to a request {@link #handles} accepted, for a session. Blocks: call off the event loop. */
    public JsonObject answer(JsonObject message, String session) {
        if (forwards()) {
            return forwarded.get().answer(message, session);
        }
        Object id = message.getValue("id");
        JsonObject params = message.getValue("params") instanceof JsonObject p ? p : new JsonObject();
        String method = message.getString("method");
        AuditedRequest audited = new AuditedRequest(audit, connector.name(), method, session, asked(method, params));
        SessionPrincipals.Caller who = callers.caller(session);
        audited.principal(who == null ? null : who.principal());
        CallerIdentity caller;
        try {
            caller = identities.resolve(who);
        } catch (ToolCallException e) {
            audited.write(Outcome.REFUSED, e.getMessage(), 0);
            if (LIST.equals(method)) {
                // A caller with no data-source identity may see none of the data: its listing is empty, as its
                // tools/list is answered (a gateway reads the catalog under its own, unmapped, identity).
                return result(id, new JsonObject().put("resources", new JsonArray()));
            }
            return error(id, INVALID_REQUEST, e.getMessage());
        }
        audited.identity(caller.audited());
        try {
            JsonObject answer = switch (method) {
                case LIST -> list(params, caller);
                case COMPLETE -> complete(params, caller);
                case SUBSCRIBE -> {
                    subscriptions.subscribe(session, uri(params), caller);
                    yield new JsonObject();
                }
                case UNSUBSCRIBE -> {
                    subscriptions.unsubscribe(session, uri(params));
                    yield new JsonObject();
                }
                default -> throw new RequestError(-32601, "Method not found: " + method);
            };
            audited.write(Outcome.OK, null, shown(answer));
            return result(id, answer);
        } catch (RequestError e) {
            String shown = secrets.scrubMessage(e.getMessage());
            audited.write(e.code == INVALID_PARAMS ? Outcome.INVALID : Outcome.ERROR, shown, 0);
            return error(id, e.code, shown);
        } catch (TimeoutException e) {
            String shown = "Answering " + method + " did not finish within connector.limits.timeout; try again, or ask"
                    + " an admin to raise it.";
            audited.write(Outcome.TIMEOUT, shown, 0);
            return error(id, INTERNAL_ERROR, shown);
        } catch (Exception e) {
            String reference = UUID.randomUUID().toString();
            LOG.errorf(secrets.scrub(e), "Answering %s failed (reference %s)", method, reference);
            String shown = "Answering " + method + " failed because of an internal error (reference " + reference
                    + ").";
            audited.write(Outcome.ERROR, shown, 0);
            return error(id, INTERNAL_ERROR, shown);
        }
    }

    /** What a request asked for, as the audit trail records it. */
    private static Map<String, Object> asked(String method, JsonObject params) {
        Map<String, Object> asked = new LinkedHashMap<>();
        switch (method) {
            case LIST -> asked.put("continued", params.getValue("cursor") != null);
            case COMPLETE -> {
                JsonObject ref = params.getValue("ref") instanceof JsonObject r ? r : new JsonObject();
                JsonObject argument = params.getValue("argument") instanceof JsonObject a ? a : new JsonObject();
                asked.put("template", ref.getValue("uri"));
                asked.put("variable", argument.getValue("name"));
                asked.put("value", argument.getValue("value"));
            }
            default -> asked.put("uri", params.getValue("uri"));
        }
        return asked;
    }

    /** How many resources or values an answer shows. */
    private static long shown(JsonObject answer) {
        if (answer.getValue("resources") instanceof JsonArray listed) {
            return listed.size();
        }
        if (answer.getValue("completion") instanceof JsonObject completion
                && completion.getValue("values") instanceof JsonArray values) {
            return values.size();
        }
        return 1;
    }


    private static String uri(JsonObject params) {
        if (!(params.getValue("uri") instanceof String uri)) {
            throw new RequestError(INVALID_PARAMS, "Invalid params: params.uri (a string) names the resource.");
        }
        return uri;
    }

    private JsonObject list(JsonObject params, CallerIdentity caller) throws Exception {
        List<ConnectorResource> beans = ordered();
        long start = 0;
        if (params.getValue("cursor") != null) {
            if (!(params.getValue("cursor") instanceof String cursor)) {
                throw new RequestError(INVALID_PARAMS, "Invalid params: params.cursor must be the nextCursor string of"
                        + " the previous page.");
            }
            try {
                start = cursors.position(cursor, LIST, caller, Map.of(), CURSOR_MISMATCH,
                        "List again without a cursor to start from the beginning.");
            } catch (ToolCallException e) {
                throw new RequestError(INVALID_PARAMS, e.getMessage().startsWith("Invalid params") ? e.getMessage()
                        : "Invalid params: " + e.getMessage());
            }
        }
        int bean = (int) (start >>> INNER_BITS);
        long position = start & ((1L << INNER_BITS) - 1);
        List<ResourceEntry> entries = new ArrayList<>();
        long next = -1;
        while (bean < beans.size() && entries.size() < pageSize) {
            ConnectorResource resource = beans.get(bean);
            ResourceListing listing = new ResourceListing(position, pageSize - entries.size());
            ResourcePage page = ordinary(() -> executor.run(() -> resource.list(listing, caller)));
            page.resources().stream().limit(listing.size()).forEach(entries::add);
            if (page.hasNext()) {
                next = ((long) bean << INNER_BITS) | page.next();
                break;
            }
            bean++;
            position = 0;
            if (entries.size() >= pageSize && bean < beans.size()) {
                next = (long) bean << INNER_BITS;
            }
        }
        JsonArray listed = new JsonArray();
        for (ResourceEntry entry : entries) {
            JsonObject json = new JsonObject().put("uri", entry.uri()).put("name", entry.name());
            putIf(json, "title", entry.title());
            putIf(json, "description", entry.description());
            putIf(json, "mimeType", entry.mimeType());
            putIf(json, "size", entry.size());
            // Data the caller may see, not part of the connector's manifest: a gateway leaves it out of its pinned
            // catalog (it would change with the data, and it was listed for the gateway's own identity).
            json.put("_meta", new JsonObject().put(LISTED_DATA, true));
            listed.add(json);
        }
        JsonObject result = new JsonObject().put("resources", listed);
        if (next >= 0) {
            result.put("nextCursor", cursors.next(LIST, caller, Map.of(), next));
        }
        return result;
    }

    private JsonObject complete(JsonObject params, CallerIdentity caller) throws Exception {
        JsonObject ref = params.getJsonObject("ref");
        String template = ref.getValue("uri") instanceof String t ? t : null;
        JsonObject argument = params.getValue("argument") instanceof JsonObject a ? a : null;
        String variable = argument != null && argument.getValue("name") instanceof String n ? n : null;
        if (template == null || variable == null) {
            throw new RequestError(INVALID_PARAMS, "Invalid params: completion/complete of a resource template needs"
                    + " params.ref.uri (the template) and params.argument.name (its variable).");
        }
        String typed = argument.getValue("value") instanceof String v ? v : "";
        Map<String, String> context = new LinkedHashMap<>();
        if (params.getValue("context") instanceof JsonObject c && c.getValue("arguments") instanceof JsonObject given) {
            given.forEach(e -> {
                if (e.getValue() instanceof String value) {
                    context.put(e.getKey(), value);
                }
            });
        }
        for (ConnectorResource resource : ordered()) {
            for (ResourceTemplateSpec spec : resource.templates()) {
                if (!spec.uriTemplate().equals(template)) {
                    continue;
                }
                List<String> variables = variables(template);
                if (!variables.contains(variable)) {
                    throw new RequestError(INVALID_PARAMS, "Invalid params: the resource template " + template
                            + " has no variable '" + variable + "'; its variables: " + String.join(", ", variables)
                            + ".");
                }
                CompletionRequest request = new CompletionRequest(spec.name(), variable, typed, context,
                        MAX_COMPLETIONS + 1);
                List<String> values = ordinary(() -> executor.run(() -> resource.complete(request, caller)));
                List<String> distinct = new ArrayList<>(new LinkedHashSet<>(values));
                boolean more = distinct.size() > MAX_COMPLETIONS;
                List<String> shown = more ? distinct.subList(0, MAX_COMPLETIONS) : distinct;
                JsonObject completion = new JsonObject().put("values", new JsonArray(new ArrayList<>(shown)))
                        .put("hasMore", more);
                if (!more) {
                    completion.put("total", shown.size());
                }
                return new JsonObject().put("completion", completion);
            }
        }
        throw new RequestError(INVALID_PARAMS, "Invalid params: there is no resource template " + template
                + "; resources/templates/list names the templates of this server.");
    }

    /** Runs connector work, turning its refusals into errors for the client. */
    private static <T> T ordinary(Work<T> work) throws Exception {
        try {
            return work.run();
        } catch (ToolCallException e) {
            throw new RequestError(RESOURCE_NOT_FOUND, e.getMessage());
        }
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    static List<String> variables(String template) {
        List<String> names = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The resource beans in a fixed order, so that a cursor's bean index means the same bean on every page. */
    private List<ConnectorResource> ordered() {
        List<ConnectorResource> list = ordered;
        if (list == null) {
            list = resources.stream().sorted(Comparator.comparing(r -> beanClass(r).getName())).toList();
            ordered = list;
        }
        return list;
    }

    private static Class<?> beanClass(Object bean) {
        Class<?> type = bean.getClass();
        // Client proxies of normal-scoped beans subclass the bean class.
        return type.getName().contains("_ClientProxy") ? type.getSuperclass() : type;
    }

    private static void putIf(JsonObject json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }

    private static JsonObject result(Object id, JsonObject result) {
        return new JsonObject().put("jsonrpc", "2.0").put("id", id).put("result", result);
    }

    static JsonObject error(Object id, int code, String message) {
        return new JsonObject().put("jsonrpc", "2.0").put("id", id)
                .put("error", new JsonObject().put("code", code).put("message", message));
    }

    /** A request answered with a JSON-RPC error. */
    static final class RequestError extends RuntimeException {
        final int code;

        RequestError(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
