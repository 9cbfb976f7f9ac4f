package io.mcpconnectors.postgres;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Runs work on a pooled connection inside a transaction. A read runs in {@code BEGIN READ ONLY} with a server-side
 * {@code statement_timeout} and is always rolled back (and the connection's session default is read-only too); a
 * write runs in a read-write transaction that commits only when the work succeeded. Either way the session is reset
 * before the connection goes back to the pool, so nothing a call did outlives it.
 *
 * <p>
 * With a mapped identity ({@code connector.identity.mode=mapped}) the transaction also runs {@code SET LOCAL ROLE}
 * to the caller's role and sets {@code mcp.principal} to the caller's principal, so the database's own privileges
 * and row-level security apply to the caller. After the work, the role and the principal are checked again: a
 * statement that changed either (the query guard refuses the ways it knows) gets no result, and a write is rolled
 * back.
 */
@ApplicationScoped
public class PostgresSessions {

    /** Work done on a connection inside the transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(SqlConnection connection) throws Exception;
    }

    static final String ACTING_AS = "SELECT current_user::text = $1 AND current_setting('mcp.principal', true)"
            + " IS NOT DISTINCT FROM $2";

    private static final String POOL_BUSY = "No database connection became free in time; the pool"
            + " (connector.postgres.pool.max-size) is busy. Try again.";

    private final PostgresPool pool;

    public PostgresSessions(PostgresPool pool) {
        this.pool = pool;
    }

    /** Reads for a tool call: waits for the connection and the result until the call's deadline. */
    public <T> T read(ToolCall call, Work<T> work) throws Exception {
        return inTransaction("BEGIN READ ONLY", call.caller(), call.remaining(), work, false);
    }

    /**
     * Reads outside a tool call (a resource read): waits as long as the pool waits for a free connection
     * ({@code connector.limits.timeout}).
     */
    public <T> T read(CallerIdentity caller, Work<T> work) throws Exception {
        return inTransaction("BEGIN READ ONLY", caller, pool.connectionWait(), work, false);
    }

    /** Non-blocking work on a connection inside the read-only transaction. */
    @FunctionalInterface
    public interface AsyncWork<T> {
        Future<T> run(SqlConnection connection);
    }

    /**
     * The non-blocking form of {@link #read}: the same read-only transaction, server-side timeout, rollback and
     * reset, with every step chained on the connection instead of a waiting thread.
     */
    public <T> Future<T> readAsync(CallerIdentity caller, AsyncWork<T> work) {
        return pool.run(connections -> readOnLoop(connections, caller, work));
    }

    private <T> Future<T> readOnLoop(Pool connections, CallerIdentity caller, AsyncWork<T> work) {
        return connections.getConnection()
                .recover(e -> Future.failedFuture(new ToolCallException(isPoolBusy(e) ? POOL_BUSY
                        : "Cannot reach PostgreSQL: " + PostgresErrors.describe(e))))
                .compose(connection -> {
                    Future<?> begun = begin(connection, "BEGIN READ ONLY", caller);
                    Future<T> done;
                    try {
                        done = work.run(connection).compose(result -> stillActingFor(connection, caller)
                                .map(result));
                    } catch (RuntimeException e) {
                        done = Future.failedFuture(e);
                    }
                    return done.transform(outcome -> {
                        release(connection);
                        if (begun.failed()) {
                            return Future.failedFuture(new ToolCallException("The transaction could not be started: "
                                    + PostgresErrors.describe(begun.cause())));
                        }
                        return outcome.succeeded() ? Future.succeededFuture(outcome.result())
                                : Future.failedFuture(outcome.cause());
                    });
                });
    }

    /** Writes for a tool call, committed only when the work succeeded, within the call's deadline. */
    public <T> T write(ToolCall call, Work<T> work) throws Exception {
        return inTransaction("BEGIN READ WRITE", call.caller(), call.remaining(), work, true);
    }

    private <T> T inTransaction(String begin, CallerIdentity caller, Duration wait, Work<T> work, boolean commit)
            throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        SqlConnection connection;
        try {
            connection = Blocking.await(pool.run(Pool::getConnection), wait);
        } catch (TimeoutException e) {
            throw new ToolCallException(POOL_BUSY);
        } catch (Exception e) {
            throw new ToolCallException(isPoolBusy(e) ? POOL_BUSY : "Cannot reach PostgreSQL: " + PostgresErrors.describe(e));
        }
        try {
            // The transaction and its server-side timeout go out pipelined ahead of the work: the connection
            // processes them first, and a connection's session default is already read-only and time-limited, so
            // nothing runs unguarded even if BEGIN were to fail (which is checked below).
            Future<?> begun = begin(connection, begin, caller);
            T result;
            try {
                result = work.run(connection);
            } finally {
                if (begun.failed()) {
                    throw new ToolCallException("The transaction could not be started: "
                            + PostgresErrors.describe(begun.cause()));
                }
            }
            Blocking.await(stillActingFor(connection, caller),
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (commit) {
                Blocking.await(connection.query("COMMIT").execute());
            }
            return result;
        } finally {
            release(connection);
        }
    }

    /**
     * Starts the transaction and, for a mapped identity, sets the caller's role and principal; all pipelined ahead
     * of the work, so nothing runs before them. The server-side timeout is the connection's own {@code
     * statement_timeout}, sent when it was opened ({@link PostgresPool}) with the same {@code
     * connector.limits.timeout} and restored by the reset after every call, so it is not set again per call (a SET
     * costs the server about a sixth of a point query's transaction).
     */
    private Future<?> begin(SqlConnection connection, String begin, CallerIdentity caller) {
        String start = begin;
        if (!caller.isMapped()) {
            return connection.query(start).execute();
        }
        // The principal is set by a SET statement as the login role, before the role switch: the mapped roles have
        // no use of set_config(), which is what keeps a query from changing either (checked at start).
        return connection.query(start + "; SET LOCAL mcp.principal = " + literal(caller.principal())
                + "; SET LOCAL ROLE " + identifier(caller.mapped())).execute();
    }

    /**
     * For a mapped identity, that the transaction still runs as the caller's role and principal after the work; a
     * statement that changed either has its result withheld (and its write rolled back).
     */
    private static Future<Void> stillActingFor(SqlConnection connection, CallerIdentity caller) {
        if (!caller.isMapped()) {
            return Future.succeededFuture();
        }
        return connection.preparedQuery(ACTING_AS).execute(Tuple.of(caller.mapped(), caller.principal()))
                .compose(rows -> Boolean.TRUE.equals(rows.iterator().next().getBoolean(0)) ? Future.succeededFuture()
                        : Future.failedFuture(new ToolCallException("Refused: the statement changed the role or the"
                                + " principal it runs as (" + caller.mapped() + " for " + caller.principal()
                                + "); its result is withheld and nothing it did is kept.")));
    }

    /**
     * A text as an escape string constant ({@code E'...'}), read the same whatever standard_conforming_strings says;
     * a principal is the caller's text, so it is escaped, never trusted.
     */
    static String literal(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new ToolCallException("Refused: the principal's name contains a NUL character.");
        }
        return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** A role name as a quoted SQL identifier: it is taken literally, whatever it contains. */
    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * Ends the transaction and resets the session, then returns the connection to the pool, without making the
     * caller wait: the connection is back in the pool only after the reset finished. The reset is {@code DISCARD
     * ALL} after every call, reads included: it undoes everything a session can keep past its transaction (settings,
     * the session user, cursors, prepared statements, LISTEN, advisory locks, temporary tables, cached plans). It runs
     * as its own message right behind the ROLLBACK (it cannot run inside a transaction block), pipelined, so the two
     * cost one round trip; measured with pgbench at 4 clients, it costs the server less than the list of statements
     * it stands for ({@code RESET ALL; CLOSE ALL; DEALLOCATE ALL; UNLISTEN *; SELECT pg_advisory_unlock_all()}),
     * whose function call is planned and executed every time.
     */
    private static void release(SqlConnection connection) {
        Future<?> rolledBack = connection.query("ROLLBACK").execute();
        Future<?> reset = connection.query("DISCARD ALL").execute();
        Future.join(rolledBack, reset).onComplete(r -> connection.close());
    }

    /** The pool's own wait for a free connection ran out (Vert.x reports it as a TimeoutException). */
    private static boolean isPoolBusy(Throwable e) {
        return e instanceof TimeoutException;
    }
}
