import java.io.*;
import java.net.URI;
import java.net.http.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;

/**
 * Counts the thread switches a call costs: sequential tools/call requests, and around them the context switches
 * (voluntary: a thread went to sleep waiting, typically for a hand-off from another thread; involuntary: it was
 * preempted) and CPU time of every thread of the server, and of its child or upstream, from Linux's /proc. Threads are
 * grouped by name with digits folded. Runs with the JDK alone:
 *
 *   java benchmarks/HandOffProbe.java stdio <tool> <warmup> <calls> <quarkus-run.jar> [ENV=VALUE...]
 *       spawns the server (JVM options from GW_JAVA_OPTS) and speaks stdio to it; its first child is measured too
 *   java benchmarks/HandOffProbe.java http <tool> <warmup> <calls> <mcp-url> <server-pid> [upstream-pid]
 *       one Streamable HTTP session with a running server
 *
 * The tool is called with {"path":"small.txt"}, as benchmarks/gateway.sh does.
 */
public class HandOffProbe {
    static Map<String, long[]> switches(long pid) {
        Map<String, long[]> m = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : ds) {
                try {
                    String comm = Files.readString(t.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                    long v = 0, n = 0;
                    for (String l : Files.readAllLines(t.resolve("status"))) {
                        if (l.startsWith("voluntary_ctxt_switches")) v = Long.parseLong(l.replaceAll("\\D", ""));
                        if (l.startsWith("nonvoluntary_ctxt_switches")) n = Long.parseLong(l.replaceAll("\\D", ""));
                    }
                    long[] stat = cpu(Files.readString(t.resolve("stat")));
                    m.merge(comm, new long[] { v, n, stat[0] + stat[1] }, (a, b) -> new long[] { a[0] + b[0], a[1] + b[1], a[2] + b[2] });
                } catch (IOException e) { }
            }
        } catch (IOException e) { }
        return m;
    }
    static long[] cpu(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] { Long.parseLong(f[11]), Long.parseLong(f[12]) };
    }
    static void report(String label, Map<String, long[]> a, Map<String, long[]> b, int calls) {
        double total = 0, cpuTotal = 0;
        StringBuilder sb = new StringBuilder();
        for (var e : b.entrySet()) {
            long[] before = a.get(e.getKey());
            if (before == null) {
                continue;
            }
            double v = (e.getValue()[0] - before[0]) / (double) calls;
            double n = (e.getValue()[1] - before[1]) / (double) calls;
            double c = (e.getValue()[2] - before[2]) * 10.0 / calls; // ms per call (clock ticks of 10 ms)
            total += v; cpuTotal += c;
            if (v >= 0.05 || c >= 0.005) sb.append(String.format(Locale.ROOT, "    %-40s vol %.2f  invol %.2f  cpu %.3f ms%n", e.getKey(), v, n, c));
        }
        System.out.printf(Locale.ROOT, "  %s: %.2f voluntary switches per call, cpu %.3f ms per call%n%s", label, total, cpuTotal, sb);
    }
    static double pct(double[] s, double p) { return s[Math.max(0, Math.min(s.length - 1, (int) Math.ceil(p / 100 * s.length) - 1))]; }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int warm = Integer.parseInt(args[2]), calls = Integer.parseInt(args[3]);
        String tool = args[1];
        String params = "{\"name\":\"" + tool + "\",\"arguments\":{\"path\":\"small.txt\"}}";
        if (mode.equals("stdio")) {
            Path jar = Path.of(args[4]);
            List<String> cmd = new ArrayList<>(List.of("java"));
            String opts = System.getenv("GW_JAVA_OPTS");
            if (opts != null && !opts.isBlank()) cmd.addAll(Arrays.asList(opts.trim().split("\\s+")));
            cmd.add("-jar"); cmd.add(jar.getFileName().toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(jar.toAbsolutePath().getParent().toFile()).redirectError(new File("/dev/null"));
            for (int i = 5; i < args.length; i++) { int eq = args[i].indexOf('='); pb.environment().put(args[i].substring(0, eq), args[i].substring(eq + 1)); }
            Process p = pb.start();
            OutputStream in = p.getOutputStream();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            int[] id = { 1 };
            java.util.function.BiFunction<String, String, String> req = (m, prm) -> {
                try {
                    int i = id[0]++;
                    in.write(("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"" + m + "\",\"params\":" + prm + "}\n").getBytes(StandardCharsets.UTF_8)); in.flush();
                    String marker = "\"id\":" + i + ",", line;
                    while ((line = out.readLine()) != null) if (line.contains(marker)) return line;
                    throw new IllegalStateException("closed");
                } catch (IOException e) { throw new UncheckedIOException(e); }
            };
            req.apply("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"b\",\"version\":\"1\"}}");
            in.write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n".getBytes()); in.flush();
            String first = req.apply("tools/call", params);
            if (first.contains("isError\":true") || first.contains("\"error\"")) throw new IllegalStateException(first);
            for (int i = 0; i < warm; i++) req.apply("tools/call", params);
            long child = p.descendants().map(ProcessHandle::pid).findFirst().orElse(-1L);
            var g0 = switches(p.pid()); var c0 = child > 0 ? switches(child) : Map.<String, long[]>of();
            double[] ms = new double[calls];
            for (int i = 0; i < calls; i++) { long t = System.nanoTime(); req.apply("tools/call", params); ms[i] = (System.nanoTime() - t) / 1e6; }
            var g1 = switches(p.pid()); var c1 = child > 0 ? switches(child) : Map.<String, long[]>of();
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "%s stdio %d calls after %d: p50 %.3f p90 %.3f p99 %.3f ms%n", tool, calls, warm, pct(ms, 50), pct(ms, 90), pct(ms, 99));
            report("server " + p.pid(), g0, g1, calls);
            if (child > 0) report("child " + child, c0, c1, calls);
            in.close(); p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS); p.destroy();
        } else {
            // http: args[4] = mcp url, args[5] = server pid
            URI mcp = URI.create(args[4]);
            long pid = Long.parseLong(args[5]);
            long upstreamPid = args.length > 6 ? Long.parseLong(args[6]) : -1;
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> init = http.send(post(mcp, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"b\",\"version\":\"1\"}}}"), HttpResponse.BodyHandlers.ofString());
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            http.send(post(mcp, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"), HttpResponse.BodyHandlers.discarding());
            HttpRequest call = post(mcp, session, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":" + params + "}");
            String first = "";
            for (int i = 0; i < 600; i++) {
                first = http.send(call, HttpResponse.BodyHandlers.ofString()).body();
                if (!(first.contains("isError\":true") || first.contains("\"error\""))) break;
                Thread.sleep(100);
            }
            if (first.contains("isError\":true") || first.contains("\"error\"")) throw new IllegalStateException(first);
            for (int i = 0; i < warm; i++) http.send(call, HttpResponse.BodyHandlers.ofString());
            var g0 = switches(pid); var u0 = upstreamPid > 0 ? switches(upstreamPid) : Map.<String, long[]>of();
            double[] ms = new double[calls];
            for (int i = 0; i < calls; i++) { long t = System.nanoTime(); http.send(call, HttpResponse.BodyHandlers.ofString()); ms[i] = (System.nanoTime() - t) / 1e6; }
            var g1 = switches(pid); var u1 = upstreamPid > 0 ? switches(upstreamPid) : Map.<String, long[]>of();
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "%s http %d calls after %d: p50 %.3f p90 %.3f p99 %.3f ms%n", tool, calls, warm, pct(ms, 50), pct(ms, 90), pct(ms, 99));
            report("server " + pid, g0, g1, calls);
            if (upstreamPid > 0) report("upstream " + upstreamPid, u0, u1, calls);
        }
    }
    static HttpRequest post(URI mcp, String session, String body) {
        HttpRequest.Builder r = HttpRequest.newBuilder(mcp).header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) r.header("Mcp-Session-Id", session);
        return r.build();
    }
}
