package io.mcpconnectors.gateway;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.mcpconnectors.common.spi.Connector;

/**
 * The gateway as the runtime sees it: a connector whose "data source" is its upstreams. Its scopes are per upstream
 * ({@code <upstream>:read|write|admin}), its settings are checked at start, and it is healthy while every upstream
 * is served.
 */
@ApplicationScoped
public class GatewayConnector implements Connector {

    static final String NAME = "gateway";

    private final GatewaySettings settings;
    private final Instance<Gateway> gateway;

    public GatewayConnector(GatewaySettings settings, Instance<Gateway> gateway) {
        this.settings = settings;
        this.gateway = gateway;
    }

    @Override
    public boolean toolsKnownAtStart() {
        // Upstream tools are registered as their upstreams connect; allow/deny names them as <upstream>.<tool>.
        return false;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> scopePrefixes() {
        return settings.names();
    }

    @Override
    public void verify() {
        settings.upstreams();
        gateway.get().verify();
    }

    @Override
    public String mappedIdentityProblem(String value) {
        return "the gateway maps no identities itself; map callers at each upstream (connector.identity.map there),"
                + " which receives their identity in the gateway's assertion";
    }

    @Override
    public String writesApprovedElsewhere() {
        return "each write is confirmed or approved at the connector that runs it, by that connector's approval"
                + " settings (the gateway's connector.approval.mode does not apply; connector.approval.timeout is how"
                + " long the gateway waits for a caller to confirm)";
    }

    @Override
    public String healthProblem() {
        return gateway.get().problem();
    }
}
