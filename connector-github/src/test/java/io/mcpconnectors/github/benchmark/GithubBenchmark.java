package io.mcpconnectors.github.benchmark;

import java.util.Map;

import io.mcpconnectors.common.test.Benchmarks;
import io.mcpconnectors.github.FakeGithub;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Rerunnable benchmark of the GitHub connector (run by benchmarks/connector.sh github) against the local stand-in for the
 * REST API the tests use (MockWebServer): list_commits through the connector over stdio and over HTTP, beside the
 * same GET sent by a plain OkHttp client (the floor: what the API stand-in and loopback HTTP cost by themselves).
 * What it measures is the connector's own overhead; github.com adds its network and server time to both.
 */
public final class GithubBenchmark {

    public static void main(String[] args) throws Exception {
        Benchmarks.Run run = Benchmarks.Run.parse(args, "connector-github/target/quarkus-app-stdio/quarkus-run.jar");
        Map<String, String> env = Benchmarks.environment(new FakeGithub().start());
        run.describe("GitHub REST API stand-in: OkHttp MockWebServer");
        OkHttpClient http = new OkHttpClient();
        Request get = new Request.Builder().url(FakeGithub.url() + "/repos/octo-org/web-app/commits?per_page=5")
                .header("Authorization", "Bearer " + FakeGithub.TOKEN).build();
        Benchmarks.floor("plain HTTP GET of the same commits from the stand-in", run.calls(), run.warmup(), () -> {
            try (Response response = http.newCall(get).execute()) {
                if (response.code() != 200) {
                    throw new IllegalStateException("stand-in answered " + response.code());
                }
                response.body().string();
            }
        });
        String commits = "{\"owner\":\"octo-org\",\"repo\":\"web-app\"}";
        run.connector("list_commits", commits, env);
        System.exit(0);
    }
}
