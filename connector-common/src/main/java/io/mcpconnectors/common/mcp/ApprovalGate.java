package io.mcpconnectors.common.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.mcpconnectors.common.approval.Approval;
import io.mcpconnectors.common.approval.ApprovalService;
import io.mcpconnectors.common.audit.AuditRecord.Outcome;
import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.ApprovalMode;
import io.mcpconnectors.common.spi.Connector;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ElicitField;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.common.store.StoreException;
import io.quarkiverse.mcp.server.Elicitation;
import io.quarkiverse.mcp.server.ElicitationRequest;
import io.quarkiverse.mcp.server.ElicitationResponse;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolResponse;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The point every WRITE and ADMIN call passes before it runs. It admits a call only with a confirmation bound to
 * its exact arguments: the user's answer to an elicitation in this very call, or an approval an admin gave for
 * these arguments, claimed once. When neither exists the call is stored as a pending approval and does not run;
 * there is no path on which a write runs because no confirmation channel exists.
 */
// On every call's path: a singleton is injected as itself, with no client proxy to look it up on each use.
@Singleton
public class ApprovalGate {

    /** The argument a re-submitted call carries; added by the runtime to every write and admin tool. */
    public static final String APPROVAL_ID = "approval_id";
    /**
     * How the answer to a call that waits for approval begins; the rest of its text names the id to re-submit with as
     * {@code approval_id="<id>"} (what a gateway in front of the connector reads to bind the approval to its caller).
     */
    public static final String PENDING_PREFIX = "NOT RUN YET: ";

    private static final Logger LOG = Logger.getLogger(ApprovalGate.class);
    private static final int MAX_CONFIRMATION_CHARS = 64 * 1024;

    private final ApprovalMode mode;
    private final ConnectorRuntimeConfig config;
    private final ApprovalService approvals;
    private final Connector connector;
    private final ObjectMapper pretty;
    private final KnownSecrets secrets;

