package io.mcpconnectors.common.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;

import io.mcpconnectors.common.approval.Approval;
import io.mcpconnectors.common.approval.ApprovalService;
import io.mcpconnectors.common.audit.ArgumentRedactor;
import io.mcpconnectors.common.audit.AuditRecord;
import io.mcpconnectors.common.audit.AuditRecord.Outcome;
import io.mcpconnectors.common.audit.AuditTrail;
import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.auth.Callers;
import io.mcpconnectors.common.auth.InFlightWork;
import io.mcpconnectors.common.auth.SessionPrincipals;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.identity.IdentityMapping;
import io.mcpconnectors.common.metrics.ToolMetrics;
import io.mcpconnectors.common.metrics.ToolTracing;
import io.mcpconnectors.common.paging.PageCursors;
import io.mcpconnectors.common.spi.ArgSpec;
import io.mcpconnectors.common.spi.AsyncConnectorTool;
import io.mcpconnectors.common.spi.CallClient;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.ClientRoot;
import io.mcpconnectors.common.spi.Connector;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ContentPart;
import io.mcpconnectors.common.spi.Media;
import io.mcpconnectors.common.spi.PlainJson;
import io.mcpconnectors.common.spi.ResourceLinkRef;
import io.mcpconnectors.common.spi.ToolArguments;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.Content;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolManager;
import io.quarkiverse.mcp.server.ToolResponse;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Wraps every tool call: shape validation, the approval gate, the timeout, the result caps, the structured and
 * text renderings, the audit record, and the translation of failures into results the user can act on.
 */
// On every call's path: a singleton is injected as itself, with no client proxy to look it up on each use.
@Singleton
public class ToolInvoker {

    private static final Logger LOG = Logger.getLogger(ToolInvoker.class);

    private final Connector connector;
    private final ApprovalGate approvalGate;
    private final CallExecutor executor;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final CallLimits limits;

    private final Callers callers;
    private final ApprovalService approvals;
    private final ToolMetrics metrics;
    private final ToolTracing tracing;
    private final KnownSecrets secrets;
    private final IdentityMapping identities;

    public ToolInvoker(Connector connector, ApprovalGate approvalGate, CallExecutor executor, AuditTrail audit,
            ObjectMapper json, ConnectorRuntimeConfig config, Callers callers, ApprovalService approvals,
            ToolMetrics metrics, ToolTracing tracing, KnownSecrets secrets, IdentityMapping identities) {
        this.identities = identities;
        this.connector = connector;
        this.secrets = secrets;
        this.metrics = metrics;
        this.tracing = tracing;
        this.approvals = approvals;
        this.callers = callers;
        this.approvalGate = approvalGate;
        this.executor = executor;
        this.audit = audit;
        this.json = json;
        this.limits = new CallLimits(config.limits().maxItems(), config.limits().maxBytes());
    }

    /**
     * Handles one call, in stages: validate (on the caller's thread), admit (the approval gate, on a worker: it may
     * wait for the user's answer or the store), execute (the tool, on a call thread or its own non-blocking work),
     * render (when the tool finishes, or at once when the deadline passes) and record (the audit record, written
     * once whatever the outcome).
     */
    Uni<ToolResponse> invoke(ConnectorTool tool, ToolSpec spec, ToolManager.ToolArguments mcpArgs) {
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        Map<String, Object> raw = mcpArgs.args();
        String session = mcpArgs.connection() == null ? null : mcpArgs.connection().id();
        Set<String> secretNames = secretNames(spec);
        SessionPrincipals.Caller caller = callers.caller(session);
        String principal = caller == null ? null : caller.principal();
        CallAudit record = new CallAudit(audit, metrics, tracing, connector.name(), spec, startedAt, start, session,
                principal, ArgumentRedactor.redact(raw, secretNames));

        Map<String, Object> validated;
        try {
            validated = validate(spec, raw);
        } catch (InvalidArgumentsException e) {
            // A tool execution error (MCP SEP-1303): the model reads what was wrong and can correct the call.
            String message = secrets.scrubMessage(e.getMessage());
            record.write(Outcome.INVALID, message, 0, 0, false);
            return Uni.createFrom().item(ToolResponse.error(message));
        }
        CallContext context;
        try {
            context = context(tool, spec, mcpArgs, validated, secretNames, caller, record);
        } catch (ToolCallException e) {
            record.write(Outcome.REFUSED, e.getMessage(), 0, 0, false);
            return Uni.createFrom().item(ToolResponse.error(e.getMessage()));
        }
        if (approvalGate.admitsAtOnce(spec)) {
            // A read (or a write with approvals off) runs without asking anyone: no admission stage to wait for.
            return Uni.createFrom().completionStage(run(context));
        }
        return approvalGate.admit(context).chain(admission -> {
            if (admission instanceof ApprovalGate.Answer answer) {
                record.write(answer.outcome(), answer.message(), 0, 0, false);
                return Uni.createFrom().item(answer.response());
            }
            return run(context, ((ApprovalGate.Run) admission).approval());
        });
    }

