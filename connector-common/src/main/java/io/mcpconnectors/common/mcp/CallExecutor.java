package io.mcpconnectors.common.mcp;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;

/**
 * Runs tool work on its own threads so a call that overruns {@code connector.limits.timeout} can be abandoned
 * and interrupted while the caller gets its answer on time.
 */
@ApplicationScoped
public class CallExecutor {

    private final ExecutorService executor;
    private final Duration timeout;

    public CallExecutor(ConnectorRuntimeConfig config) {
        this.timeout = config.limits().timeout();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "connector-call-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newCachedThreadPool(threads);
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Runs the work within the timeout.
     *
     * @throws TimeoutException when it overran; the work has been interrupted
     * @throws Exception what the work threw
     */
    public <T> T run(Callable<T> work) throws Exception {
        Future<T> future = executor.submit(work);
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }
}