    public ApprovalGate(ConnectorRuntimeConfig config, ApprovalService approvals, Connector connector,
            ObjectMapper json, KnownSecrets secrets) {
        this.secrets = secrets;
        this.mode = config.approval().mode();
        this.config = config;
        this.approvals = approvals;
        this.connector = connector;
        this.pretty = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** What the gate decided about one call. */
    public sealed interface Admission {
    }

    /** Run the call; {@code approval} is the claimed approval, or null (elicited, or no approval needed). */
    public record Run(Approval approval) implements Admission {
    }

    /** Do not run; answer with this instead. */
    public record Answer(ToolResponse response, Outcome outcome, String message) implements Admission {
    }

    public ApprovalMode mode() {
        return mode;
    }

    /** Whether write and admin tools pass through approvals (and get the approval_id argument). */
    public boolean active() {
        return mode != ApprovalMode.NONE;
    }

    /** Whether a call of this tool runs without an admission stage: a read, or any call while approvals are off. */
    public boolean admitsAtOnce(ToolSpec spec) {
        return !spec.access().changesData() || !active();
    }

    /**
     * The admit stage: decides whether a call may run. A read tool, or any tool when approvals are off, runs; a write
     * or admin tool runs with the approval it was re-submitted with ({@link CallContext#approvalId()}), claimed once
     * for its exact arguments, or with the user's yes to a confirmation in this very call; otherwise it is stored as
     * a pending approval and does not run.
     */
    public Uni<Admission> admit(CallContext context) {
        ToolSpec spec = context.spec();
        ConnectorTool tool = context.tool();
        ToolCall call = context.call();
        Map<String, Object> arguments = context.arguments();
        Map<String, Object> shown = context.shown();
        String approvalId = context.approvalId();
        String principal = context.principal();
        Elicitation elicitation = context.elicitation();
        if (admitsAtOnce(spec)) {
            return Uni.createFrom().item(new Run(null));
        }
        if (principal == null) {
            return Uni.createFrom().item(refuse("Not run: the caller of this session is not known; start a new"
                    + " session."));
        }
        Uni<Admission> admission;
        if (approvalId != null) {
            admission = onWorker(() -> {
                try {
                    return new Run(approvals.claim(approvalId, spec, principal, arguments));
                } catch (ToolCallException e) {
                    return refuse(secrets.scrubMessage(e.getMessage()));
                }
            });
        } else if (mode == ApprovalMode.ELICIT && elicitation != null && elicitation.isSupported()) {
            admission = onWorker(() -> preview(tool, call)).chain(preview -> {
                // What is shown to the user leaves the connector: no secret of its own in it, however it got
                // into the arguments or the preview.
                String text = secrets.scrub(describe(spec, shown, principal, preview));
                // A confirmation is only worth what the user can see of it: one too long to show whole goes to
                // an admin, who sees it all with 'approvals show'.
                return text.length() <= MAX_CONFIRMATION_CHARS
                        ? elicit(spec, arguments, principal, elicitation, text)
                        : onWorker(() -> pending(spec, approvals.request(spec, principal, arguments, scrubbed(shown),
                                secrets.scrub(preview))));
            });
        } else {
            admission = onWorker(() -> pending(spec, approvals.request(spec, principal, arguments, scrubbed(shown),
                    secrets.scrub(preview(tool, call)))));
        }
        return admission.onFailure(StoreException.class).recoverWithItem(this::storeUnavailable)
                .onFailure(ToolCallException.class)
                .recoverWithItem(e -> refuse("Not run: " + secrets.scrubMessage(e.getMessage())))
                .onFailure().recoverWithItem(this::unexpected);
    }

    private Uni<Admission> elicit(ToolSpec spec, Map<String, Object> arguments, String principal,
            Elicitation elicitation, String description) {
        ElicitationRequest request = ElicitationForms.request(elicitation, description, List.of(ElicitField
                .bool("approve", "Run exactly this " + spec.name() + " call").withTitle("Run it").withDefault(false)
                .asRequired()), config.approval().timeout());
        return request.send()
                .onItemOrFailure().transformToUni((response, failure) -> onWorker(() -> {
                    String answer = answer(response, failure);
                    approvals.recordElicitation(spec, principal, arguments, answer);
                    return switch (answer) {
                        case "accept" -> (Admission) new Run(null);
                        case "timeout" -> refuse("Not run: nobody answered the confirmation of " + spec.name()
                                + " within " + config.approval().timeout().toSeconds() + " s"
                                + " (connector.approval.timeout), which counts as declined.");
                        case "failed" -> refuse("Not run: the confirmation of " + spec.name() + " could not be shown"
                                + " to the user.");
                        default -> refuse("Not run: the user " + (answer.equals("cancel") ? "cancelled" : "declined")
                                + " " + spec.name() + ". Nothing was changed.");
                    };
                }));
    }

    private static String answer(ElicitationResponse response, Throwable failure) {
        if (failure != null) {
            return ElicitationForms.timedOut(failure) ? "timeout" : "failed";
        }
        if (ClientErrorAnswers.refusal(response.meta()) != null) {
            return "failed";
        }
        return switch (response.action()) {
            // Only an explicit yes runs the call; an accepted form without it is a no.
            // Anything but the boolean true (the text "true", say) is not a yes.
            case ACCEPT -> Boolean.TRUE.equals(ElicitationForms.content(response).get("approve"))
                    ? "accept" : "decline";
            case DECLINE -> "decline";
            case CANCEL -> "cancel";
        };
    }

    private Admission pending(ToolSpec spec, Approval pending) {
        String text = PENDING_PREFIX + spec.name() + " changes data and needs an admin's approval. Approval "
                + pending.id() + " is pending until " + pending.expiresAt() + ". An admin approves it with"
                + " 'approvals approve " + pending.id() + "' (the connector's admin command) or on the admin endpoint"
                + " (POST /admin/approvals/" + pending.id() + "/approve). Check it with the approval_status tool, then"
                + " re-submit this exact call with " + APPROVAL_ID + "=\"" + pending.id() + "\". Do not submit it again"
                + " without approval_id: that requests another approval.";
        Map<String, Object> approval = new LinkedHashMap<>();
        approval.put("id", pending.id());
        approval.put("status", pending.status().label());
        approval.put("expires_at", pending.expiresAt().toString());
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("approval", approval);
        structured.put("truncated", false);
        ToolResponse response = new ToolResponse(false, List.of(new TextContent(text)), structured, null);
        return new Answer(response, Outcome.APPROVAL_PENDING, "approval " + pending.id() + " pending");
    }

    /** The arguments as approvers see them, without the connector's own secrets (the call keeps them). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> scrubbed(Map<String, Object> shown) {
        return (Map<String, Object>) secrets.scrubValue(shown);
    }

    private static Answer refuse(String message) {
        return new Answer(ToolResponse.error(message), Outcome.REFUSED, message);
    }

    /** The confirmation text: exactly what will happen, as far as the connector can tell. */
    private String describe(ToolSpec spec, Map<String, Object> shown, String principal, String preview) {
        List<String> parts = new ArrayList<>();
        parts.add("Approve this change?");
        parts.add("Connector: " + connector.name() + ". Tool: " + spec.name() + " ("
                + spec.access().name().toLowerCase(Locale.ROOT) + (spec.access().name().equals("ADMIN")
                        ? ": changes structure or permissions)" : ": changes data)")
                + ". Requested by: " + principal + ".");
        parts.add("Arguments:\n" + render(shown));
        parts.add("What will happen:\n" + preview);
        parts.add("Nothing runs unless you accept.");
        return String.join("\n\n", parts);
    }

    private String render(Map<String, Object> shown) {
        try {
            return pretty.writeValueAsString(shown);
        } catch (JsonProcessingException e) {
            return shown.toString();
        }
    }

    private String preview(ConnectorTool tool, ToolCall call) {
        String preview;
        try {
            preview = tool.preview(call);
        } catch (ToolCallException e) {
            // The preview found that the call cannot run (a missing file, a refused statement): nobody is asked.
            throw e;
        } catch (Exception e) {
            LOG.warnf("Preview of %s failed: %s", tool.spec().name(), secrets.scrub(e).getMessage());
            preview = "The effect could not be previewed (the connector log has the details).";
        }
        return preview == null || preview.isBlank() ? "The connector cannot tell more than the arguments above."
                : preview;
    }

    private static <T> Uni<T> onWorker(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Admission storeUnavailable(Throwable failure) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf("Approval store unavailable (reference %s): %s", reference,
                secrets.scrubMessage(failure.getMessage()));
        return refuse("Not run: the approval store is unavailable (reference " + reference + "; the connector log"
                + " has the details). A write never runs unconfirmed; ask an admin to check connector.store /"
                + " connector.data-dir.");
    }

    private Admission unexpected(Throwable failure) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(secrets.scrub(failure), "Approval of a call failed unexpectedly (reference %s)", reference);
        return refuse("Not run: the approval could not be completed (reference " + reference + "; the connector log"
                + " has the details).");
    }
}
