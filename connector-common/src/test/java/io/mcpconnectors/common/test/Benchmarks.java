package io.mcpconnectors.common.test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pieces every connector benchmark (benchmarks/*.sh) shares: the data source's own floor measured in process,
 * and the connector measured by the two JDK-only clients, benchmarks/StdioBenchmark.java and
 * benchmarks/HttpBenchmark.java, so that every connector is measured the same way.
 */
public final class Benchmarks {

    /** One operation against the data source itself. */
    @FunctionalInterface
    public interface Operation {
        void run() throws Exception;
    }

    /**
     * A benchmark's arguments as the benchmarks/*.sh scripts pass them:
     * {@code <quarkus-run.jar> [calls=500] [warmup=2000] [seconds=10] [levels=1,8,64]}, the jar being the lean
     * stdio build ({@code target/quarkus-app-stdio}); HTTP runs the build beside it that deployments run
     * ({@code target/quarkus-app}).
     */
    public record Run(Path jar, int calls, int warmup, int seconds, String levels) {

        public static Run parse(String[] args, String defaultJar) {
            return new Run(Path.of(args.length > 0 ? args[0] : defaultJar),
                    args.length > 1 ? Integer.parseInt(args[1]) : 500,
                    args.length > 2 ? Integer.parseInt(args[2]) : 2000,
                    args.length > 3 ? Integer.parseInt(args[3]) : 10,
                    args.length > 4 ? args[4] : "1,8,64");
        }

        /** Prints the machine and the source, the first line of every benchmark's output. */
        public void describe(String source) {
            System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + ", " + source);
        }

        /** The connector measured over stdio, then over HTTP, with one call. */
        public void connector(String tool, String arguments, Map<String, String> env) throws Exception {
            stdio(jar, tool, arguments, calls, warmup, env);
            http(jar.getParent().resolveSibling("quarkus-app").resolve(jar.getFileName()), tool, arguments, seconds,
                    levels, env);
        }
    }

    private Benchmarks() {
    }

    /** Settings ({@code connector.x.y}) as the environment a connector process reads ({@code CONNECTOR_X_Y}). */
    public static Map<String, String> environment(Map<String, String> settings) {
        Map<String, String> env = new java.util.TreeMap<>();
        settings.forEach((key, value) -> env.put(key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT),
                value));
        return env;
    }

    /** Sequential calls of the operation after a warm-up: p50, p99 and calls per second, printed. */
    public static void floor(String label, int calls, int warmup, Operation operation) throws Exception {
        for (int i = 0; i < warmup; i++) {
            operation.run();
        }
        double[] ms = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            operation.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double total = Arrays.stream(ms).sum();
        System.out.printf(Locale.ROOT, "%s, %d sequential calls after %d warm-up: p50 %.3f ms, p99 %.3f ms,"
                + " %.0f calls/s%n", label, calls, warmup, percentile(ms, 50), percentile(ms, 99),
                calls / (total / 1000));
    }

    /** Start-up, sequential tools/call latency and peak memory over stdio, with the launcher's JVM options. */
    public static void stdio(Path jar, String tool, String arguments, int calls, int warmup, Map<String, String> env)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(ConnectorProcess.javaExecutable(),
                "benchmarks/StdioBenchmark.java", jar.toString(), tool, arguments, String.valueOf(calls),
                String.valueOf(warmup), "3"));
        env.forEach((k, v) -> command.add(k + "=" + v));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putIfAbsent("CONNECTOR_JAVA_OPTS",
                "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn6m");
        System.out.println("connector over stdio (JVM options: " + builder.environment().get("CONNECTOR_JAVA_OPTS")
                + "):");
        if (builder.start().waitFor() != 0) {
            throw new IllegalStateException("stdio benchmark failed");
        }
    }

    /** Calls per second and latency over Streamable HTTP at each concurrency level, one session per client. */
    public static void http(Path jar, String tool, String arguments, int seconds, String levels,
            Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of(ConnectorProcess.javaExecutable(),
                "benchmarks/HttpBenchmark.java", jar.toString(), tool, arguments, String.valueOf(seconds), levels));
        env.forEach((k, v) -> command.add(k + "=" + v));
        // A load test, not a limits test: the per-principal rate and concurrency limits are lifted.
        command.add("CONNECTOR_HTTP_RATE_PER_MINUTE=100000000");
        command.add("CONNECTOR_HTTP_CONCURRENT_REQUESTS=1000");
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        // A server process: the default JIT (C2), unlike the stdio launcher's start-up flags.
        builder.environment().putIfAbsent("CONNECTOR_JAVA_OPTS", "");
        System.out.println("connector over HTTP (JVM options: " + builder.environment().get("CONNECTOR_JAVA_OPTS")
                + "):");
        if (builder.start().waitFor() != 0) {
            throw new IllegalStateException("HTTP benchmark failed");
        }
    }

    public static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
