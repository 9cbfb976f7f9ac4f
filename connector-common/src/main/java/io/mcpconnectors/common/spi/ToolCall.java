package io.mcpconnectors.common.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * One call as a tool sees it.
 *
 * @param arguments the validated arguments
 * @param limits the caps that apply
 * @param session the MCP session (connection) id
 * @param clientRoots the roots the client offered, fetched on first use; empty when it offers none
 * @param caller who calls, and the data-source identity the call runs with
 * @param report progress and log messages for the client while the call runs
 * @param client what the tool may ask of the client while it runs (a completion from its model, an answer from
 *        its user)
 * @param deadline when the call's time ({@code connector.limits.timeout}) runs out: counted from the call's arrival
 *        for a read tool, from the moment the tool starts for a write or admin tool (after its approval); the
 *        runtime ends the call then, and a tool bounds its waits and its server-side limits by {@link #remaining()}
 */
public record ToolCall(ToolArguments arguments, CallLimits limits, String session,
        Supplier<List<ClientRoot>> clientRoots, CallerIdentity caller, CallReport report, CallClient client,
        Instant deadline) {

    /** The time a call built without a deadline has (tests, admin commands): the usual upper bound of a call. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** A call whose deadline is {@link #DEFAULT_TIMEOUT} from now. */
    public ToolCall(ToolArguments arguments, CallLimits limits, String session,
            Supplier<List<ClientRoot>> clientRoots, CallerIdentity caller, CallReport report, CallClient client) {
        this(arguments, limits, session, clientRoots, caller, report, client, Instant.now().plus(DEFAULT_TIMEOUT));
    }

    /** A call whose client can be sent reports but not asked anything. */
    public ToolCall(ToolArguments arguments, CallLimits limits, String session,
            Supplier<List<ClientRoot>> clientRoots, CallerIdentity caller, CallReport report) {
        this(arguments, limits, session, clientRoots, caller, report, CallClient.NONE);
    }

    /** A call nobody watches (no progress, no log messages). */
    public ToolCall(ToolArguments arguments, CallLimits limits, String session,
            Supplier<List<ClientRoot>> clientRoots, CallerIdentity caller) {
        this(arguments, limits, session, clientRoots, caller, CallReport.NONE, CallClient.NONE);
    }

    /** Who calls: the authenticated principal, {@code local:<user>} on stdio, or {@code anonymous}. */
    public String principal() {
        return caller.principal();
    }

    /** A collector that stops at the item and byte caps of this call. */
    public CappedCollector collector() {
        return new CappedCollector(limits);
    }

    /** An argument's value, read through its handle (see {@link ToolArguments#get(Arg)}). */
    public <T> T get(Arg<T> arg) {
        return arguments.get(arg);
    }

    /** What is left of the call's time; zero once the deadline has passed. */
    public Duration remaining() {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
