package io.mcpconnectors.common.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.spi.Connector;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolSpec;

/**
 * The rules of approvals, the same for the MCP tools, the admin command and the admin endpoint: who may decide,
 * who may use an approval, and that it runs once, only with the exact arguments it was requested with, before it
 * expires. Every change is durable in the store and recorded in the audit chain before anything depends on it.
 */
@ApplicationScoped
public class ApprovalService {

    private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final ApprovalStore store;
    private final ApprovalJournal chain;
    private final Connector connector;
    private final ConnectorRuntimeConfig.Approval settings;
    private final ObjectMapper canonical;
    private final SecureRandom random = new SecureRandom();

    public ApprovalService(ApprovalStore store, ApprovalJournal chain, Connector connector,
            ConnectorRuntimeConfig config, ObjectMapper json) {
        this.store = store;
        this.chain = chain;
        this.connector = connector;
        this.settings = config.approval();
        this.canonical = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                .disable(SerializationFeature.INDENT_OUTPUT);
    }

    /** SHA-256 of the arguments as canonical JSON (keys sorted at every level). */
    public String argumentsHash(Map<String, Object> arguments) {
        try {
            byte[] text = canonical.writeValueAsString(arguments).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("arguments cannot be hashed", e);
        }
    }

    /** Stores a pending approval for this call; nothing runs. */
    public Approval request(ToolSpec spec, String principal, Map<String, Object> arguments, Map<String, Object> shown,
            String preview) {
        Instant now = now();
        Approval approval = new Approval(newId(), connector.name(), spec.name(), spec.access().name(), principal,
                argumentsHash(arguments), shown, preview, ApprovalStatus.PENDING, now, now.plus(settings.expiry()),
                null, null, null, null, null);
        store.create(approval);
        chain.recordDurably(event("approval_requested", approval, principal, null));
        return approval;
    }

