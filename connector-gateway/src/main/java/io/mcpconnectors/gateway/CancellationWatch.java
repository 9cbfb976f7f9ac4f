package io.mcpconnectors.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkiverse.mcp.server.Cancellation;

/**
 * Notices downstream cancellations of forwarded requests. The MCP server library records a client's
 * {@code notifications/cancelled} for the request to look up, rather than interrupting it, so the requests in flight
 * are looked at every {@link #PERIOD_MS} ms; a cancelled one is ended at once, which tells its upstream.
 */
@ApplicationScoped
public class CancellationWatch {

    static final long PERIOD_MS = 100;

    private final Map<Object, Entry> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "gateway-cancellation-watch");
        thread.setDaemon(true);
        return thread;
    });

    private record Entry(Cancellation cancellation, Runnable onCancel) {
    }

    public CancellationWatch() {
        ticker.scheduleWithFixedDelay(this::check, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code onCancel} once if the downstream caller cancels; stop watching with {@link #forget}. */
    void watch(Object key, Cancellation cancellation, Runnable onCancel) {
        if (cancellation != null) {
            watched.put(key, new Entry(cancellation, onCancel));
        }
    }

    void forget(Object key) {
        watched.remove(key);
    }

    private void check() {
        watched.forEach((key, entry) -> {
            try {
                if (entry.cancellation().check().isRequested() && watched.remove(key) != null) {
                    entry.onCancel().run();
                }
            } catch (RuntimeException e) {
                // The request's connection is gone; it cannot be cancelled any more.
                watched.remove(key);
            }
        });
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }
}
