package io.mcpconnectors.common.test;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.vertx.core.json.JsonObject;

/**
 * A packaged connector started as its own process, spoken to over stdio the way an AI host does: one JSON-RPC
 * message per line on stdin, answers read from stdout. Every stdout line is kept so tests can prove stdout
 * carried nothing but JSON-RPC; stderr (logs and audit) goes to a file. Closing it stops the process and
 * everything it started (a gateway's upstream connectors); so does the end of the test JVM, should a test never
 * reach its close.
 */
public final class ConnectorProcess implements AutoCloseable {

    private final Process process;
    private final OutputStream stdin;
    private final List<String> stdoutLines = Collections.synchronizedList(new ArrayList<>());
    private final Map<Long, BlockingQueue<JsonObject>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Function<JsonObject, JsonObject>> serverRequestHandlers =
            new ConcurrentHashMap<>();
    private final Path stderr;
    private final Thread stopAtExit;

    private ConnectorProcess(Process process, Path stderr) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stderr = stderr;
        this.stopAtExit = new Thread(() -> stopTree(process), "stop-connector-" + process.pid());
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        Thread reader = new Thread(this::readStdout, "connector-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java -jar jar} with the given environment added. */
    public static ConnectorProcess start(Path jar, Map<String, String> env) throws IOException {
        return startCommand(java("-jar", jar.toString()), env);
    }

    /** Starts a command (a launcher such as {@code bin/connector}) with the given environment added. */
    public static ConnectorProcess startCommand(List<String> command, Map<String, String> env) throws IOException {
        Path stderr = Files.createTempFile("connector-stderr", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().putAll(env);
        return new ConnectorProcess(builder.start(), stderr);
    }

    /** The outcome of a command run to its end. */
    public record CommandResult(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code java -jar jar args...} (an admin command) to its end. */
    public static CommandResult runCommand(Path jar, Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile("connector-command", ".out");
        Path err = Files.createTempFile("connector-command", ".err");
        List<String> command = new ArrayList<>(java("-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("command " + List.of(args) + " did not end within 60 s");
            }
        } finally {
            stopTree(process);
        }
        return new CommandResult(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * Stops a process and every process it started, and waits for them: SIGTERM first (a connector closes its
     * store and sessions on it), SIGKILL for any still running after 10 s. The descendants are listed before the
     * parent is stopped: once it is gone, they are no longer its descendants.
     */
    public static void stopTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.destroyForcibly();
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * This JVM's java with the options {@code bin/connector} starts a connector with on any JDK (the C1 compiler
     * only, the serial collector), followed by {@code arguments}: processes the tests start run as they do in use,
     * and start faster.
     */
    public static List<String> java(String... arguments) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC"));
        command.addAll(List.of(arguments));
        return command;
    }

    /** {@link #java()} as the start of a command line, each word quoted for a shell. */
    public static String javaCommandLine() {
        return String.join(" ", java().stream().map(word -> "'" + word + "'").toList());
    }

    /** The lean stdio build under test, from the {@code connector.jar} system property the build sets. */
    public static Path jarUnderTest() {
        return jar("connector.jar");
    }

    /**
     * The build that images and HTTP deployments run (OAuth, metrics and tracing built in), from the
     * {@code connector.remote.jar} system property.
     */
    public static Path remoteJarUnderTest() {
        return jar("connector.remote.jar");
    }

    private static Path jar(String property) {
        String jar = System.getProperty(property);
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException(property + " is not set or missing (" + jar + "); run 'mvnw verify'");
        }
        return Path.of(jar);
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                stdoutLines.add(line);
                JsonObject message;
                try {
                    message = new JsonObject(line);
                } catch (RuntimeException e) {
                    continue; // kept in stdoutLines; the test's JSON-RPC check reports it
                }
                Object id = message.getValue("id");
                if (id != null && message.containsKey("method")) {
                    answerServerRequest(message);
                    continue;
                }
                if (id instanceof Number n && (message.containsKey("result") || message.containsKey("error"))) {
                    pending.computeIfAbsent(n.longValue(), k -> new LinkedBlockingQueue<>()).add(message);
                }
            }
        } catch (IOException e) {
            // process ended
        }
    }

    /** Answers requests the server sends to the client (such as roots/list) with this function's result. */
    public void onServerRequest(String method, Function<JsonObject, JsonObject> handler) {
        serverRequestHandlers.put(method, handler);
    }

    private void answerServerRequest(JsonObject request) {
        var handler = serverRequestHandlers.get(request.getString("method"));
        JsonObject answer = new JsonObject().put("jsonrpc", "2.0").put("id", request.getValue("id"));
        if (handler == null) {
            answer.put("error", new JsonObject().put("code", -32601).put("message", "not supported by this client"));
        } else {
            answer.put("result", handler.apply(request.getJsonObject("params", new JsonObject())));
        }
        try {
            send(answer);
        } catch (IOException e) {
            // the process is gone; the test will notice
        }
    }

    /** Sends a request and waits for its answer (result or error object, as the whole message). */
    public JsonObject request(String method, JsonObject params) throws Exception {
        long id = ids.incrementAndGet();
        JsonObject message = new JsonObject().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (params != null) {
            message.put("params", params);
        }
        send(message);
        JsonObject answer = pending.computeIfAbsent(id, k -> new LinkedBlockingQueue<>()).poll(30, TimeUnit.SECONDS);
        if (answer == null) {
            throw new AssertionError("No answer to " + method + " within 30 s; stderr: " + stderr());
        }
        return answer;
    }

    /**
     * Sends a line as it is, carrying the numeric {@code id} (pick one above those {@link #request} uses), and waits
     * up to {@code within} for the answer with that id; null when none came.
     */
    public JsonObject sendRawAndAwait(String line, long id, Duration within) throws Exception {
        sendRaw(line);
        return pending.computeIfAbsent(id, k -> new LinkedBlockingQueue<>()).poll(within.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Waits up to {@code within} for the answer with this numeric id (sent with {@link #sendRaw}); null when none came. */
    public JsonObject awaitAnswer(long id, Duration within) throws InterruptedException {
        return pending.computeIfAbsent(id, k -> new LinkedBlockingQueue<>()).poll(within.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public void notify(String method) throws IOException {
        send(new JsonObject().put("jsonrpc", "2.0").put("method", method));
    }

    public void sendRaw(String line) throws IOException {
        synchronized (stdin) {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }
    }

    private void send(JsonObject message) throws IOException {
        sendRaw(message.encode());
    }

    /** Performs the MCP handshake and returns the initialize result. */
    public JsonObject initialize(String protocolVersion, JsonObject capabilities) throws Exception {
        JsonObject result = request("initialize", new JsonObject().put("protocolVersion", protocolVersion)
                .put("capabilities", capabilities)
                .put("clientInfo", new JsonObject().put("name", "connector-tests").put("version", "1")));
        notify("notifications/initialized");
        return result;
    }

    /** Calls a tool and returns its result object. */
    public JsonObject callTool(String name, JsonObject arguments) throws Exception {
        JsonObject answer = request("tools/call", new JsonObject().put("name", name).put("arguments", arguments));
        if (answer.containsKey("error")) {
            throw new AssertionError("tools/call " + name + " failed: " + answer.getJsonObject("error"));
        }
        return answer.getJsonObject("result");
    }

    public List<String> stdoutLines() {
        synchronized (stdoutLines) {
            return List.copyOf(stdoutLines);
        }
    }

    public String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** Closes stdin (the host went away) and waits for the process to end. */
    public int closeAndWait(Duration timeout) throws Exception {
        stdin.close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stopTree(process);
            throw new AssertionError("connector did not exit within " + timeout + " after stdin closed");
        }
        return process.exitValue();
    }

    public Process process() {
        return process;
    }

    /** A TCP port free on this machine now, for a connector or gateway served over HTTP. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Waits until this connector, served over HTTP on that port, answers its liveness check (at most a minute);
     * fails with what it wrote to stderr when it ended or did not come up.
     */
    public void awaitLive(int port) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live")).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            while (true) {
                try {
                    if (http.send(live, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("the connector on port " + port + " did not start: " + stderr());
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        stopTree(process);
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it stops the same processes
        }
        Files.deleteIfExists(stderr);
    }
}
