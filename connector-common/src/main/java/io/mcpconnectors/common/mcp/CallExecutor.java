package io.mcpconnectors.common.mcp;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.mcpconnectors.common.auth.InFlightWork;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;

/**
 * Runs tool work on its own threads so a call that overruns {@code connector.limits.timeout} is answered on time,
 * and a call the client cancels ({@code notifications/cancelled}) stops: a watchdog fails the call's future at its
 * deadline, or when its cancellation is requested, and interrupts the work. The watchdog checks the calls in flight
 * every {@link #WATCHDOG_PERIOD_MS} ms, so no call pays for a timer of its own.
 */
// On every call's path: a singleton is injected as itself, with no client proxy to look it up on each use.
@Singleton
public class CallExecutor {

    static final long WATCHDOG_PERIOD_MS = 50;

    private final ExecutorService executor;
    private final Duration timeout;
    private final Map<CompletableFuture<?>, InFlight> inFlight = new ConcurrentHashMap<>();
    private final Thread watchdog;

    public CallExecutor(ConnectorRuntimeConfig config) {
        this.timeout = config.limits().timeout();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "connector-call-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newCachedThreadPool(threads);
        this.watchdog = new Thread(this::watch, "connector-call-watchdog");
        this.watchdog.setDaemon(true);
        this.watchdog.start();
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Starts the work. The future completes with its result, with what it threw, or with a
     * {@link TimeoutException} at the deadline (the work is then interrupted).
     */
    public <T> CompletableFuture<T> submit(Callable<T> work) {
        return submit(work, NEVER);
    }

    /*
     * Every task holds a share of the caller's place in flight, when the work it belongs to holds one
     * (InFlightWork, authenticated HTTP), until the task's thread is done with it: a call answered at its deadline or
     * cancelled whose work does not stop when interrupted still counts against its caller's concurrent requests.
     */

    /**
     * The same, for a call the client may cancel: when {@code cancelled} says so, the future completes with a
     * {@link CancellationException} and the work is interrupted.
     */
    public <T> CompletableFuture<T> submit(Callable<T> work, BooleanSupplier cancelled) {
        return submit(work, cancelled, System.nanoTime() + timeout.toNanos());
    }

    /** The same, for work that ends at the call's own {@code deadline}. */
    public <T> CompletableFuture<T> submit(Callable<T> work, BooleanSupplier cancelled, Instant deadline) {
        return submit(work, cancelled, nanoTime(deadline), InFlightWork.currentWork());
    }

    /**
     * The same, for work that holds its caller's place with {@code place} ({@link InFlightWork#currentWork()} taken
     * where the call began, since this may run on another thread): the task keeps a share of it until it ends.
     */
    public <T> CompletableFuture<T> submit(Callable<T> work, BooleanSupplier cancelled, Instant deadline,
            Supplier<Runnable> place) {
        return submit(work, cancelled, nanoTime(deadline), place);
    }

    private <T> CompletableFuture<T> submit(Callable<T> work, BooleanSupplier cancelled, long deadline) {
        return submit(work, cancelled, deadline, InFlightWork.currentWork());
    }

    private <T> CompletableFuture<T> submit(Callable<T> work, BooleanSupplier cancelled, long deadline,
            Supplier<Runnable> place) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable share = place == null ? null : place.get();
        Future<?> task;
        try {
            task = executor.submit(() -> {
                try {
                    result.complete(work.call());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                } finally {
                    if (share != null) {
                        share.run();
                    }
                }
            });
        } catch (RuntimeException e) {
            if (share != null) {
                share.run();
            }
            throw e;
        }
        inFlight.put(result, new InFlight(task, deadline, cancelled));
        result.whenComplete((r, t) -> inFlight.remove(result));
        return result;
    }

    /**
     * Watches work that runs elsewhere (non-blocking): the returned future completes with the stage, or with a
     * {@link TimeoutException} at the deadline. There is no thread to interrupt.
     */
    public <T> CompletableFuture<T> watch(CompletionStage<T> stage, BooleanSupplier cancelled) {
        return watch(stage, cancelled, System.nanoTime() + timeout.toNanos());
    }

    /** The same, for work that ends at the call's own {@code deadline}. */
    public <T> CompletableFuture<T> watch(CompletionStage<T> stage, BooleanSupplier cancelled, Instant deadline) {
        return watch(stage, cancelled, nanoTime(deadline));
    }

    private <T> CompletableFuture<T> watch(CompletionStage<T> stage, BooleanSupplier cancelled, long deadline) {
        CompletableFuture<T> result = new CompletableFuture<>();
        inFlight.put(result, new InFlight(null, deadline, cancelled));
        result.whenComplete((r, t) -> inFlight.remove(result));
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        });
        return result;
    }

    /** Runs the work and waits for it, within the timeout. */
    public <T> T run(Callable<T> work) throws Exception {
        try {
            return submit(work).get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /** A wall-clock deadline on the monotonic clock the watchdog reads. */
    private static long nanoTime(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return System.nanoTime() + (left.isNegative() ? 0 : left.toNanos());
    }

    private void watch() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(WATCHDOG_PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            inFlight.forEach((future, call) -> {
                Throwable end = now - call.deadline() >= 0 ? new TimeoutException()
                        : cancelRequested(call) ? new CancellationException("cancelled by the client") : null;
                if (end != null && future.completeExceptionally(end) && call.task() != null) {
                    call.task().cancel(true);
                }
            });
        }
    }

    private static boolean cancelRequested(InFlight call) {
        try {
            return call.cancelled().getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static final BooleanSupplier NEVER = () -> false;

    private record InFlight(Future<?> task, long deadline, BooleanSupplier cancelled) {
    }

    @PreDestroy
    void shutdown() {
        watchdog.interrupt();
        executor.shutdownNow();
    }
}
