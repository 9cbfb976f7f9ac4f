package io.mcpconnectors.common.auth;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.vertx.ext.web.RoutingContext;

/**
 * One authenticated /mcp request's place among its caller's requests in flight
 * ({@code connector.http.concurrent-requests}), kept on the request's routing context. The HTTP exchange gives it
 * back when it ends, unless the work the request started (a tool call, a read, a prompt) claimed it first: then that
 * work gives it back when it ends, so a caller who hangs up does not get its place back while its call still runs.
 * Either way it is given back exactly once.
 * <p>
 * A message that starts no work (a notification, such as {@code notifications/cancelled}, or the caller's answer to a
 * request of the server's, such as an elicitation) is admitted while all of its caller's places are taken, so a caller
 * can always cancel or answer its own running calls: such a request holds no place ({@link #holdsPlace()}), and the
 * body check refuses it unless its message is one of those.
 */
public final class RequestPlace {

    private static final String KEY = RequestPlace.class.getName();
    private static final Runnable NOTHING = () -> {
    };
    private static final int OPEN = 0;
    private static final int CLAIMED = 1;
    private static final int ENDED = 2;

    private final AtomicInteger state;
    private final Runnable release;
    private final Supplier<Runnable> another;
    private final CallerGuard.OverLimit refusal;

    /**
     * A place taken for a request: {@code release} gives it back; {@code another} takes a new one for the same caller
     * (null when all are taken); {@code refusal} says why work is refused when there is none.
     */
    RequestPlace(Runnable release, Supplier<Runnable> another, CallerGuard.OverLimit refusal) {
        this.state = new AtomicInteger(OPEN);
        this.release = release;
        this.another = another;
        this.refusal = refusal;
    }

    /**
     * A request admitted while all of its caller's places were taken: it holds none, gives none back, and work it
     * started anyway would need a place free by then ({@code another}), as work whose caller hung up does.
     */
    static RequestPlace none(Supplier<Runnable> another, CallerGuard.OverLimit refusal) {
        return new RequestPlace(another, refusal);
    }

    private RequestPlace(Supplier<Runnable> another, CallerGuard.OverLimit refusal) {
        this.state = new AtomicInteger(ENDED);
        this.release = null;
        this.another = another;
        this.refusal = refusal;
    }

    /** Whether the request holds a place of its own; one that holds none may only carry a message that starts no work. */
    public boolean holdsPlace() {
        return release != null;
    }

    /** The place of the request a routing context serves, or null when its caller has no limits here. */
    public static RequestPlace of(RoutingContext context) {
        return context == null ? null : context.get(KEY);
    }

    void attach(RoutingContext context) {
        context.put(KEY, this);
    }

    /** The exchange ended (answered, failed or hung up): the place goes back, unless work claimed it. */
    void exchangeEnded() {
        if (state.compareAndSet(OPEN, ENDED)) {
            release.run();
        }
    }

    /**
     * Claims the place for the work the request starts: what gives it back when that work ends (running it again does
     * nothing). Work that starts after its caller hung up (the exchange already gave the place back) takes a new
     * place if the caller has one free, and gets null otherwise: it must not start. So does work of a request that holds
     * no place. A request's second piece of work runs within the place its first one claimed.
     */
    public Runnable claim() {
        if (state.compareAndSet(OPEN, CLAIMED)) {
            return release;
        }
        return state.get() == CLAIMED ? NOTHING : another.get();
    }

    /** Why work is refused when {@link #claim()} found no place for it. */
    public CallerGuard.OverLimit refusal() {
        return refusal;
    }
}
