package io.mcpconnectors.common.mcp;

import java.util.Locale;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.spi.CallReport;
import io.quarkiverse.mcp.server.McpLog;
import io.quarkiverse.mcp.server.Progress;
import io.quarkiverse.mcp.server.ProgressNotification;

/**
 * A call's reports as MCP notifications: {@code notifications/progress} with the client's progress token, and
 * {@code notifications/message} through the session's log (which drops what is below the client's level). Both
 * are sent without waiting; a notification that cannot be sent is not the call's failure.
 */
final class McpCallReport implements CallReport {

    private static final Logger LOG = Logger.getLogger(McpCallReport.class);
    private static final long MIN_INTERVAL_NANOS = 100_000_000L;

    private final Progress progress;
    private final McpLog log;
    private final KnownSecrets secrets;
    private long lastSent;
    private long lastDone = -1;

    private McpCallReport(Progress progress, McpLog log, KnownSecrets secrets) {
        this.progress = progress;
        this.log = log;
        this.secrets = secrets;
    }

    /** The report of a request, or {@link CallReport#NONE} when the client can receive neither. */
    static CallReport of(Progress progress, McpLog log, KnownSecrets secrets) {
        boolean tracked = progress != null && progress.token().isPresent();
        return tracked || log != null ? new McpCallReport(tracked ? progress : null, log, secrets) : NONE;
    }

    @Override
    public synchronized void progress(long done, long total, String message) {
        if (progress == null || done <= lastDone) {
            return;
        }
        long now = System.nanoTime();
        boolean last = total >= 0 && done >= total;
        if (!last && lastDone >= 0 && now - lastSent < MIN_INTERVAL_NANOS) {
            return;
        }
        lastSent = now;
        lastDone = done;
        try {
            ProgressNotification.Builder notification = progress.notificationBuilder().setProgress(done);
            if (total >= 0) {
                notification.setTotal(total);
            }
            Optional.ofNullable(message).map(secrets::scrubMessage).ifPresent(notification::setMessage);
            notification.build().sendAndForget();
        } catch (RuntimeException e) {
            LOG.debugf("A progress notification could not be sent: %s", e.getMessage());
        }
    }

    @Override
    public void log(Level level, String message) {
        if (log == null || message == null) {
            return;
        }
        try {
            log.send(McpLog.LogLevel.valueOf(level.name().toUpperCase(Locale.ROOT)), secrets.scrubMessage(message));
        } catch (RuntimeException e) {
            LOG.debugf("A log notification could not be sent: %s", e.getMessage());
        }
    }
}
