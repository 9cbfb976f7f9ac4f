package io.mcpconnectors.common.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.mcpconnectors.common.approval.ApprovalJournal;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Appends audit events to the store's hash chain from one writer thread, which fixes their order within this
 * process and writes whatever has queued up in one batch (one lock, one write). Events about reads are appended
 * in the background; events about writes and approvals are waited for, so nothing changes data before its record
 * is durable.
 */
// On every call's path: a singleton is injected as itself, with no client proxy to look it up on each use.
@Singleton
public class AuditChain implements ApprovalJournal {

    private static final Logger LOG = Logger.getLogger(AuditChain.class);
    private static final int MAX_BATCH = 256;

    /** A queued event: its JSON text as UTF-8 bytes, the bytes the chain hashes and writes. */
    private record Pending(byte[] event, boolean sync, CompletableFuture<Void> done) {
    }

    private static final Pending STOP = new Pending(null, false, null);

    private final StoreProvider stores;
    private final ObjectMapper json;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;

    public AuditChain(StoreProvider stores, ObjectMapper json) {
        this.stores = stores;
        this.json = json.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.INDENT_OUTPUT);
        this.writer = new Thread(this::writeBatches, "audit-chain");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Appends in the background; a failure is logged, never shown to the caller.
     *
     * @param sync whether to fsync the record (writes), or leave it to the OS (reads)
     */
    @Override
    public void record(Map<String, Object> event, boolean sync) {
        String text = text(event);
        if (text != null) {
            record(text, sync);
        }
    }

    /** The same, for an event already encoded as a JSON object. */
    public void record(String eventJson, boolean sync) {
        record(eventJson.getBytes(StandardCharsets.UTF_8), sync);
    }

    /** The same, for an event already encoded as a JSON object in UTF-8; the array is the chain's from now on. */
    public void record(byte[] eventUtf8, boolean sync) {
        queue.add(new Pending(eventUtf8, sync, null));
    }

    /** Appends and waits until the event is durable; throws {@link StoreException} when it could not be. */
    @Override
    public void recordDurably(Map<String, Object> event) {
        String text = text(event);
        if (text == null) {
            throw new StoreException("The audit event could not be encoded.");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending(text.getBytes(StandardCharsets.UTF_8), true, done));
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StoreException store ? store
                    : new StoreException("The audit event could not be appended.", e.getCause());
        } catch (TimeoutException e) {
            throw new StoreException("The audit store did not answer within 30 s.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while writing the audit event.", e);
        }
    }

    private void writeBatches() {
        List<Pending> batch = new ArrayList<>();
        boolean dirty = false;
        while (true) {
            Pending first;
            try {
                first = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null || first == STOP) {
                // Idle (or stopping) after records that were not made durable: make them so and move the head.
                if (dirty) {
                    checkpoint();
                    dirty = false;
                }
                if (first == STOP) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            // By identity: a record's equals would compare every queued event's text with it.
            boolean stop = batch.removeIf(pending -> pending == STOP);
            if (!batch.isEmpty()) {
                dirty = !write(batch);
            }
            batch.clear();
            if (stop) {
                if (dirty) {
                    checkpoint();
                }
                return;
            }
        }
    }

    private void checkpoint() {
        try {
            stores.store().checkpoint();
        } catch (RuntimeException e) {
            LOG.errorf("The audit chain could not be made durable: %s", e.getMessage());
        }
    }

    /** Appends a batch; returns whether it was made durable. */
    private boolean write(List<Pending> batch) {
        // Plain loops: this runs once per batch, and a batch is often a single record.
        List<byte[]> events = new ArrayList<>(batch.size());
        boolean sync = false;
        boolean waitedFor = false;
        for (Pending pending : batch) {
            events.add(pending.event());
            sync |= pending.sync();
            waitedFor |= pending.done() != null;
        }
        try {
            stores.store().appendEncoded(events, sync);
            if (waitedFor) {
                for (Pending pending : batch) {
                    if (pending.done() != null) {
                        pending.done().complete(null);
                    }
                }
            }
            return sync;
        } catch (RuntimeException e) {
            if (!waitedFor) {
                LOG.errorf("%d audit event(s) could not be appended to the chain: %s", batch.size(), e.getMessage());
            }
            for (Pending pending : batch) {
                if (pending.done() != null) {
                    pending.done().completeExceptionally(e);
                }
            }
            return true;
        }
    }

    private String text(Map<String, Object> event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            LOG.errorf("An audit event of type %s could not be encoded", event.get("type"));
            return null;
        }
    }

    /**
     * Writes what is queued before the application's beans (the store among them) are destroyed: Quarkus fires
     * the shutdown event first, so the last batch and its checkpoint still find the store open.
     */
    void onShutdown(@Observes ShutdownEvent event) throws InterruptedException {
        drain();
    }

    @PreDestroy
    synchronized void drain() throws InterruptedException {
        if (writer.isAlive()) {
            queue.add(STOP);
            writer.join(10_000);
        }
    }
}
