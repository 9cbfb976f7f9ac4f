package io.mcpconnectors.saas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.saas.test.RecordingApi;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.json.JsonObject;
import okhttp3.Request;
import okhttp3.Response;

class SaasHttpClientTest {

    /** A connector's settings group, as GithubConnectorConfig.Http and SalesforceConnectorConfig.Http declare it. */
    @ConfigMapping(prefix = "connector.example.http")
    interface ExampleHttp extends HttpSettings {
        int maxRetries();
    }

    static final RecordingApi API = new RecordingApi(request -> request.getPath().equals("/slow")
            ? RecordingApi.json(200, new JsonObject()).setHeadersDelay(3, TimeUnit.SECONDS)
            : RecordingApi.json(200, new JsonObject().put("path", request.getPath())));

    @Test
    void aConnectorsSettingsGroupInheritsTheSharedTimeoutsWithTheirDefaults() {
        ExampleHttp settings = settings(Map.of("connector.example.http.max-retries", "2"));
        assertEquals(Duration.ofSeconds(10), settings.connectTimeout());
        assertEquals(Duration.ofSeconds(30), settings.readTimeout());
        assertEquals(2, settings.maxRetries());
        assertEquals(Duration.ofMillis(250), settings(Map.of("connector.example.http.max-retries", "2",
                "connector.example.http.read-timeout", "250ms")).readTimeout());
    }

    @Test
    void theClientAnswersAndItsPoolIsMeasuredPerConnector() throws IOException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SaasHttpClient client = new SaasHttpClient("example", settings(Map.of("connector.example.http.max-retries",
                "0")), Duration.ofSeconds(5), false, Optional.of(registry))) {
            try (Response response = client.http().newCall(new Request.Builder().url(API.url("/ok")).build()).execute()) {
                assertEquals(200, response.code());
                assertEquals("/ok", new JsonObject(response.body().string()).getString("path"));
            }
            assertEquals(5.0, registry.get("okhttp.pool.connection.limit").tag("connector", "example").gauge().value());
        }
        assertTrue(API.requests().stream().anyMatch(r -> r.getPath().equals("/ok")), "the stand-in recorded it");
    }

    @Test
    void aSlowServiceIsCutAtTheReadTimeoutAndTheErrorNamesNoAddress() {
        try (SaasHttpClient client = new SaasHttpClient("example", settings(Map.of("connector.example.http.max-retries",
                "0", "connector.example.http.read-timeout", "200ms")), Duration.ofSeconds(5), false,
                Optional.empty())) {
            IOException timeout = assertThrows(IOException.class,
                    () -> client.http().newCall(new Request.Builder().url(API.url("/slow")).build()).execute().close());
            assertTrue(timeout instanceof SocketTimeoutException, timeout.toString());
            ToolCallException error = SaasHttpClient.unreachable("Example", timeout, "connector.example.url");
            assertEquals("Cannot reach Example (SocketTimeoutException). Check the network and connector.example.url,"
                    + " then try again.", error.getMessage());
            assertFalse(error.getMessage().contains("127.0.0.1") || error.getMessage().contains("localhost"));
        }
    }

    private static ExampleHttp settings(Map<String, String> values) {
        // Durations as Quarkus reads them (10s, 250ms), as in a connector.
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(ExampleHttp.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(values, "test", 100)).build();
        return config.getConfigMapping(ExampleHttp.class);
    }
}
