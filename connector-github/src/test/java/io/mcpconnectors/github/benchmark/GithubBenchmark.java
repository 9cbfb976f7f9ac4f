package io.mcpconnectors.github.benchmark;

import java.nio.file.Path;
import java.util.Map;

import io.mcpconnectors.common.test.Benchmarks;
import io.mcpconnectors.github.FakeGithub;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Rerunnable benchmark of the GitHub connector (run by benchmarks/github.sh) against the local stand-in for the
 * REST API the tests use (MockWebServer): list_commits through the connector over stdio and over HTTP, beside the
 * same GET sent by a plain OkHttp client (the floor: what the API stand-in and loopback HTTP cost by themselves).
 * What it measures is the connector's own overhead; github.com adds its network and server time to both.
 */
public final class GithubBenchmark {

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "connector-github/target/quarkus-app/quarkus-run.jar");
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        String levels = args.length > 4 ? args[4] : "1,8,64";
        Map<String, String> env = Benchmarks.environment(new FakeGithub().start());
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", GitHub REST API stand-in: OkHttp MockWebServer");
        OkHttpClient http = new OkHttpClient();
        Request get = new Request.Builder().url(FakeGithub.url() + "/repos/octo-org/web-app/commits?per_page=5")
                .header("Authorization", "Bearer " + FakeGithub.TOKEN).build();
        Benchmarks.floor("plain HTTP GET of the same commits from the stand-in", calls, warmup, () -> {
            try (Response response = http.newCall(get).execute()) {
                if (response.code() != 200) {
                    throw new IllegalStateException("stand-in answered " + response.code());
                }
                response.body().string();
            }
        });
        String commits = "{\"owner\":\"octo-org\",\"repo\":\"web-app\"}";
        Benchmarks.stdio(jar, "list_commits", commits, calls, warmup, env);
        Benchmarks.http(jar, "list_commits", commits, seconds, levels, env);
        System.exit(0);
    }
}
