package io.mcpconnectors.common.auth;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.quarkiverse.mcp.server.JsonRpcErrorCodes;
import io.quarkiverse.mcp.server.McpException;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;

/**
 * Holds the work an authenticated /mcp request starts (a tool call, a resource read, a prompt, a completion) within
 * the request's place in flight ({@link RequestPlace}) until that work ends: until its answer, failure, timeout or
 * cancellation, not until the HTTP exchange ends, which a caller can end at any time by hanging up. The MCP layer runs
 * each request's work with the request context active and the request's routing context as its current request, which
 * is where the place is found.
 * <p>
 * Only HTTP with callers' limits has places: elsewhere (stdio, no authentication) {@link #held(Function)} and
 * {@link #heldWhile(Function)} give back the handler they are given, so those transports do no extra work per call.
 */
@Singleton
public class InFlightWork {

    private static final Runnable NOTHING = () -> {
    };
    private static final ThreadLocal<Supplier<Runnable>> CURRENT = new ThreadLocal<>();

    private final boolean applies;
    private final CurrentVertxRequest current;

    public InFlightWork(ConnectorRuntimeConfig config, CurrentVertxRequest current) {
        this.applies = config.transport() == ConnectorRuntimeConfig.Transport.HTTP
                && config.auth().mode() != ConnectorRuntimeConfig.AuthMode.NONE;
        this.current = current;
    }

    /** A feature's asynchronous handler whose work holds its request's place ({@link #holding}); as is without places. */
    public <A, R> Function<A, Uni<R>> held(Function<A, Uni<R>> handler) {
        return applies ? args -> holding(() -> handler.apply(args)) : handler;
    }

    /** A feature's blocking handler whose work holds its request's place ({@link #holdingWhile}); as is without places. */
    public <A, R> Function<A, R> heldWhile(Function<A, R> handler) {
        return applies ? args -> holdingWhile(() -> handler.apply(args)) : handler;
    }

    /**
     * Asynchronous work, holding its request's place until the work's result, failure or cancellation, and until
     * every call thread it started ({@link #currentWork()}) has ended: a call answered at its timeout or cancelled
     * whose tool does not stop when interrupted keeps its place while it still runs.
     */
    public <T> Uni<T> holding(Supplier<Uni<T>> work) {
        RequestPlace place = currentPlace();
        Runnable release = place == null ? NOTHING : place.claim();
        if (release == null) {
            return Uni.createFrom().failure(refused(place));
        }
        Occupancy occupancy = new Occupancy(release);
        Uni<T> started;
        try {
            started = occupied(occupancy, work);
        } catch (RuntimeException | Error e) {
            occupancy.end();
            throw e;
        }
        return started.onTermination().invoke(occupancy::end);
    }

    /** Blocking work, holding its request's place until it returns or throws and the call threads it started ended. */
    public <T> T holdingWhile(Supplier<T> work) {
        RequestPlace place = currentPlace();
        Runnable release = place == null ? NOTHING : place.claim();
        if (release == null) {
            throw refused(place);
        }
        Occupancy occupancy = new Occupancy(release);
        try {
            return occupied(occupancy, work);
        } finally {
            occupancy.end();
        }
    }

    /**
     * What the work of the request being handled on this thread holds its place with: each call thread the work
     * starts takes a share ({@code get()}) and gives it back when the thread's task ends ({@code run()}, once); null
     * when the work holds no place (stdio, no authentication, work started outside a request's handler).
     */
    public static Supplier<Runnable> currentWork() {
        return CURRENT.get();
    }

    private static <T> T occupied(Occupancy occupancy, Supplier<T> work) {
        Supplier<Runnable> outer = CURRENT.get();
        CURRENT.set(occupancy);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /**
     * A place held by a request's work and by the call threads that work started: given back when the last of them
     * ends. A share taken after the place was given back holds nothing.
     */
    private static final class Occupancy implements Supplier<Runnable> {

        private final AtomicInteger holders = new AtomicInteger(1);
        private final Runnable release;

        Occupancy(Runnable release) {
            this.release = release;
        }

        @Override
        public Runnable get() {
            holders.incrementAndGet();
            AtomicBoolean ended = new AtomicBoolean();
            return () -> {
                if (ended.compareAndSet(false, true)) {
                    end();
                }
            };
        }

        void end() {
            if (holders.decrementAndGet() == 0) {
                // The request's release gives the place back once, however often it is run.
                release.run();
            }
        }
    }

    /** The place of the request whose work runs on this thread, or null when it has none. */
    private RequestPlace currentPlace() {
        if (!applies) {
            return null;
        }
        ManagedContext requests = Arc.container().requestContext();
        return requests.isActive() ? RequestPlace.of(current.getCurrent()) : null;
    }

    /** Work whose caller hung up before it started, and whose places are all taken meanwhile, does not start. */
    private static McpException refused(RequestPlace place) {
        CallerGuard.OverLimit over = place.refusal();
        return new McpException(over.message() + " Retry after " + over.retryAfterSeconds() + " s.",
                JsonRpcErrorCodes.INVALID_REQUEST);
    }
}
