package io.mcpconnectors.common.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.mcpconnectors.common.approval.ApprovalStore;

/**
 * The durable state of a connector: approvals, and the hash-chained audit events. Every method returns only once
 * its change is durable (fsync'd, or committed), except {@link #append} with {@code durable=false}, which survives
 * the process being killed but not the machine losing power. Failures throw {@link StoreException}.
 */
public interface ConnectorStore extends ApprovalStore {

    /** Appends audit events (their exact JSON texts), in this order, to the chain. */
    void append(List<String> eventsJson, boolean durable);

    /** Appends one audit event (its exact JSON text) to the chain. */
    default void append(String eventJson, boolean durable) {
        append(List.of(eventJson), durable);
    }

    /**
     * Appends audit events given as the UTF-8 bytes of their JSON texts, in this order: the chain holds the same
     * texts as {@link #append(List, boolean)} would. A store that writes bytes can hash and write them without
     * decoding them first.
     */
    default void appendEncoded(List<byte[]> eventsUtf8, boolean durable) {
        List<String> texts = new ArrayList<>(eventsUtf8.size());
        for (byte[] event : eventsUtf8) {
            texts.add(new String(event, StandardCharsets.UTF_8));
        }
        append(texts, durable);
    }

    /**
     * Makes every appended record durable and moves the chain's head to the last one. Called by the audit writer
     * when it is idle after appends that were not durable.
     */
    default void checkpoint() {
    }

    /** Walks the whole chain and reports the first record that was edited, deleted or re-ordered. */
    ChainVerification verify();
}
