import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Measures a connector over Streamable HTTP: tools/call latency and throughput at several concurrency levels, each
 * client with its own MCP session, as many agents sharing one deployed connector would. Runs with the JDK alone:
 *
 *   java benchmarks/HttpBenchmark.java <quarkus-run.jar> <tool> <arguments-json> <seconds> <levels,e.g. 1,8,64> [ENV=VALUE...]
 *
 * The load generator runs on the same machine as the connector and takes its share of the CPU.
 */
public class HttpBenchmark {

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        String tool = args[1];
        String arguments = args[2];
        int seconds = Integer.parseInt(args[3]);
        int[] levels = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
        List<String> env = args.length > 5 ? Arrays.asList(args).subList(5, args.length) : List.of();
        int port = 18000 + (int) (ProcessHandle.current().pid() % 1000);
        Process connector = start(jar, env, port);
        ExecutorService io = Executors.newFixedThreadPool(4);
        try {
            URI mcp = URI.create("http://127.0.0.1:" + port + "/mcp");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(io).build();
            waitUntilUp(http, port);
            String call = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                    + "\",\"arguments\":" + arguments + "}}";
            for (int level : levels) {
                run(http, mcp, call, level, 3, false);
                Result result = run(http, mcp, call, level, seconds, true);
                System.out.printf(Locale.ROOT, "%s over HTTP, %d concurrent sessions, %d s: %d calls, p50 %.3f ms,"
                        + " p99 %.3f ms, %.0f calls/s, %d errors%n", tool, level, seconds, result.calls,
                        result.p50, result.p99, result.calls / (double) seconds, result.errors);
            }
            long peakKb = peakRssKb(connector.pid());
            if (peakKb > 0) {
                System.out.printf(Locale.ROOT, "connector peak resident memory (VmHWM) after the runs: %d MiB%n",
                        peakKb / 1024);
            }
        } finally {
            io.shutdownNow();
            connector.destroy();
            connector.waitFor();
        }
    }

    record Result(long calls, double p50, double p99, long errors) {
    }

    /** Peak resident set size of a process in KiB (Linux /proc), or -1 where that is not available. */
    static long peakRssKb(long pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return -1;
    }

    static Result run(HttpClient http, URI mcp, String call, int level, int seconds, boolean measure)
            throws Exception {
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < level; i++) {
            sessions.add(open(http, mcp));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        List<double[]> latencies = new ArrayList<>();
        long[] errors = new long[level];
        int[] counts = new int[level];
        CountDownLatch done = new CountDownLatch(level);
        ExecutorService clients = Executors.newFixedThreadPool(level);
        for (int i = 0; i < level; i++) {
            double[] mine = new double[2_000_000 / level + 1000];
            latencies.add(mine);
            int index = i;
            String session = sessions.get(i);
            clients.execute(() -> {
                try {
                    HttpRequest request = post(mcp, session, call);
                    while (running.get()) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        double ms = (System.nanoTime() - t0) / 1e6;
                        if (response.statusCode() != 200 || !response.body().contains("\"result\"")
                                || response.body().contains("\"isError\":true")) {
                            errors[index]++;
                        } else if (counts[index] < mine.length) {
                            mine[counts[index]++] = ms;
                        }
                    }
                } catch (Exception e) {
                    errors[index]++;
                } finally {
                    done.countDown();
                }
            });
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        done.await();
        clients.shutdown();
        if (!measure) {
            return null;
        }
        int total = Arrays.stream(counts).sum();
        double[] all = new double[total];
        int at = 0;
        for (int i = 0; i < level; i++) {
            System.arraycopy(latencies.get(i), 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        return new Result(total, percentile(all, 50), percentile(all, 99), Arrays.stream(errors).sum());
    }

    static String open(HttpClient http, URI mcp) throws Exception {
        HttpResponse<String> init = http.send(post(mcp, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":"
                + "\"benchmark\",\"version\":\"1\"}}}"), HttpResponse.BodyHandlers.ofString());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow(
                () -> new IllegalStateException("no session: " + init.statusCode() + " " + init.body()));
        http.send(post(mcp, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                HttpResponse.BodyHandlers.discarding());
        return session;
    }

    static HttpRequest post(URI mcp, String session, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(mcp).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return request.build();
    }

    static Process start(Path jar, List<String> env, int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        String javaOpts = System.getenv("CONNECTOR_JAVA_OPTS");
        if (javaOpts != null && !javaOpts.isBlank()) {
            command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
        }
        command.add("-jar");
        command.add(jar.getFileName().toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(jar.toAbsolutePath().getParent().toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("CONNECTOR_TRANSPORT", "http");
        builder.environment().put("CONNECTOR_HTTP_PORT", String.valueOf(port));
        for (String pair : env) {
            int eq = pair.indexOf('=');
            builder.environment().put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return builder.start();
    }

    static void waitUntilUp(HttpClient http, int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/live")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the connector did not start within 60 s");
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