    /** The names of the arguments the tool declares secret; most tools have none, which costs nothing to find. */
    private static Set<String> secretNames(ToolSpec spec) {
        Set<String> names = null;
        for (ArgSpec argument : spec.arguments()) {
            if (argument.secret()) {
                if (names == null) {
                    names = new HashSet<>();
                }
                names.add(argument.name());
            }
        }
        return names == null ? Set.of() : names;
    }

    /**
     * The validate stage: the arguments checked against the tool's declaration; if they fail, an {@code isError}
     * result, before any approval is asked for.
     */
    private static Map<String, Object> validate(ToolSpec spec, Map<String, Object> raw) {
        return new LinkedHashMap<>(ArgumentValidator.validate(spec, raw));
    }

    /** The call's context, built once: the caller's identity, the arguments as the tool and the approver see them. */
    private CallContext context(ConnectorTool tool, ToolSpec spec, ToolManager.ToolArguments mcpArgs,
            Map<String, Object> validated, Set<String> secretNames, SessionPrincipals.Caller caller,
            CallAudit record) {
        String session = mcpArgs.connection() == null ? null : mcpArgs.connection().id();
        // On a write or admin tool, approval_id is the runtime's argument, not the tool's.
        String approvalId = spec.access().changesData() ? (String) validated.remove(ApprovalGate.APPROVAL_ID) : null;
        // What the person approving sees: every argument in full, only declared secrets hidden.
        Map<String, Object> shown = ArgumentRedactor.forApprover(validated, secretNames);
        CallerIdentity identity = identities.resolve(caller);
        record.identity(identity.audited());
        BooleanSupplier cancelled = cancellation(mcpArgs);
        // A read's time counts from its arrival; a write's is counted again when it starts (see run).
        Instant deadline = record.startedAt().plus(executor.timeout());
        ToolCall call = new ToolCall(new ToolArguments(validated), limits, session, clientRoots(mcpArgs), identity,
                McpCallReport.of(mcpArgs.progress(), mcpArgs.log(), secrets), new McpCallClient(spec.name(),
                        mcpArgs.sampling(), mcpArgs.elicitation(), deadline, cancelled, secrets), deadline);
        return new CallContext(spec, tool, call, caller == null ? null : caller.principal(), validated, shown,
                approvalId, mcpArgs.elicitation(), cancelled, record, InFlightWork.currentWork());
    }

