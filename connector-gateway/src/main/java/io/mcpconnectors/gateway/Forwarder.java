package io.mcpconnectors.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mcpconnectors.common.audit.ArgumentRedactor;
import io.mcpconnectors.common.audit.AuditRecord;
import io.mcpconnectors.common.audit.AuditRecord.Outcome;
import io.mcpconnectors.common.audit.AuditTrail;
import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.auth.Callers;
import io.mcpconnectors.common.auth.SessionPrincipals;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.metrics.ToolMetrics;
import io.mcpconnectors.common.metrics.ToolTracing;
import io.mcpconnectors.common.policy.ToolRegistrationPolicy;
import io.mcpconnectors.common.spi.ToolAccess;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.trace.Span;
import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.Content;
import io.quarkiverse.mcp.server.FeatureManager.FeatureArguments;
import io.quarkiverse.mcp.server.FeatureManager.RequestFeatureArguments;
import io.quarkiverse.mcp.server.JsonRpcErrorCodes;
import io.quarkiverse.mcp.server.McpException;
import io.quarkiverse.mcp.server.PromptManager.PromptArguments;
import io.quarkiverse.mcp.server.PromptMessage;
import io.quarkiverse.mcp.server.PromptResponse;
import io.quarkiverse.mcp.server.ResourceContents;
import io.quarkiverse.mcp.server.ResourceResponse;
import io.quarkiverse.mcp.server.Role;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolManager.ToolArguments;
import io.quarkiverse.mcp.server.ToolResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Carries one downstream request to its upstream and the answer back, as the runtime does for a connector's own
 * tools: under the caller's policy (the session's caller, the timeout), with one audit record in the gateway's chain
 * (principal, upstream and tool), a latency metric and a span per call. Results come back as the upstream gave them
 * (content items, structured content, isError); an upstream's protocol error stays a protocol error with its code;
 * a failure of the hop itself, or an answer the gateway cannot relay, becomes an isError result naming the upstream
 * (still audited). The caller's token is never forwarded: the link decides what credential, if any, the upstream sees.
 * On a gateway without authentication the caller ({@code local:<user>} over stdio, {@code anonymous} over HTTP)
 * reaches upstreams with the scopes of the access classes the gateway enables, never as the gateway's own catalog
 * identity. At an upstream that sees all callers as one, an {@code approval_id} goes only with the caller it was
 * issued to ({@link IssuedApprovals}).
 */
@ApplicationScoped
public class Forwarder {

    private static final Logger LOG = Logger.getLogger(Forwarder.class);

    private final Callers callers;
    private final ToolRegistrationPolicy policy;
    private final AuditTrail audit;
    private final ToolMetrics metrics;
    private final ToolTracing tracing;
    private final KnownSecrets secrets;
    private final IssuedApprovals issuedApprovals;
    private final Duration callTimeout;
    private final Duration confirmationTimeout;
    private final Map<String, Cache<ResourceKey, ResourceResponse>> resourceCaches = new ConcurrentHashMap<>();

    private record ResourceKey(String principal, String uri) {
    }

    public Forwarder(Callers callers, ToolRegistrationPolicy policy, AuditTrail audit, ToolMetrics metrics,
            ToolTracing tracing, KnownSecrets secrets, IssuedApprovals issuedApprovals, ConnectorRuntimeConfig config) {
        this.callers = callers;
        this.policy = policy;
        this.audit = audit;
        this.metrics = metrics;
        this.tracing = tracing;
        this.secrets = secrets;
        this.issuedApprovals = issuedApprovals;
        this.callTimeout = config.limits().timeout();
        this.confirmationTimeout = config.approval().timeout();
    }

    /** How long a forwarded call may take: the call timeout, plus the time a user has to confirm a write. */
    Duration timeout(ToolAccess access) {
        return access.changesData() ? callTimeout.plus(confirmationTimeout) : callTimeout;
    }

    Duration confirmationTimeout() {
        return confirmationTimeout;
    }

