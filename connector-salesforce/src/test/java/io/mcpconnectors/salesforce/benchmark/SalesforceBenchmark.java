package io.mcpconnectors.salesforce.benchmark;

import java.util.Map;

import io.mcpconnectors.common.test.Benchmarks;
import io.mcpconnectors.salesforce.FakeSalesforce;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Rerunnable benchmark of the Salesforce connector (run by benchmarks/connector.sh salesforce) against the local stand-in for
 * the REST API the tests use (MockWebServer): get_record through the connector over stdio and over HTTP, beside the
 * same GET sent by a plain OkHttp client (the floor: what the API stand-in and loopback HTTP cost by themselves).
 * What it measures is the connector's own overhead; a real org adds its network and server time to both.
 */
public final class SalesforceBenchmark {

    public static void main(String[] args) throws Exception {
        Benchmarks.Run run = Benchmarks.Run.parse(args, "connector-salesforce/target/quarkus-app-stdio/quarkus-run.jar");
        Map<String, String> settings = new java.util.HashMap<>(new FakeSalesforce().start());
        settings.remove("connector.salesforce.http.retry-delay");
        Map<String, String> env = Benchmarks.environment(settings);
        run.describe("Salesforce REST API stand-in: OkHttp MockWebServer");
        OkHttpClient http = new OkHttpClient();
        Request get = new Request.Builder().url(FakeSalesforce.url() + FakeSalesforce.V + "/sobjects/Account/"
                + FakeSalesforce.ACCOUNT_ID).header("Authorization", "Bearer benchmark").build();
        Benchmarks.floor("plain HTTP GET of the same record from the stand-in", run.calls(), run.warmup(), () -> {
            try (Response response = http.newCall(get).execute()) {
                if (response.code() != 200) {
                    throw new IllegalStateException("stand-in answered " + response.code());
                }
                response.body().string();
            }
        });
        String record = "{\"object\":\"Account\",\"id\":\"" + FakeSalesforce.ACCOUNT_ID + "\"}";
        run.connector("get_record", record, env);
        System.exit(0);
    }
}
