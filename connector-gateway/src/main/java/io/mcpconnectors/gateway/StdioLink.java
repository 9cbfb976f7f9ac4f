package io.mcpconnectors.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntConsumer;

import io.mcpconnectors.common.auth.SessionPrincipals;
import io.modelcontextprotocol.json.McpJsonMapper;

/**
 * A connector the gateway spawns and speaks to over stdio: one process and one MCP session that every caller's
 * requests share. The connector acts with its own configured identity (user-bound access needs an HTTP upstream).
 */
final class StdioLink implements UpstreamLink {

    private final ChildProcessTransport transport;
    private final UpstreamSession session;
    private final Duration timeout;

    /** @param directory the connector's own working directory */
    StdioLink(UpstreamSpec spec, Path directory, McpJsonMapper json, LinkSettings settings, IntConsumer onExit,
            Runnable onListChanged) {
        this.timeout = settings.startTimeout();
        UpstreamSession[] opened = new UpstreamSession[1];
        this.transport = new ChildProcessTransport(spec.name(), spec.command(), spec.env(), directory, json, code -> {
            // Requests waiting for the dead process (initialize among them) fail now rather than at their timeout.
            opened[0].close();
            onExit.accept(code);
        });
        // One session for every caller; a stdio transport cannot lose its session but by the process exiting.
        this.session = new UpstreamSession(spec.name(), transport, true, true, settings.requestTimeout(),
                settings.confirmationTimeout(), settings.cancellations(), onListChanged, () -> {
                });
        opened[0] = session;
    }

    @Override
    public String open() {
        return session.initialize(timeout);
    }

    @Override
    public UpstreamSession catalog() {
        return session;
    }

    @Override
    public UpstreamSession session(SessionPrincipals.Caller caller, boolean elicitation) {
        return session;
    }

    @Override
    public String lastWords() {
        return transport.lastError();
    }

    /** The spawned process (for tests that stop it the hard way, and for its id in reports). */
    Process process() {
        return transport.process();
    }

    @Override
    public void close() {
        session.close();
    }
}
