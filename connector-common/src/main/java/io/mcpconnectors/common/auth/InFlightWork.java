package io.mcpconnectors.common.auth;

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

    /** Asynchronous work, holding its request's place until the work's result, failure or cancellation. */
    public <T> Uni<T> holding(Supplier<Uni<T>> work) {
        RequestPlace place = currentPlace();
        Runnable release = place == null ? NOTHING : place.claim();
        if (release == null) {
            return Uni.createFrom().failure(refused(place));
        }
        Uni<T> started;
        try {
            started = work.get();
        } catch (RuntimeException | Error e) {
            release.run();
            throw e;
        }
        return started.onTermination().invoke(release);
    }

    /** Blocking work, holding its request's place until it returns or throws. */
    public <T> T holdingWhile(Supplier<T> work) {
        RequestPlace place = currentPlace();
        Runnable release = place == null ? NOTHING : place.claim();
        if (release == null) {
            throw refused(place);
        }
        try {
            return work.get();
        } finally {
            release.run();
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