    Uni<ToolResponse> callTool(UpstreamSupervisor upstream, String tool, ToolAccess access, ToolArguments args) {
        String name = upstream.name() + "." + tool;
        Map<String, Object> arguments = plainMap(args.args());
        CallRecord record = new CallRecord(name, access, args, ArgumentRedactor.redact(arguments, Set.of()),
                upstream.name());
        UpstreamSession session;
        try {
            session = session(upstream, args);
        } catch (RefusedException | UpstreamSupervisor.UnavailableException e) {
            record.write(Outcome.REFUSED, e.getMessage(), 0);
            return Uni.createFrom().item(ToolResponse.error(e.getMessage()));
        }
        // An upstream that sees every caller as one cannot keep an approval to its requester: the gateway does.
        String notIssued = issuedApprovals.refusal(upstream.spec(), tool, access, arguments, record.principal);
        if (notIssued != null) {
            record.write(Outcome.REFUSED, notIssued, 0);
            return Uni.createFrom().item(ToolResponse.error(notIssued));
        }
        CallContext call = new CallContext(UpstreamSession.newToken(), args.progress(), args.log(), args.elicitation(),
                args.cancellation());
        Duration timeout = timeout(access);
        return session.forward(call, access.changesData(), token -> session.client().callTool(
                new McpSchema.CallToolRequest(tool, arguments, Map.of("progressToken", token))))
                .ifNoItem().after(timeout).failWith(TimeoutException::new)
                .onItemOrFailure().transformToUni((result, failure) -> {
                    if (failure != null) {
                        return failedCall(upstream, name, failure, record, timeout);
                    }
                    try {
                        issuedApprovals.remember(upstream.spec(), access, record.principal, result);
                        return Uni.createFrom().item(answer(result, record));
                    } catch (RuntimeException e) {
                        return Uni.createFrom().item(ToolResponse.error(unrelayable(upstream, name, e, record)));
                    }
                });
    }

