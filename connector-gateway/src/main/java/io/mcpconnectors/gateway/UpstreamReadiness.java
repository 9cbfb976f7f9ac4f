package io.mcpconnectors.gateway;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness per upstream: up while every upstream's tools are served; each upstream's state and the reason (a
 * manifest that does not match its pin, a restart in progress and why) in the check's data. Serving upstreams are
 * pinged first, so one that stopped answering is noticed here and restarted.
 */
@Readiness
@ApplicationScoped
public class UpstreamReadiness implements HealthCheck {

    private final Gateway gateway;

    public UpstreamReadiness(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public HealthCheckResponse call() {
        gateway.probe();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("gateway-upstreams");
        boolean up = true;
        for (var entry : gateway.statuses().entrySet()) {
            builder.withData(entry.getKey(), entry.getValue().describe());
            up &= entry.getValue().serving();
        }
        return builder.status(up).build();
    }
}
