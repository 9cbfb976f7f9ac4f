package io.mcpconnectors.common.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.approval.Approval;
import io.mcpconnectors.common.approval.ApprovalStatus;

/** What every store must do, run against each one. */
abstract class ConnectorStoreContract {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** A store over the same data as every other store this test opens (a restart opens a new one). */
    abstract ConnectorStore open();

    /** Replaces the text of a chain record's event, as someone editing the store by hand would. */
    abstract void editEvent(long seq, String newEvent) throws Exception;

    abstract void deleteRecord(long seq) throws Exception;

    /** Starts the chain over (each chain test needs its own). */
    abstract void clearChain() throws Exception;

    static Approval pending(String id) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new Approval(id, "testkit", "touch", "WRITE", "alice", "a".repeat(64), Map.of("note", "x"),
                "preview", ApprovalStatus.PENDING, now, now.plusSeconds(3600), null, null, null, null, null);
    }

    @Test
    void approvalsAndTheirDecisionsSurviveARestart() {
        String id = "apr_" + UUID.randomUUID();
        ConnectorStore store = open();
        store.create(pending(id));
        Approval approved = pending(id).decided(ApprovalStatus.APPROVED, "carol", Instant.now(), "fine");
        assertTrue(store.replace(ApprovalStatus.PENDING, approved));
        assertTrue(store.replace(ApprovalStatus.APPROVED, approved.claimed()));
        close(store);

        Approval reread = open().find(id).orElseThrow();
        assertEquals(ApprovalStatus.EXECUTING, reread.status());
        assertEquals("carol", reread.decidedBy());
        assertEquals(Map.of("note", "x"), reread.arguments());
        assertEquals("a".repeat(64), reread.argumentsHash());
    }

    @Test
    void aStatusChangeHappensOnceWhenTwoRace() {
        String id = "apr_" + UUID.randomUUID();
        ConnectorStore first = open();
        first.create(pending(id));
        Approval approved = pending(id).decided(ApprovalStatus.APPROVED, "carol", Instant.now(), null);
        Approval denied = pending(id).decided(ApprovalStatus.DENIED, "dave", Instant.now(), null);
        assertTrue(first.replace(ApprovalStatus.PENDING, approved));
        assertFalse(open().replace(ApprovalStatus.PENDING, denied), "the second decision must lose");
        assertTrue(first.replace(ApprovalStatus.APPROVED, approved.claimed()));
        assertFalse(first.replace(ApprovalStatus.APPROVED, approved.claimed()), "an approval is claimed once");
        assertEquals(ApprovalStatus.EXECUTING, open().find(id).orElseThrow().status());
    }

    @Test
    void aDuplicateIdIsRefused() {
        String id = "apr_" + UUID.randomUUID();
        ConnectorStore store = open();
        store.create(pending(id));
        assertThrows(StoreException.class, () -> store.create(pending(id)));
    }

    @Test
    void anUntouchedChainVerifies() throws Exception {
        clearChain();
        ConnectorStore store = open();
        for (int i = 1; i <= 5; i++) {
            store.append("{\"type\":\"tool_call\",\"n\":" + i + "}", i % 2 == 0);
        }
        ChainVerification result = open().verify();
        assertTrue(result.intact(), result.problem());
        assertEquals(5, result.records());
        assertEquals(5, result.headSeq());
    }

    @Test
    void anEditedRecordIsDetected() throws Exception {
        clearChain();
        ConnectorStore store = open();
        for (int i = 1; i <= 4; i++) {
            store.append("{\"type\":\"approval_approved\",\"n\":" + i + "}", true);
        }
        close(store);
        editEvent(2, "{\"type\":\"approval_denied\",\"n\":2}");
        ChainVerification result = open().verify();
        assertFalse(result.intact());
        assertTrue(result.problem().contains("record #2 was edited"), result.problem());
        assertEquals(1, result.headSeq());
    }

    @Test
    void aDeletedRecordIsDetected() throws Exception {
        clearChain();
        ConnectorStore store = open();
        for (int i = 1; i <= 4; i++) {
            store.append("{\"n\":" + i + "}", true);
        }
        close(store);
        deleteRecord(3);
        ChainVerification result = open().verify();
        assertFalse(result.intact());
        assertTrue(result.problem().contains("record #3 is missing"), result.problem());
    }

    @Test
    void aDeletedLastRecordIsDetected() throws Exception {
        clearChain();
        ConnectorStore store = open();
        for (int i = 1; i <= 3; i++) {
            store.append("{\"n\":" + i + "}", true);
        }
        close(store);
        deleteRecord(3);
        ChainVerification result = open().verify();
        assertFalse(result.intact());
        assertTrue(result.problem().contains("head names record #3"), result.problem());
    }

    @Test
    void twoWritersKeepOneChain() throws Exception {
        clearChain();
        ConnectorStore connector = open();
        ConnectorStore adminCommand = open();
        for (int i = 0; i < 10; i++) {
            (i % 3 == 0 ? adminCommand : connector).append("{\"n\":" + i + "}", false);
        }
        // What the connector's audit writer does when it falls idle after records that were not made durable.
        connector.checkpoint();
        ChainVerification result = open().verify();
        assertTrue(result.intact(), result.problem());
        assertEquals(10, result.records());
    }

    void close(ConnectorStore store) {
        if (store instanceof FileStore file) {
            file.close();
        }
    }
}
