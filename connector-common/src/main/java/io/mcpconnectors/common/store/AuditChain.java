package io.mcpconnectors.common.store;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Appends audit events to the store's hash chain from one writer thread, which fixes their order within this
 * process. Events about reads are appended in the background; events about writes and approvals are waited for,
 * so nothing changes data before its record is durable.
 */
@ApplicationScoped
public class AuditChain {

    private static final Logger LOG = Logger.getLogger(AuditChain.class);

    private final StoreProvider stores;
    private final ObjectMapper json;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "audit-chain");
        thread.setDaemon(true);
        return thread;
    });

    public AuditChain(StoreProvider stores, ObjectMapper json) {
        this.stores = stores;
        this.json = json.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * Appends in the background; a failure is logged, never shown to the caller.
     *
     * @param sync whether to fsync the record (writes), or leave it to the OS (reads)
     */
    public void record(Map<String, Object> event, boolean sync) {
        String text = text(event);
        if (text == null) {
            return;
        }
        writer.execute(() -> {
            try {
                stores.store().append(text, sync);
            } catch (RuntimeException e) {
                LOG.errorf("An audit event could not be appended to the chain: %s", e.getMessage());
            }
        });
    }

    /** Appends and waits until the event is durable; throws {@link StoreException} when it could not be. */
    public void recordDurably(Map<String, Object> event) {
        String text = text(event);
        if (text == null) {
            throw new StoreException("The audit event could not be encoded.");
        }
        Future<?> done = writer.submit(() -> stores.store().append(text, true));
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

    private String text(Map<String, Object> event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            LOG.errorf("An audit event of type %s could not be encoded", event.get("type"));
            return null;
        }
    }

    @PreDestroy
    void drain() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(10, TimeUnit.SECONDS);
    }
}
