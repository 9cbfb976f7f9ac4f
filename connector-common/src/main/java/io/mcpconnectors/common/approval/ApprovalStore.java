package io.mcpconnectors.common.approval;

import java.util.List;
import java.util.Optional;

/**
 * Where approvals are kept. Every method returns only once its change is durable (fsync'd, or committed);
 * failures throw an unchecked exception whose message is safe to show.
 */
public interface ApprovalStore {

    /** Stores a new approval. */
    void create(Approval approval);

    Optional<Approval> find(String id);

    /** All approvals, oldest first. */
    List<Approval> list();

    /**
     * Replaces an approval only if its stored status is still {@code expected}: the one atomic step that makes a
     * decision or a claim happen once even when two processes race.
     *
     * @return whether the replacement happened
     */
    boolean replace(ApprovalStatus expected, Approval updated);

    /** Where the store is, for messages (never with credentials). */
    String describe();
}
