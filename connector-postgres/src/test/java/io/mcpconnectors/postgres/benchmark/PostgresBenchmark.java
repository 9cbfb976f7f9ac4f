package io.mcpconnectors.postgres.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mcpconnectors.common.test.Benchmarks;
import io.mcpconnectors.common.test.ConnectorProcess;
import io.mcpconnectors.postgres.EmbeddedPostgresFixture;
import io.vertx.core.json.JsonObject;

/**
 * Rerunnable benchmark of the PostgreSQL connector (run by benchmarks/connector.sh postgres): a point query by primary key on
 * a 100,000-row table through the query tool over stdio and over HTTP at 1, 8 and 64 sessions, beside pgbench
 * running the same SQL in a READ ONLY transaction on the same server, and the connector's peak memory while a
 * 1,000,000-row result streams to its cap.
 */
public final class PostgresBenchmark {

    static final String POINT_QUERY = "SELECT id, name, amount FROM bench.items WHERE id = 4242";

    public static void main(String[] args) throws Exception {
        Benchmarks.Run run = Benchmarks.Run.parse(args, "connector-postgres/target/quarkus-app-stdio/quarkus-run.jar");
        EmbeddedPostgresFixture.server();
        EmbeddedPostgresFixture.execute("""
                CREATE SCHEMA IF NOT EXISTS bench;
                DROP TABLE IF EXISTS bench.items;
                CREATE TABLE bench.items AS SELECT g AS id, 'item ' || g AS name, (g % 1000) * 1.25 AS amount
                  FROM generate_series(1, 100000) g;
                ALTER TABLE bench.items ADD PRIMARY KEY (id);
                ANALYZE bench.items;
                GRANT USAGE ON SCHEMA bench TO analyst;
                GRANT SELECT ON bench.items TO analyst;""");
        Map<String, String> env = Map.of("CONNECTOR_POSTGRES_URL", EmbeddedPostgresFixture.url(),
                "CONNECTOR_POSTGRES_USERNAME", "analyst", "CONNECTOR_POSTGRES_PASSWORD",
                EmbeddedPostgresFixture.ANALYST_PASSWORD);
        run.describe("PostgreSQL 17 (embedded)");
        String point = new JsonObject().put("sql", POINT_QUERY).encode();
        Benchmarks.stdio(run.jar(), "query", point, run.calls(), run.warmup(), env);
        runPgbench(run.calls(), run.warmup());
        Benchmarks.http(run.jar(), "query", point, run.seconds(), run.levels(), env);
        measureStreamingMemory(run.jar(), env);
        System.exit(0);
    }

    /** pgbench: the same statement in a READ ONLY transaction, one client, latencies logged per transaction. */
    private static void runPgbench(int calls, int warmup) throws Exception {
        String pgbench = findPgbench();
        if (pgbench == null) {
            System.out.println("pgbench: not found on PATH or under /usr/lib/postgresql; install the PostgreSQL client"
                    + " tools to compare");
            return;
        }
        Path dir = Files.createTempDirectory("pgbench");
        Path script = dir.resolve("point.sql");
        Files.writeString(script, "BEGIN READ ONLY;\n" + POINT_QUERY + ";\nROLLBACK;\n");
        List<String> base = List.of(pgbench, "-n", "-h", "localhost", "-p",
                String.valueOf(EmbeddedPostgresFixture.server().getPort()), "-U", "analyst", "-f", script.toString(),
                "-c", "1", "-j", "1", "-M", "extended", "postgres");
        run(base, List.of("-t", String.valueOf(warmup)), dir);
        run(base, List.of("-t", String.valueOf(calls), "-l", "--log-prefix=" + dir.resolve("log")), dir);
        List<Double> latencies = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path log : files.filter(p -> p.getFileName().toString().startsWith("log")).toList()) {
                for (String line : Files.readAllLines(log)) {
                    latencies.add(Long.parseLong(line.split(" ")[2]) / 1000.0);
                }
            }
        }
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double total = Arrays.stream(sorted).sum();
        System.out.printf(Locale.ROOT, "pgbench (%s, same SQL in BEGIN READ ONLY ... ROLLBACK, extended protocol), %d"
                + " transactions after %d warm-up: p50 %.3f ms, p99 %.3f ms, %.0f tx/s%n", version(pgbench),
                sorted.length, warmup, Benchmarks.percentile(sorted, 50),
                Benchmarks.percentile(sorted, 99), sorted.length / (total / 1000));
    }

    /** Peak resident memory of the connector while a 1,000,000-row result streams until a cap stops it. */
    private static void measureStreamingMemory(Path jar, Map<String, String> env) throws Exception {
        Map<String, String> streaming = new java.util.HashMap<>(env);
        streaming.put("CONNECTOR_LIMITS_MAX_ITEMS", "1000000");
        streaming.put("CONNECTOR_LIMITS_MAX_BYTES", String.valueOf(8 * 1024 * 1024));
        streaming.put("CONNECTOR_LIMITS_TIMEOUT", "120s");
        try (ConnectorProcess connector = ConnectorProcess.start(jar, streaming)) {
            connector.initialize("2025-11-25", new JsonObject());
            connector.callTool("query", new JsonObject().put("sql", "SELECT 1"));
            long before = peakRssKb(connector.process().pid());
            long start = System.nanoTime();
            JsonObject result = connector.callTool("query", new JsonObject().put("sql",
                    "SELECT g AS id, md5(g::text) AS hash FROM generate_series(1, 1000000) g"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            JsonObject data = result.getJsonObject("structuredContent");
            long after = peakRssKb(connector.process().pid());
            System.out.printf(Locale.ROOT, "streaming SELECT of 1,000,000 rows (caps: 1,000,000 rows, 8 MiB): %d rows"
                    + " returned, truncated=%s by %s in %d ms; connector peak RSS %d MiB before, %d MiB after%n",
                    data.getInteger("row_count"), data.getBoolean("truncated"),
                    data.getJsonObject("limit", new JsonObject()).getString("name", "-"), millis, before / 1024,
                    after / 1024);
            connector.closeAndWait(Duration.ofSeconds(20));
        }
    }

    private static long peakRssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static void run(List<String> base, List<String> extra, Path dir) throws Exception {
        List<String> command = new ArrayList<>(base.subList(0, base.size() - 1));
        command.addAll(extra);
        command.add(base.get(base.size() - 1));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PGPASSWORD", EmbeddedPostgresFixture.ANALYST_PASSWORD);
        if (builder.start().waitFor() != 0) {
            throw new IllegalStateException("pgbench failed: " + command);
        }
    }

    private static String findPgbench() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "pgbench"))) {
                return Path.of(dir, "pgbench").toString();
            }
        }
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (var versions = Files.list(lib)) {
                for (Path version : versions.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    if (Files.isExecutable(version.resolve("bin/pgbench"))) {
                        return version.resolve("bin/pgbench").toString();
                    }
                }
            }
        }
        return null;
    }

    private static String version(String pgbench) throws Exception {
        Process p = new ProcessBuilder(pgbench, "--version").start();
        return new String(p.getInputStream().readAllBytes()).trim();
    }
}
