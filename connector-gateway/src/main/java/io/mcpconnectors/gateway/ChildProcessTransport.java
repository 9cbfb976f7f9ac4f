package io.mcpconnectors.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The stdio transport to a connector the gateway spawns. Messages are encoded and decoded by the MCP SDK (one
 * JSON-RPC message per line); this class owns only the process. The SDK's own stdio transport keeps the process to
 * itself, so a supervisor could not learn that it exited or with which code, nor control what environment it gets:
 * here the child inherits none of the gateway's own settings ({@code CONNECTOR_*}, {@code QUARKUS_*}, which can
 * hold its secrets), its stderr (logs and audit lines) goes to the gateway's log at debug level with the last lines
 * kept for error reports, and its exit is reported with its code.
 */
final class ChildProcessTransport implements McpClientTransport {

    private static final Logger LOG = Logger.getLogger(ChildProcessTransport.class);
    private static final int KEPT_STDERR_LINES = 20;

    private final String upstream;
    private final List<String> command;
    private final Map<String, String> env;
    private final McpJsonMapper json;
    private final Consumer<Integer> onExit;
    private final Deque<String> lastErrors = new ArrayDeque<>();
    private final ExecutorService writer;
    private final Scheduler writes;
    private volatile Process process;
    private volatile boolean closing;

    ChildProcessTransport(String upstream, List<String> command, Map<String, String> env, McpJsonMapper json,
            Consumer<Integer> onExit) {
        this.upstream = upstream;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.json = json;
        this.onExit = onExit;
        this.writer = Executors.newSingleThreadExecutor(r -> daemon(r, "gateway-" + upstream + "-stdin"));
        this.writes = Schedulers.fromExecutorService(writer);
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().keySet().removeIf(name -> name.startsWith("CONNECTOR_")
                    || name.startsWith("QUARKUS_"));
            builder.environment().putAll(env);
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start " + command.get(0) + ": " + e.getMessage());
            }
            Process started = process;
            daemon(() -> readMessages(started, handler), "gateway-" + upstream + "-stdout").start();
            daemon(() -> readErrors(started), "gateway-" + upstream + "-stderr").start();
        });
    }

    private void readMessages(Process started, Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(json, line);
                } catch (IOException | IllegalArgumentException e) {
                    LOG.warnf("Upstream %s wrote a line that is not a JSON-RPC message; ignored", upstream);
                    continue;
                }
                handler.apply(Mono.just(message)).subscribe(m -> {
                }, e -> LOG.debugf("Upstream %s: message handling failed: %s", upstream, e.getMessage()));
            }
        } catch (IOException e) {
            // The pipe closed: the process is ending.
        }
        int code;
        try {
            code = started.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!closing) {
            onExit.accept(code);
        }
    }

    private void readErrors(Process started) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(started.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                LOG.debugf("[%s] %s", upstream, line);
                synchronized (lastErrors) {
                    lastErrors.addLast(line);
                    if (lastErrors.size() > KEPT_STDERR_LINES) {
                        lastErrors.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    /** The last line the child wrote to stderr that is not blank, or null: a connector's start-up error is one line. */
    String lastError() {
        synchronized (lastErrors) {
            return lastErrors.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse(null);
        }
    }

    /** The process, once started. */
    Process process() {
        return process;
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        return Mono.<Void>fromRunnable(() -> {
            Process running = process;
            if (running == null || !running.isAlive()) {
                throw new IllegalStateException("upstream " + upstream + " is not running");
            }
            try {
                byte[] line = (json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
                OutputStream stdin = running.getOutputStream();
                stdin.write(line);
                stdin.flush();
            } catch (IOException e) {
                throw new IllegalStateException("upstream " + upstream + " stopped reading: " + e.getMessage());
            }
        }).subscribeOn(writes);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::close);
    }

    @Override
    public void close() {
        closing = true;
        Process running = process;
        if (running != null && running.isAlive()) {
            try {
                // Closing stdin is how a host ends a stdio server; a connector exits on it.
                running.getOutputStream().close();
            } catch (IOException e) {
                // already closed
            }
            running.destroy();
        }
        writes.dispose();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return json.convertValue(data, typeRef);
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }
}