    /**
     * The execute and render stages, then the outcome of a claimed approval. A write or admin tool gets its whole
     * time from the moment it starts, however long its approval took.
     */
    private Uni<ToolResponse> run(CallContext admitted, Approval approval) {
        Uni<ToolResponse> answered = Uni.createFrom().completionStage(run(admitted));
        if (approval == null) {
            return answered;
        }
        return answered.call(response -> Uni.createFrom().item(() -> {
            try {
                approvals.finish(approval, !response.isError(), response.isError() ? firstText(response) : "ok");
            } catch (RuntimeException e) {
                LOG.errorf("The outcome of approval %s could not be stored: %s", approval.id(), e.getMessage());
            }
            return response;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    /**
     * The execute and render stages as one future, completed by whichever thread finishes the tool: no reactive
     * operators (and their context capture) per stage.
     */
    private CompletableFuture<ToolResponse> run(CallContext admitted) {
        CallContext context = admitted.spec().access().changesData() ? admitted.withCall(startingNow(admitted.call()))
                : admitted;
        return execute(context).handle((result, failure) -> failure == null ? render(context, result)
                : failed(context, unwrap(failure)));
    }

    /** The execute stage: the tool runs within the call's deadline, until the client cancels it. */
    private CompletableFuture<ToolResult> execute(CallContext context) {
        ToolCall call = context.call();
        if (context.tool() instanceof AsyncConnectorTool async) {
            try {
                return executor.watch(async.callAsync(call), context.cancelled(), call.deadline());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return executor.submit(() -> context.tool().call(call), context.cancelled(), call.deadline(), context.place());
    }

    /** The call with its deadline counted from now. */
    private ToolCall startingNow(ToolCall call) {
        Instant deadline = Instant.now().plus(executor.timeout());
        CallClient client = call.client() instanceof McpCallClient mcp ? mcp.until(deadline) : call.client();
        return new ToolCall(call.arguments(), call.limits(), call.session(), call.clientRoots(), call.caller(),
                call.report(), client, deadline);
    }

    private static String firstText(ToolResponse response) {
        return response.content().isEmpty() || !(response.content().get(0) instanceof TextContent text) ? "error"
                : text.text();
    }

    private ToolResponse failed(CallContext context, Throwable failure) {
        ToolSpec spec = context.spec();
        CallAudit record = context.audit();
        if (failure instanceof ToolCallException e) {
            // The message can quote an API's error text, which can echo the request and its credential.
            String message = secrets.scrubMessage(e.getMessage());
            record.write(Outcome.ERROR, message, 0, 0, false);
            return ToolResponse.error(message);
        }
        if (failure instanceof CancellationException) {
            String message = spec.name() + " was cancelled by the client and stopped.";
            record.write(Outcome.CANCELLED, message, 0, 0, false);
            return ToolResponse.error(message);
        }
        if (failure instanceof TimeoutException) {
            String message = spec.name() + " did not finish within " + executor.timeout().toMillis()
                    + " ms (connector.limits.timeout) and was cancelled. Narrow the request, or ask an admin to raise"
                    + " the limit.";
            record.write(Outcome.TIMEOUT, message, 0, 0, false);
            return ToolResponse.error(message);
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(secrets.scrub(failure), "Tool %s failed unexpectedly (reference %s)", spec.name(), reference);
        String message = spec.name() + " failed because of an internal error (reference " + reference
                + "); the connector log has the details.";
        record.write(Outcome.ERROR, message, 0, 0, false);
        return ToolResponse.error(message);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException
                || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private ToolResponse render(CallContext context, ToolResult result) {
        ToolSpec spec = context.spec();
        CallAudit record = context.audit();
        Map<String, Object> structured = new LinkedHashMap<>(result.data());
        structured.put("truncated", result.truncated());
        if (result.truncated()) {
            structured.put("limit", Map.of("name", result.truncation().limit(), "value", result.truncation().value()));
        }
        Object rendered = structured;
        // The tool's own text rendering, unless untrusted text must be shown inside its delimiters.
        String toolText = result.text();
        boolean untrusted = UntrustedRendering.contains(structured);
        if (untrusted) {
            rendered = UntrustedRendering.text(structured, UntrustedRendering.marker());
            @SuppressWarnings("unchecked")
            Map<String, Object> marked = (Map<String, Object>) UntrustedRendering.structured(structured);
            structured = marked;
            toolText = null;
        }
        String encoded;
        try {
            encoded = PlainJson.encode(json, rendered);
        } catch (IOException e) {
            LOG.errorf(secrets.scrub(e), "Result of tool %s is not serialisable", spec.name());
            record.write(Outcome.ERROR, "unserialisable result", 0, 0, false);
            return ToolResponse.error(spec.name() + " produced a result that could not be encoded.");
        }
        String scrubbedEncoded = secrets.scrub(encoded);
        String scrubbedToolText = toolText == null ? null : secrets.scrub(toolText);
        if (scrubbedEncoded != encoded || scrubbedToolText != toolText) {
            // Data that carries a secret of the connector's (an API quoting a request, a committed token).
            encoded = scrubbedEncoded;
            toolText = scrubbedToolText;
            rendered = null;
            @SuppressWarnings("unchecked")
            Map<String, Object> scrubbed = (Map<String, Object>) secrets.scrubValue(structured);
            structured = scrubbed;
        }
        for (Media media : result.media()) {
            if (secrets.appearIn(media.data())) {
                String message = withheld(spec.name() + "'s " + ContentRendering.secretIn(media, secrets));
                record.write(Outcome.REFUSED, message, result.items(), 0, false);
                return ToolResponse.error(message);
            }
        }
        for (ContentPart part : result.content()) {
            String secret = ContentRendering.secretIn(part, secrets);
            if (secret != null) {
                String message = withheld(spec.name() + "'s " + secret);
                record.write(Outcome.REFUSED, message, result.items(), 0, false);
                return ToolResponse.error(message);
            }
        }
        String text = toolText == null ? encoded : toolText;
        long bytes = encoded.getBytes(StandardCharsets.UTF_8).length;
        long mediaBytes = 0;
        for (Media media : result.media()) {
            mediaBytes += ContentRendering.bytes(media);
        }
        for (ContentPart part : result.content()) {
            mediaBytes += ContentRendering.bytes(part);
        }
        for (ResourceLinkRef link : result.links()) {
            mediaBytes += ContentRendering.bytes(link);
        }
        // Tools cap their data as they read it; this is the backstop for one that did not. The cap counts data
        // bytes, so the bound allows for JSON escaping (a newline becomes two characters) and the envelope.
        long bound = 2 * limits.maxBytes() + Math.min(4096, limits.maxBytes() / 4);
        if (bytes > bound || mediaBytes > limits.maxBytes()) {
            String message = spec.name() + " produced " + (bytes + mediaBytes) + " bytes, more than connector.limits"
                    + ".max-bytes (" + limits.maxBytes() + "). Narrow the request.";
            record.write(Outcome.ERROR, message, result.items(), 0, true);
            return ToolResponse.error(message);
        }
        // The tool's own parts replace the text rendering, except the marked rendering of untrusted text.
        boolean partsReplaceText = !result.content().isEmpty() && !untrusted;
        List<Content> content = new ArrayList<>();
        String note = toolText != null || partsReplaceText ? continuationNote(result, structured) : null;
        if (!partsReplaceText) {
            content.add(new TextContent(text));
            if (note != null) {
                content.add(new TextContent(note));
            }
        }
        for (ContentPart part : result.content()) {
            content.add(ContentRendering.render(part, secrets));
        }
        if (partsReplaceText && note != null) {
            content.add(new TextContent(note));
        }
        for (Media media : result.media()) {
            content.add(ContentRendering.render(media, secrets));
        }
        for (ResourceLinkRef link : result.links()) {
            content.add(ContentRendering.link(link, secrets));
        }
        record.write(Outcome.OK, null, result.items(), bytes + mediaBytes, result.truncated());
        // When the text encoded above is the structured content itself (not a marked rendering, nothing scrubbed), the
        // answer carries that text as the structured content instead of encoding the same data a second time.
        Object structuredContent = rendered == structured ? new RawValue(encoded) : structured;
        return new ToolResponse(false, content, structuredContent, null);
    }

    /**
     * Beside a tool's own text rendering, which does not carry the structured fields, what a model needs to know
     * when the result is incomplete: which limit cut it, and how to go on.
     */
    static String continuationNote(ToolResult result, Map<String, Object> structured) {
        if (!result.truncated()) {
            return null;
        }
        StringBuilder note = new StringBuilder("[truncated: the result stops at ").append(result.truncation().limit())
                .append(" (").append(result.truncation().value()).append(")");
        Object cursor = structured.get(PageCursors.NEXT);
        if (cursor != null) {
            note.append("; more follows: call again with the same arguments and \"").append(PageCursors.ARGUMENT)
                    .append("\": \"").append(cursor).append('"');
        }
        Object hint = structured.get("hint");
        if (hint instanceof String h) {
            note.append("; ").append(h);
        }
        return note.append(']').toString();
    }

    /**
     * The answer for binary content that holds one of the connector's secrets: bytes cannot have it removed without
     * corrupting what they are, so the content is withheld whole.
     */
    public static String withheld(String what) {
        return "Not returned: " + what + " is binary content that holds a credential of this connector (as text"
                + " in it), and bytes cannot have it removed without corrupting them. Remove the credential from the"
                + " source and rotate it: it is stored where others can read it.";
    }

    /** Whether the client has cancelled the request ({@code notifications/cancelled}). */
    private static BooleanSupplier cancellation(ToolManager.ToolArguments mcpArgs) {
        Cancellation cancellation = mcpArgs.cancellation();
        return cancellation == null ? () -> false : () -> cancellation.check().isRequested();
    }

    private static Supplier<List<ClientRoot>> clientRoots(ToolManager.ToolArguments mcpArgs) {
        return () -> {
            if (mcpArgs.roots() == null || !mcpArgs.roots().isSupported()) {
                return List.of();
            }
            List<ClientRoot> roots = mcpArgs.roots().list().await().atMost(Duration.ofSeconds(10)).stream()
                    .map(r -> new ClientRoot(r.name(), r.uri())).toList();
            for (ClientRoot root : roots) {
                if (ClientErrorAnswers.ROOT_URI.equals(root.uri())) {
                    throw new ToolCallException("The client refused or failed the request for its roots"
                            + " (roots/list): " + root.name() + ".");
                }
            }
            return roots;
        };
    }
}
