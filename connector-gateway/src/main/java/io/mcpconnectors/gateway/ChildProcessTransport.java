package io.mcpconnectors.gateway;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
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
 * itself, so a supervisor could not learn that it exited or with which code, nor control what environment it gets.
 * Here the child gets none of the gateway's own settings, which can hold its secrets and its policy: it starts in a
 * directory of its own (not the gateway's working directory, whose {@code config/application.properties} and
 * {@code .env} the runtime would read as the connector's), from an empty environment plus the few variables a process
 * and the launcher need ({@link #INHERITED}) plus the upstream's configured {@code env.*}. Its stderr (logs and audit
 * lines) goes to the gateway's log at debug level with the last lines kept for error reports, and its exit is
 * reported with its code.
 */
final class ChildProcessTransport implements McpClientTransport {

    private static final Logger LOG = Logger.getLogger(ChildProcessTransport.class);
    private static final int KEPT_STDERR_LINES = 20;
    /**
     * The gateway's variables a spawned connector gets: where programs, the home directory, the locale, the time
     * zone and temporary files are, which Java runs it, and the launcher's two switches of its own (its Java
     * runtime, its class archive). Nothing here carries a setting of the runtime.
     */
    static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "LANGUAGE", "TZ", "JAVA_HOME", "TMPDIR",
            "XDG_CACHE_HOME", "CONNECTOR_JAVA", "CONNECTOR_JVM_CACHE", "SYSTEMROOT");

    private final String upstream;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path directory;
    private final McpJsonMapper json;
    /** The SDK mapper's Jackson mapper, with which answers are read once (null: the SDK's way for everything). */
    private final ObjectMapper jackson;
    private final Consumer<Integer> onExit;
    private final Deque<String> lastErrors = new ArrayDeque<>();
    private final ExecutorService writer;
    private final Scheduler writes;
    private volatile Process process;
    private volatile boolean closing;

    /** A connector started in a fresh temporary directory of its own (one spawned outside a gateway's data). */
    ChildProcessTransport(String upstream, List<String> command, Map<String, String> env, McpJsonMapper json,
            Consumer<Integer> onExit) {
        this(upstream, command, env, freshDirectory(upstream), json, onExit);
    }

    /**
     * @param env the upstream's configured environment, added to {@link #INHERITED}
     * @param directory the working directory the connector starts in: its own, created if absent
     */
    ChildProcessTransport(String upstream, List<String> command, Map<String, String> env, Path directory,
            McpJsonMapper json, Consumer<Integer> onExit) {
        this.upstream = upstream;
        this.command = program(command);
        this.env = Map.copyOf(env);
        this.directory = directory;
        this.json = json;
        this.jackson = json instanceof JacksonMcpJsonMapper mapper ? mapper.getObjectMapper() : null;
        this.onExit = onExit;
        this.writer = Executors.newSingleThreadExecutor(r -> daemon(r, "gateway-" + upstream + "-stdin"));
        this.writes = Schedulers.fromExecutorService(writer);
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory().toFile());
            Map<String, String> environment = builder.environment();
            Map<String, String> inherited = environment(Map.copyOf(environment), env);
            environment.clear();
            environment.putAll(inherited);
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

    /**
     * The command with its program made absolute when it is a relative path ({@code bin/connector}): it names a file
     * as seen from the gateway's working directory, not from the connector's own.
     */
    static List<String> program(List<String> command) {
        List<String> words = new ArrayList<>(command);
        String program = words.get(0);
        if ((program.indexOf('/') >= 0 || program.indexOf(File.separatorChar) >= 0) && !Path.of(program).isAbsolute()) {
            words.set(0, Path.of(program).toAbsolutePath().normalize().toString());
        }
        return List.copyOf(words);
    }

    /** The environment a spawned connector starts with: {@link #INHERITED} of the gateway's, then its own. */
    static Map<String, String> environment(Map<String, String> gateways, Map<String, String> configured) {
        Map<String, String> environment = new TreeMap<>();
        gateways.forEach((name, value) -> {
            if (INHERITED.contains(name) || name.startsWith("LC_")) {
                environment.put(name, value);
            }
        });
        environment.putAll(configured);
        return environment;
    }

    private static Path freshDirectory(String upstream) {
        try {
            return Files.createTempDirectory("connector-upstream-" + upstream + "-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a working directory for upstream " + upstream + ": "
                    + e.getMessage());
        }
    }

    /** The connector's own directory, created (owner only where the file system says so) if absent. */
    private Path workingDirectory() {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                try {
                    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: its defaults apply
                }
            }
            return directory;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the working directory " + directory + " of upstream "
                    + upstream + ": " + e.getMessage());
        }
    }

    private void readMessages(Process started, Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JSONRPCMessage message;
                try {
                    message = decode(line);
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

    /**
     * One line as a JSON-RPC message. An answer (the bulk of the traffic) is read once, into a tree, and its result
     * is left as that tree: the SDK hands it to {@link #unmarshalFrom}, which binds it to the result type the request
     * expects, where the SDK's own decoding would build maps of the whole line and then convert them twice. Requests
     * and notifications from the upstream are decoded the SDK's way.
     */
    JSONRPCMessage decode(String line) throws IOException {
        if (jackson == null) {
            return McpSchema.deserializeJsonRpcMessage(json, line);
        }
        JsonNode tree = jackson.readTree(line);
        if (tree == null || !tree.isObject() || tree.has("method")
                || !(tree.has("result") || tree.has("error"))) {
            return McpSchema.deserializeJsonRpcMessage(json, line);
        }
        JsonNode error = tree.get("error");
        return new McpSchema.JSONRPCResponse(tree.path("jsonrpc").asText(null), id(tree.get("id")),
                tree.has("result") ? tree.get("result") : null,
                error == null || error.isNull() ? null
                        : jackson.treeToValue(error, McpSchema.JSONRPCResponse.JSONRPCError.class));
    }

    /** A request id as the SDK's own decoding gives it: a string, or a number. */
    private static Object id(JsonNode id) {
        if (id == null || id.isNull()) {
            return null;
        }
        if (id.isTextual()) {
            return id.textValue();
        }
        if (id.isInt()) {
            return id.intValue();
        }
        if (id.isIntegralNumber()) {
            return id.longValue();
        }
        return id.isNumber() ? id.numberValue() : id.toString();
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
            // An upstream command may be a wrapper that starts the connector as its own child rather than
            // replacing itself with it: stop whatever it started too, listed while they are still its descendants.
            running.descendants().forEach(ProcessHandle::destroy);
            running.destroy();
        }
        writes.dispose();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        if (data instanceof JsonNode tree && jackson != null) {
            try {
                return jackson.readValue(jackson.treeAsTokens(tree), jackson.constructType(typeRef.getType()));
            } catch (IOException e) {
                throw new IllegalArgumentException("upstream " + upstream + " answered with a result that does not"
                        + " fit: " + e.getMessage(), e);
            }
        }
        return json.convertValue(data, typeRef);
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }
}
