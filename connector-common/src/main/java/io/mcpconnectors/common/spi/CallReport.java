package io.mcpconnectors.common.spi;

/**
 * What a tool tells the client while it runs: progress on a long call (sent only when the client asked for it with
 * a progress token), and log messages (sent only at or above the level the client set with
 * {@code logging/setLevel}). Both are free to call when nobody listens. Text is scrubbed of the connector's secrets
 * before it leaves, like every result.
 */
public interface CallReport {

    /** Severity of a log message, as MCP names them. */
    enum Level {
        DEBUG,
        INFO,
        NOTICE,
        WARNING,
        ERROR
    }

    /** Nobody listens: calls outside a client's request (tests, admin commands). */
    CallReport NONE = new CallReport() {
        @Override
        public void progress(long done, long total, String message) {
        }

        @Override
        public void log(Level level, String message) {
        }
    };

    /**
     * How far the call has come. Reports closer together than a tenth of a second are dropped, except the last one
     * ({@code done == total}), so a tool may report as often as it likes.
     *
     * @param done work done so far (items, rows, pages), increasing
     * @param total the whole, or -1 when not known
     * @param message a short line for the user, or null
     */
    void progress(long done, long total, String message);

    /** A message for the client's log. */
    void log(Level level, String message);
}