    /** Records the user's answer to an elicitation (accept, decline, cancel, or no answer). */
    public void recordElicitation(ToolSpec spec, String principal, Map<String, Object> arguments, String answer) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "approval_elicited");
        event.put("at", now().toString());
        event.put("connector", connector.name());
        event.put("tool", spec.name());
        event.put("principal", principal);
        event.put("arguments_hash", argumentsHash(arguments));
        event.put("answer", answer);
        chain.recordDurably(event);
    }

    /**
     * Approves or denies a pending approval.
     *
     * @throws ToolCallException saying why it cannot be decided
     */
    public Approval decide(String id, boolean approve, String approver, String reason) {
        Approval current = find(id).orElseThrow(() -> new ToolCallException("No approval " + id
                + " exists for the " + connector.name() + " connector."));
        Instant now = now();
        if (current.status() != ApprovalStatus.PENDING) {
            throw new ToolCallException("Approval " + id + " was already decided: it is " + current.displayStatus(now)
                    + (current.decidedBy() == null ? "" : " (by " + current.decidedBy() + ")") + ".");
        }
        if (current.expired(now)) {
            throw new ToolCallException("Approval " + id + " expired at " + current.expiresAt()
                    + "; the requester has to submit the call again.");
        }
        if (approve && settings.fourEyes() && current.principal().equals(approver)) {
            throw new ToolCallException("Approval " + id + " was requested by " + approver + ", and four-eyes approval"
                    + " (connector.approval.four-eyes) requires someone else to approve it.");
        }
        Approval decided = current.decided(approve ? ApprovalStatus.APPROVED : ApprovalStatus.DENIED, approver,
                now, reason == null || reason.isBlank() ? null : reason.strip());
        if (!store.replace(ApprovalStatus.PENDING, decided)) {
            throw new ToolCallException("Approval " + id + " was decided by someone else at the same moment; run"
                    + " 'approvals show " + id + "' to see the decision.");
        }
        chain.recordDurably(event(approve ? "approval_approved" : "approval_denied", decided, approver, reason));
        return decided;
    }

    /**
     * Takes an approval for the re-submitted call, once: afterwards it is used, whether the call succeeds, fails or
     * the connector stops while it runs.
     *
     * @throws ToolCallException saying why the call may not run
     */
    public Approval claim(String id, ToolSpec spec, String principal, Map<String, Object> arguments) {
        Approval current = visibleTo(id, principal).orElseThrow(() -> new ToolCallException("Not run: no approval "
                + id + " exists for you on the " + connector.name() + " connector. Submit the call without"
                + " approval_id to request approval."));
        Instant now = now();
        if (!current.tool().equals(spec.name())) {
            throw new ToolCallException("Not run: approval " + id + " is for the tool " + current.tool() + ", not "
                    + spec.name() + ".");
        }
        if (!current.argumentsHash().equals(argumentsHash(arguments))) {
            throw new ToolCallException("Not run: the arguments differ from the ones approval " + id + " was"
                    + " requested with, and an approval covers exactly those. Re-submit the identical arguments, or"
                    + " submit the new ones without approval_id to request a new approval.");
        }
        if (current.expired(now)) {
            throw new ToolCallException("Not run: approval " + id + " expired at " + current.expiresAt()
                    + ". Submit the call again without approval_id to request a new approval.");
        }
        switch (current.status()) {
            case PENDING -> throw new ToolCallException("Not run: approval " + id + " is still waiting for an"
                    + " admin's decision. Check it with approval_status, and re-submit once it is approved.");
            case DENIED -> throw new ToolCallException("Not run: approval " + id + " was denied by "
                    + current.decidedBy() + (current.reason() == null ? "." : ": " + current.reason()));
            case EXECUTING, EXECUTED, FAILED -> throw used(id, current);
            case APPROVED -> {
                // the one status that may run
            }
        }
        Approval claimed = current.claimed();
        if (!store.replace(ApprovalStatus.APPROVED, claimed)) {
            throw used(id, current);
        }
        chain.recordDurably(event("approval_used", claimed, principal, null));
        return claimed;
    }

    private static ToolCallException used(String id, Approval approval) {
        String how = switch (approval.status()) {
            case EXECUTED -> "it ran at " + approval.finishedAt();
            case FAILED -> "it ran and failed at " + approval.finishedAt();
            default -> "the call it approved was started (if the connector stopped while it ran, check the data"
                    + " before asking again)";
        };
        return new ToolCallException("Not run: approval " + id + " was already used (" + how + "); an approval runs"
                + " one call once. Submit the call without approval_id to request a new approval.");
    }

    /** Records how the approved call ended. */
    public void finish(Approval claimed, boolean succeeded, String outcome) {
        Approval done = claimed.finished(succeeded, now(), outcome);
        store.replace(ApprovalStatus.EXECUTING, done);
        chain.record(event(succeeded ? "approval_executed" : "approval_failed", done, claimed.principal(), outcome),
                true);
    }

    /** An approval of this connector, for admins. */
    public Optional<Approval> find(String id) {
        return store.find(id).filter(a -> a.connector().equals(connector.name()));
    }

    /** An approval the principal requested; another principal's approvals do not exist for them. */
    public Optional<Approval> visibleTo(String id, String principal) {
        return find(id).filter(a -> a.principal().equals(principal));
    }

    /** This connector's approvals, oldest first. */
    public List<Approval> list() {
        return store.list().stream().filter(a -> a.connector().equals(connector.name())).toList();
    }

    /** Where approvals are kept, for messages; opens the store if it is not open yet. */
    public String describeStore() {
        return store.describe();
    }

    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private Map<String, Object> event(String type, Approval approval, String actor, String reason) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("at", now().toString());
        event.put("connector", approval.connector());
        event.put("approval_id", approval.id());
        event.put("tool", approval.tool());
        event.put("requested_by", approval.principal());
        event.put("actor", actor);
        event.put("arguments_hash", approval.argumentsHash());
        if (type.equals("approval_requested")) {
            event.put("arguments", approval.arguments());
            event.put("expires_at", approval.expiresAt().toString());
        }
        if (reason != null && !reason.isBlank()) {
            event.put("reason", reason);
        }
        return event;
    }

    private String newId() {
        StringBuilder id = new StringBuilder("apr_");
        for (int i = 0; i < 20; i++) {
            id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }
}
