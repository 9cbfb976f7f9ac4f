import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures a connector over stdio the way an AI host uses it: time from process start to the initialize answer,
 * and the latency of sequential tools/call requests. Runs with the JDK alone:
 *
 *   java benchmarks/StdioBenchmark.java <quarkus-run.jar> <tool> <arguments-json> [calls] [warmup] [starts] [ENV=VALUE...]
 *
 * JVM options for the connector come from the CONNECTOR_JAVA_OPTS environment variable.
 */
public class StdioBenchmark {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: StdioBenchmark <jar> <tool> <arguments-json> [calls=500] [warmup=200] [starts=10] [ENV=VALUE...]");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        String tool = args[1];
        String arguments = args[2];
        int calls = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        int starts = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        List<String> env = args.length > 6 ? Arrays.asList(args).subList(6, args.length) : List.of();

        double[] startMs = new double[starts];
        for (int i = 0; i < starts; i++) {
            try (Session session = new Session(jar, env)) {
                startMs[i] = session.initializeMs;
            }
        }
        double[] callMs = new double[calls];
        long peakKb;
        long cpuTicks;
        try (Session session = new Session(jar, env)) {
            for (int i = 0; i < warmup; i++) {
                session.call(tool, arguments);
            }
            long ticks0 = cpuTicks(session.process.pid());
            for (int i = 0; i < calls; i++) {
                long t0 = System.nanoTime();
                session.call(tool, arguments);
                callMs[i] = (System.nanoTime() - t0) / 1e6;
            }
            long ticks1 = cpuTicks(session.process.pid());
            cpuTicks = ticks0 < 0 || ticks1 < 0 ? -1 : ticks1 - ticks0;
            peakKb = peakRssKb(session.process.pid());
        }
        Arrays.sort(startMs);
        Arrays.sort(callMs);
        double total = Arrays.stream(callMs).sum();
        System.out.printf(Locale.ROOT, "start to initialize answer over %d starts: median %.0f ms, min %.0f ms, max %.0f ms%n",
                starts, percentile(startMs, 50), startMs[0], startMs[starts - 1]);
        System.out.printf(Locale.ROOT, "%s over stdio, %d sequential calls after %d warm-up: p50 %.3f ms, p99 %.3f ms, max %.3f ms, %.0f calls/s%n",
                tool, calls, warmup, percentile(callMs, 50), percentile(callMs, 99), callMs[calls - 1], calls / (total / 1000));
        if (cpuTicks >= 0) {
            // /proc counts in clock ticks (USER_HZ, 100 a second on Linux): 10 ms resolution over the whole run.
            System.out.printf(Locale.ROOT, "connector CPU (user + system, all threads) per timed call: %.0f us%n",
                    cpuTicks * 10_000.0 / calls);
        }
        if (peakKb > 0) {
            System.out.printf(Locale.ROOT, "connector peak resident memory (VmHWM) after the calls: %d MiB%n", peakKb / 1024);
        }
    }

    /** User plus system CPU time of a process in clock ticks (Linux /proc), or -1 where that is not available. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // The fields after the command name, which is in parentheses and may hold spaces: utime and stime are
            // the 14th and 15th of the whole line.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Peak resident set size of a process in KiB (Linux /proc), or -1 where that is not available. */
    static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return -1;
    }

    static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** One connector process and a minimal line-based JSON-RPC client. */
    static final class Session implements AutoCloseable {
        final Process process;
        final OutputStream in;
        final BufferedReader out;
        final double initializeMs;
        int nextId = 1;

        Session(Path jar, List<String> env) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>();
            command.add(java);
            String javaOpts = System.getenv("CONNECTOR_JAVA_OPTS");
            if (javaOpts != null && !javaOpts.isBlank()) {
                command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
            }
            // Started from the application directory, as the launcher does, so an AppCDS archive there applies.
            command.add("-jar");
            command.add(jar.getFileName().toString());
            ProcessBuilder builder = new ProcessBuilder(command).directory(jar.toAbsolutePath().getParent().toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            for (String pair : env) {
                int eq = pair.indexOf('=');
                builder.environment().put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            long t0 = System.nanoTime();
            process = builder.start();
            in = process.getOutputStream();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            request("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"benchmark\",\"version\":\"1\"}}");
            initializeMs = (System.nanoTime() - t0) / 1e6;
            send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        }

        void call(String tool, String arguments) throws Exception {
            String answer = request("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}");
            if (answer.contains("\"isError\":true") || answer.contains("\"error\":")) {
                throw new IllegalStateException("call failed: " + answer);
            }
        }

        String request(String method, String params) throws Exception {
            int id = nextId++;
            send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
            String marker = "\"id\":" + id + ",";
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains(marker)) {
                    return line;
                }
            }
            throw new IllegalStateException("connector closed stdout before answering " + method);
        }

        void send(String line) throws Exception {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        @Override
        public void close() throws Exception {
            in.close();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
