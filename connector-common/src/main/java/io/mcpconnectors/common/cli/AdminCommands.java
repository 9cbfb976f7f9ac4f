package io.mcpconnectors.common.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.mcpconnectors.common.approval.Approval;
import io.mcpconnectors.common.approval.ApprovalService;
import io.mcpconnectors.common.auth.Callers;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.store.ChainVerification;
import io.mcpconnectors.common.store.StoreException;
import io.mcpconnectors.common.store.StoreProvider;
import io.quarkus.arc.Unremovable;

/**
 * The admin command: {@code approvals list|show|approve|deny} and {@code audit verify}, run against the same store
 * the connector uses. The approver is the local OS user, recorded as {@code local:<user>}.
 */
// Looked up by the admin command, not injected: keep it when the build removes unused beans.
@Unremovable
@ApplicationScoped
public class AdminCommands {

    static final String USAGE = """
            usage:
              approvals list [--all]                  pending approvals (--all: every one)
              approvals show <id>                     one approval: arguments, preview, decision, outcome
              approvals approve <id> [--reason TEXT]  let the requester run exactly that call once
              approvals deny <id> [--reason TEXT]     refuse it
              audit verify                            check the audit chain for edited or deleted records""";

    private final ApprovalService approvals;
    private final StoreProvider stores;
    private final ObjectMapper pretty;

    public AdminCommands(ApprovalService approvals, StoreProvider stores, ObjectMapper json) {
        this.approvals = approvals;
        this.stores = stores;
        this.pretty = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Runs one command; returns the exit code: 0 done, 1 refused or failed, 2 usage error. */
    public int execute(List<String> args, PrintStream out, PrintStream err) {
        try {
            return dispatch(new ArrayList<>(args), out, err);
        } catch (ToolCallException e) {
            err.println(e.getMessage());
            return 1;
        } catch (StoreException e) {
            err.println("The store cannot be used: " + e.getMessage());
            return 1;
        }
    }

    private int dispatch(List<String> args, PrintStream out, PrintStream err) {
        String group = args.isEmpty() ? "" : args.remove(0);
        String verb = args.isEmpty() ? "" : args.remove(0);
        String reason = option(args, "--reason");
        boolean all = args.remove("--all");
        switch (group + " " + verb) {
            case "approvals list" -> {
                list(all, out);
                return 0;
            }
            case "approvals show", "approvals approve", "approvals deny" -> {
                if (args.size() != 1) {
                    err.println("approvals " + verb + " needs exactly one approval id.\n" + USAGE);
                    return 2;
                }
                String id = args.get(0);
                if (verb.equals("show")) {
                    Approval approval = approvals.find(id).orElseThrow(() -> new ToolCallException(
                            "No approval " + id + " exists for this connector."));
                    show(approval, out);
                } else {
                    Approval decided = approvals.decide(id, verb.equals("approve"), Callers.localUser(), reason);
                    out.println("Approval " + id + " " + decided.status().label() + " by " + decided.decidedBy()
                            + ". " + (verb.equals("approve") ? decided.principal() + " may now re-submit the "
                                    + decided.tool() + " call with this approval_id, once, until "
                                    + decided.expiresAt() + "." : "The call will not run."));
                }
                return 0;
            }
            case "audit verify" -> {
                ChainVerification result = stores.store().verify();
                if (result.intact()) {
                    out.println("Audit chain intact: " + result.records() + " records in the "
                            + stores.store().describe() + ". Head: #" + result.headSeq() + " " + result.headHash());
                    return 0;
                }
                out.println("Audit chain BROKEN in the " + stores.store().describe() + ": " + result.problem()
                        + ". Records up to #" + result.headSeq() + " are intact.");
                return 1;
            }
            default -> {
                err.println(USAGE);
                return 2;
            }
        }
    }

    private void list(boolean all, PrintStream out) {
        Instant now = approvals.now();
        List<Approval> shown = approvals.list().stream()
                .filter(a -> all || a.displayStatus(now).equals("pending")).toList();
        if (shown.isEmpty()) {
            out.println(all ? "No approvals." : "No pending approvals.");
            return;
        }
        out.printf("%-24s %-9s %-20s %-24s %s%n", "ID", "STATUS", "TOOL", "REQUESTED BY", "EXPIRES");
        for (Approval a : shown) {
            out.printf("%-24s %-9s %-20s %-24s %s%n", a.id(), a.displayStatus(now), a.tool(), a.principal(),
                    a.expiresAt());
        }
    }

    private void show(Approval a, PrintStream out) {
        Instant now = approvals.now();
        out.println("Approval " + a.id() + " (" + a.displayStatus(now) + ")");
        out.println("  connector:    " + a.connector());
        out.println("  tool:         " + a.tool() + " (" + a.access().toLowerCase(Locale.ROOT) + ")");
        out.println("  requested by: " + a.principal() + " at " + a.createdAt());
        out.println("  expires:      " + a.expiresAt());
        if (a.decidedBy() != null) {
            out.println("  decided by:   " + a.decidedBy() + " at " + a.decidedAt()
                    + (a.reason() == null ? "" : " (" + a.reason() + ")"));
        }
        if (a.finishedAt() != null) {
            out.println("  finished:     " + a.finishedAt() + ": " + a.outcome());
        }
        out.println("  arguments:");
        try {
            pretty.writeValueAsString(a.arguments()).lines().forEach(line -> out.println("    " + line));
        } catch (JsonProcessingException e) {
            out.println("    " + a.arguments());
        }
        if (a.preview() != null) {
            out.println("  what will happen (as of the request):");
            a.preview().lines().forEach(line -> out.println("    " + line));
        }
    }

    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        if (at < 0) {
            return null;
        }
        args.remove(at);
        return at < args.size() ? args.remove(at) : "";
    }
}
