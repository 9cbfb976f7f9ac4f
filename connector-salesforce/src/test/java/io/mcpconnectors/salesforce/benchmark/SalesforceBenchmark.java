package io.mcpconnectors.salesforce.benchmark;

import java.nio.file.Path;
import java.util.Map;

import io.mcpconnectors.common.test.Benchmarks;
import io.mcpconnectors.salesforce.FakeSalesforce;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Rerunnable benchmark of the Salesforce connector (run by benchmarks/salesforce.sh) against the local stand-in for
 * the REST API the tests use (MockWebServer): get_record through the connector over stdio and over HTTP, beside the
 * same GET sent by a plain OkHttp client (the floor: what the API stand-in and loopback HTTP cost by themselves).
 * What it measures is the connector's own overhead; a real org adds its network and server time to both.
 */
public final class SalesforceBenchmark {

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "connector-salesforce/target/quarkus-app/quarkus-run.jar");
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        String levels = args.length > 4 ? args[4] : "1,8,64";
        Map<String, String> settings = new java.util.HashMap<>(new FakeSalesforce().start());
        settings.remove("connector.salesforce.http.retry-delay");
        Map<String, String> env = Benchmarks.environment(settings);
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", Salesforce REST API stand-in: OkHttp MockWebServer");
        OkHttpClient http = new OkHttpClient();
        Request get = new Request.Builder().url(FakeSalesforce.url() + FakeSalesforce.V + "/sobjects/Account/"
                + FakeSalesforce.ACCOUNT_ID).header("Authorization", "Bearer benchmark").build();
        Benchmarks.floor("plain HTTP GET of the same record from the stand-in", calls, warmup, () -> {
            try (Response response = http.newCall(get).execute()) {
                if (response.code() != 200) {
                    throw new IllegalStateException("stand-in answered " + response.code());
                }
                response.body().string();
            }
        });
        String record = "{\"object\":\"Account\",\"id\":\"" + FakeSalesforce.ACCOUNT_ID + "\"}";
        Benchmarks.stdio(jar, "get_record", record, calls, warmup, env);
        Benchmarks.http(jar, "get_record", record, seconds, levels, env);
        System.exit(0);
    }
}
