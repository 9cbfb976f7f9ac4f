package io.mcpconnectors.saas;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Instance;

import io.mcpconnectors.common.spi.ToolCallException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.okhttp3.OkHttpConnectionPoolMetrics;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The one pooled HTTP client a SaaS connector uses for its service's API: connection and read timeouts from the
 * connector's {@link HttpSettings}, the call's overall limit from {@code connector.limits.timeout}, and in a build
 * with metrics the pool's gauges ({@code okhttp_pool_connection_{count{state=active|idle},limit}_connections},
 * tagged with the connector's name). Close it when the connector stops.
 */
public final class SaasHttpClient implements AutoCloseable {

    /** OkHttp's defaults (5 idle connections kept 5 minutes), stated so the metrics can report the limit. */
    private static final int MAX_IDLE = 5;

    private final OkHttpClient http;

    /**
     * @param connector the connector's name, the metrics' {@code connector} tag
     * @param followRedirects whether the service's redirects are followed (a token endpoint's never are)
     */
    public SaasHttpClient(String connector, HttpSettings settings, Duration callTimeout, boolean followRedirects,
            Instance<MeterRegistry> metrics) {
        this(connector, settings, callTimeout, followRedirects,
                metrics.isResolvable() ? Optional.of(metrics.get()) : Optional.empty());
    }

    /** The same, with the metrics registry of a build that has metrics, or none. */
    public SaasHttpClient(String connector, HttpSettings settings, Duration callTimeout, boolean followRedirects,
            Optional<MeterRegistry> metrics) {
        ConnectionPool connections = new ConnectionPool(MAX_IDLE, 5, TimeUnit.MINUTES);
        metrics.ifPresent(registry -> new OkHttpConnectionPoolMetrics(connections, "okhttp.pool",
                Tags.of("connector", connector), MAX_IDLE).bindTo(registry));
        this.http = new OkHttpClient.Builder().connectionPool(connections)
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(followRedirects).build();
    }

    public OkHttpClient http() {
        return http;
    }

    /**
     * The error a tool gives when the service cannot be reached: the kind of failure (never its text, which may
     * name internal addresses), and what to check.
     *
     * @param service the service's name as users know it ("GitHub")
     * @param check what to check besides the network (a setting), or null
     */
    public static ToolCallException unreachable(String service, IOException cause, String check) {
        return new ToolCallException("Cannot reach " + service + " (" + cause.getClass().getSimpleName()
                + "). Check the network" + (check == null ? "" : " and " + check) + ", then try again.");
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
