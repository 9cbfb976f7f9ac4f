package io.mcpconnectors.saas;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/**
 * The HTTP settings every SaaS connector has, under {@code connector.<name>.http}: a connector's own {@code Http}
 * settings group extends this one and adds what only its service needs (rate-limit waits, retries).
 */
public interface HttpSettings {

    /** Longest wait to open a connection to the service. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Longest wait for one response (a call's overall limit is connector.limits.timeout). */
    @WithDefault("30s")
    Duration readTimeout();
}