    /**
     * The upstream answered, but with something the gateway cannot carry to the caller (content MCP does not allow,
     * such as a resource link without a name): audited as an error, and said so, since the call may have run.
     */
    private String unrelayable(UpstreamSupervisor upstream, String name, RuntimeException e, CallRecord record) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf("Upstream %s answered %s with something the gateway cannot relay (reference %s): %s",
                upstream.name(), name, reference, secrets.scrubMessage(String.valueOf(e.getMessage())));
        String message = name + ": upstream " + upstream.name() + " answered with content the gateway cannot relay"
                + " (reference " + reference + "; the gateway log has the details). The request may have taken effect"
                + " at the upstream: check before repeating it, and ask an admin to look at that connector.";
        record.write(Outcome.ERROR, message, 0);
        return message;
    }

    private ToolResponse answer(McpSchema.CallToolResult result, CallRecord record) {
        boolean error = Boolean.TRUE.equals(result.isError());
        Object structured = result.structuredContent();
        List<Content> content = ContentMapping.contents(result.content());
        long bytes = ContentMapping.textBytes(result.content());
        String message = error && !content.isEmpty() && content.get(0) instanceof TextContent text ? text.text() : null;
        if (secrets.appearIn(String.valueOf(structured)) || content.stream().anyMatch(c -> c instanceof TextContent t
                && secrets.appearIn(t.text()))) {
            // An upstream quoting a credential of the gateway's (its static token) does not get it relayed.
            structured = secrets.scrubValue(structured);
            content = content.stream().map(c -> c instanceof TextContent t
                    ? (Content) new TextContent(secrets.scrub(t.text())) : c).toList();
            message = message == null ? null : secrets.scrubMessage(message);
        }
        record.write(error ? Outcome.ERROR : Outcome.OK, message, bytes);
        return new ToolResponse(error, content, structured, null);
    }

    private Uni<ToolResponse> failedCall(UpstreamSupervisor upstream, String name, Throwable failure, CallRecord record,
            Duration timeout) {
        if (failure instanceof Cancellation.OperationCancellationException) {
            record.write(Outcome.ERROR, "cancelled by the caller", 0);
            return Uni.createFrom().failure(failure);
        }
        if (failure instanceof McpError error && error.getJsonRpcError() != null) {
            // The upstream refused the request itself (a tool it does not have, a malformed request, or, from a
            // server before MCP 2025-11-25, arguments that do not fit): the caller learns it as the same protocol
            // error. Arguments an upstream of this suite refuses come back as its isError result, relayed as is.
            String message = secrets.scrubMessage(error.getJsonRpcError().message());
            record.write(Outcome.INVALID, message, 0);
            return Uni.createFrom().failure(new McpException(message, error.getJsonRpcError().code()));
        }
        if (failure instanceof TimeoutException) {
            String message = name + " did not finish within " + timeout.toMillis() + " ms (connector.limits.timeout"
                    + " of the gateway) and was cancelled. Narrow the request, or ask an admin to raise the limit.";
            record.write(Outcome.TIMEOUT, message, 0);
            return Uni.createFrom().item(ToolResponse.error(message));
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf("Forwarding %s to upstream %s failed (reference %s): %s", name, upstream.name(), reference,
                secrets.scrubMessage(String.valueOf(failure.getMessage())));
        String message = name + " failed: upstream " + upstream.name() + " did not answer (reference " + reference
                + "; the gateway log has the details).";
        record.write(Outcome.ERROR, message, 0);
        return Uni.createFrom().item(ToolResponse.error(message));
    }

    Uni<ResourceResponse> readResource(UpstreamSupervisor upstream, String feature, String uri,
            RequestFeatureArguments args) {
        CallRecord record = new CallRecord("resource:" + upstream.name() + "." + feature, ToolAccess.READ, args,
                Map.of("uri", uri), upstream.name());
        UpstreamSession session;
        try {
            session = session(upstream, args);
        } catch (RefusedException | UpstreamSupervisor.UnavailableException e) {
            record.write(Outcome.REFUSED, e.getMessage(), 0);
            return Uni.createFrom().failure(new McpException(e.getMessage(), JsonRpcErrorCodes.INTERNAL_ERROR));
        }
        Cache<ResourceKey, ResourceResponse> cache = cache(upstream);
        ResourceKey key = new ResourceKey(record.principal, uri);
        if (cache != null) {
            ResourceResponse cached = cache.getIfPresent(key);
            if (cached != null) {
                record.write(Outcome.OK, "cached", 0);
                return Uni.createFrom().item(cached);
            }
        }
        CallContext call = new CallContext(UpstreamSession.newToken(), args.progress(), args.log(), null,
                args.cancellation());
        return session.forward(call, false, token -> session.client().readResource(
                new McpSchema.ReadResourceRequest(uri, Map.of("progressToken", token))))
                .ifNoItem().after(callTimeout).failWith(TimeoutException::new)
                .onItemOrFailure().transformToUni((result, failure) -> {
                    if (failure != null) {
                        return Uni.createFrom().failure(protocolFailure(upstream, failure, record));
                    }
                    List<ResourceContents> contents = new ArrayList<>();
                    try {
                        result.contents().forEach(c -> contents.add(ContentMapping.resource(c)));
                    } catch (RuntimeException e) {
                        return Uni.createFrom().failure(new McpException(unrelayable(upstream, record.feature, e,
                                record), JsonRpcErrorCodes.INTERNAL_ERROR));
                    }
                    ResourceResponse response = new ResourceResponse(contents);
                    if (cache != null) {
                        cache.put(key, response);
                    }
                    record.write(Outcome.OK, null, 0);
                    return Uni.createFrom().item(response);
                });
    }

    Uni<PromptResponse> getPrompt(UpstreamSupervisor upstream, String prompt, PromptArguments args) {
        Map<String, Object> arguments = new LinkedHashMap<>(args.args());
        CallRecord record = new CallRecord("prompt:" + upstream.name() + "." + prompt, ToolAccess.READ, args, arguments,
                upstream.name());
        UpstreamSession session;
        try {
            session = session(upstream, args);
        } catch (RefusedException | UpstreamSupervisor.UnavailableException e) {
            record.write(Outcome.REFUSED, e.getMessage(), 0);
            return Uni.createFrom().failure(new McpException(e.getMessage(), JsonRpcErrorCodes.INTERNAL_ERROR));
        }
        CallContext call = new CallContext(UpstreamSession.newToken(), args.progress(), args.log(), null,
                args.cancellation());
        return session.forward(call, false, token -> session.client().getPrompt(
                new McpSchema.GetPromptRequest(prompt, arguments, Map.of("progressToken", token))))
                .ifNoItem().after(callTimeout).failWith(TimeoutException::new)
                .onItemOrFailure().transformToUni((result, failure) -> {
                    if (failure != null) {
                        return Uni.createFrom().failure(protocolFailure(upstream, failure, record));
                    }
                    List<PromptMessage> messages = new ArrayList<>();
                    try {
                        for (McpSchema.PromptMessage message : result.messages()) {
                            messages.add(new PromptMessage(message.role() == McpSchema.Role.ASSISTANT ? Role.ASSISTANT
                                    : Role.USER, ContentMapping.content(message.content())));
                        }
                    } catch (RuntimeException e) {
                        return Uni.createFrom().failure(new McpException(unrelayable(upstream, record.feature, e,
                                record), JsonRpcErrorCodes.INTERNAL_ERROR));
                    }
                    record.write(Outcome.OK, null, 0);
                    return Uni.createFrom().item(new PromptResponse(result.description(), messages));
                });
    }

    /** Resource reads and prompts answer failures as protocol errors, which is all MCP gives them. */
    private Throwable protocolFailure(UpstreamSupervisor upstream, Throwable failure, CallRecord record) {
        if (failure instanceof Cancellation.OperationCancellationException) {
            record.write(Outcome.ERROR, "cancelled by the caller", 0);
            return failure;
        }
        if (failure instanceof McpError error && error.getJsonRpcError() != null) {
            String message = secrets.scrubMessage(error.getJsonRpcError().message());
            record.write(Outcome.ERROR, message, 0);
            return new McpException(message, error.getJsonRpcError().code());
        }
        if (failure instanceof TimeoutException) {
            String message = "upstream " + upstream.name() + " did not answer within " + callTimeout.toMillis()
                    + " ms (connector.limits.timeout of the gateway)";
            record.write(Outcome.TIMEOUT, message, 0);
            return new McpException(message, JsonRpcErrorCodes.INTERNAL_ERROR);
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf("Forwarding to upstream %s failed (reference %s): %s", upstream.name(), reference,
                secrets.scrubMessage(String.valueOf(failure.getMessage())));
        String message = "upstream " + upstream.name() + " did not answer (reference " + reference + ")";
        record.write(Outcome.ERROR, message, 0);
        return new McpException(message, JsonRpcErrorCodes.INTERNAL_ERROR);
    }

    private Cache<ResourceKey, ResourceResponse> cache(UpstreamSupervisor upstream) {
        Duration ttl = upstream.spec().resourceCacheTtl();
        if (ttl == null) {
            return null;
        }
        return resourceCaches.computeIfAbsent(upstream.name(), n -> Caffeine.newBuilder().expireAfterWrite(ttl)
                .maximumSize(10_000).build());
    }

    /** Drops what is cached of an upstream (its lists changed, or it went away). */
    void forget(String upstream) {
        Cache<ResourceKey, ResourceResponse> cache = resourceCaches.get(upstream);
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    private UpstreamSession session(UpstreamSupervisor upstream, FeatureArguments args) {
        SessionPrincipals.Caller caller = caller(args);
        if (caller == null) {
            throw new RefusedException("Refused: the caller of this session is not known; start a new session.");
        }
        if (!callers.authenticated()) {
            caller = unauthenticated(upstream.name(), caller);
        }
        boolean elicitation = args.elicitation() != null && args.elicitation().isSupported();
        return upstream.session(caller, elicitation);
    }

    /**
     * The caller of a gateway without authentication, as an upstream sees it: its own principal, with the scopes of
     * the access classes the gateway enables ({@code <upstream>:read}, and {@code :write}, {@code :admin} when writes
     * are enabled), which is what it could call through the gateway anyway, and no identity claims (it presented no
     * token to take them from).
     */
    private SessionPrincipals.Caller unauthenticated(String upstream, SessionPrincipals.Caller caller) {
        Set<String> scopes = new TreeSet<>();
        for (ToolAccess access : ToolAccess.values()) {
            if (!access.changesData() || policy.writesEnabled()) {
                scopes.add(upstream + ":" + access.name().toLowerCase(Locale.ROOT));
            }
        }
        return new SessionPrincipals.Caller(caller.principal(), scopes, List.of());
    }

    /**
     * The upstream session a downstream session's requests outside a feature call go through (a listing, a completion,
     * a subscription): the same one, with the same identity, as that caller's tool calls.
     *
     * @param session the downstream session id
     * @param elicitation whether the downstream client can answer elicitations
     */
    UpstreamSession session(UpstreamSupervisor upstream, String session, boolean elicitation) {
        SessionPrincipals.Caller caller = callers.caller(session);
        if (caller == null) {
            throw new RefusedException("Refused: the caller of this session is not known; start a new session.");
        }
        if (!callers.authenticated()) {
            caller = unauthenticated(upstream.name(), caller);
        }
        return upstream.session(caller, elicitation);
    }

    /** The time a request other than a tool call may take upstream. */
    Duration requestTimeout() {
        return callTimeout;
    }

    private SessionPrincipals.Caller caller(FeatureArguments args) {
        return callers.caller(args.connection() == null ? null : args.connection().id());
    }

    static final class RefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message, null, false, false);
        }
    }

    /** Vert.x JSON values as plain maps and lists, which the SDK's mapper writes as JSON. */
    @SuppressWarnings("unchecked")
    static Object plain(Object value) {
        if (value instanceof JsonObject object) {
            return plainMap(object.getMap());
        }
        if (value instanceof JsonArray array) {
            return plain(array.getList());
        }
        if (value instanceof Map<?, ?> map) {
            return plainMap((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            list.forEach(item -> items.add(plain(item)));
            return items;
        }
        return value;
    }

    static Map<String, Object> plainMap(Map<String, Object> map) {
        Map<String, Object> plain = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> plain.put(k, plain(v)));
        }
        return plain;
    }

    /** The audit record, metric and span of one forwarded request. */
    private final class CallRecord {
        private final String feature;
        private final ToolAccess access;
        private final Instant startedAt = Instant.now();
        private final long start = System.nanoTime();
        private final String session;
        private final String principal;
        private final Map<String, Object> arguments;
        private final String upstream;
        private final Span span;

        CallRecord(String feature, ToolAccess access, FeatureArguments args, Map<String, Object> arguments,
                String upstream) {
            this.feature = feature;
            this.access = access;
            this.session = args.connection() == null ? null : args.connection().id();
            this.principal = callers.principal(session);
            this.arguments = arguments;
            this.upstream = upstream;
            this.span = tracing.start(feature, access.name(), session);
        }

        void write(Outcome outcome, String message, long bytes) {
            long nanos = System.nanoTime() - start;
            metrics.record(feature, access.name(), outcome.label(), nanos);
            tracing.end(span, outcome.label());
            audit.record(new AuditRecord(startedAt.toString(), GatewayConnector.NAME, feature, access.name(), principal, upstream,
                    session, arguments, outcome.label(), message, Math.round(nanos / 1000.0) / 1000.0,
                    outcome == Outcome.OK ? 1 : 0, bytes, false));
        }
    }
}
