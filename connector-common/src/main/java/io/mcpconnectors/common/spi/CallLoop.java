package io.mcpconnectors.common.spi;

import java.util.function.Supplier;

import jakarta.inject.Singleton;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;

/**
 * The event loop that stdio tool calls start on. A connector whose non-blocking client binds each connection to the
 * event loop it was opened from (the PostgreSQL pool does) opens and uses its connections from here ({@link #run}),
 * so a call's I/O runs on the thread the call already is on: every command handed to a connection from another
 * thread costs a queue and a wake-up of the connection's thread, and its answer the same on the way back.
 */
@Singleton
public class CallLoop {

    private final ContextInternal context;

    public CallLoop(Vertx vertx) {
        this.context = ((VertxInternal) vertx).createEventLoopContext();
    }

    /** Whether the current thread is this loop's. */
    public boolean inLoop() {
        return context.nettyEventLoop().inEventLoop();
    }

    /** Runs the task on the loop, later (also when called from the loop). */
    public void execute(Runnable task) {
        context.runOnContext(ignored -> task.run());
    }

    /**
     * Starts non-blocking work on the loop (at once when called there) and completes with its outcome; work that
     * throws fails the future.
     */
    public <T> Future<T> run(Supplier<Future<T>> work) {
        if (inLoop()) {
            return start(work);
        }
        Promise<T> outcome = Promise.promise();
        execute(() -> start(work).onComplete(outcome));
        return outcome.future();
    }

    private static <T> Future<T> start(Supplier<Future<T>> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
