package io.mcpconnectors.common.mcp;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.InvalidSettingException;

/** Checks the shared settings whose ranges the config types alone cannot express. */
final class RuntimeSettingsCheck {

    /** Whether the OAuth resource server (Quarkus OIDC) is part of this build. */
    static boolean oidcBuiltIn() {
        try {
            return io.quarkus.arc.Arc.container()
                    .instance(Class.forName("io.quarkus.oidc.runtime.OidcAuthenticationMechanism")).isAvailable();
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private RuntimeSettingsCheck() {
    }

    static void check(ConnectorRuntimeConfig config) {
        if (config.limits().maxItems() < 1) {
            throw new InvalidSettingException("connector.limits.max-items", "must be at least 1");
        }
        if (config.limits().maxBytes() < 1024) {
            throw new InvalidSettingException("connector.limits.max-bytes", "must be at least 1024");
        }
        if (config.limits().timeout().isNegative() || config.limits().timeout().isZero()) {
            throw new InvalidSettingException("connector.limits.timeout", "must be positive, e.g. 30s");
        }
        if (config.http().port() < 0 || config.http().port() > 65535) {
            throw new InvalidSettingException("connector.http.port", "must be between 0 and 65535");
        }
        if (config.store().kind() == ConnectorRuntimeConfig.StoreKind.POSTGRESQL && config.store().jdbcUrl().isEmpty()) {
            throw new InvalidSettingException("connector.store.jdbc-url", "is required with connector.store.kind"
                    + "=postgresql, e.g. jdbc:postgresql://db:5432/connectors");
        }
        if (config.approval().timeout().isNegative() || config.approval().timeout().isZero()) {
            throw new InvalidSettingException("connector.approval.timeout", "must be positive, e.g. 5m");
        }
        if (config.approval().expiry().isNegative() || config.approval().expiry().isZero()) {
            throw new InvalidSettingException("connector.approval.expiry", "must be positive, e.g. 24h");
        }
        if (config.auth().mode() == ConnectorRuntimeConfig.AuthMode.OIDC && !oidcBuiltIn()) {
            throw new InvalidSettingException("connector.auth.mode", "is oidc, but this build of the connector has no"
                    + " OAuth support; build it with -Dquarkus.oidc.enabled=true (the container images have it), or"
                    + " use connector.auth.mode=static");
        }
        if (config.auth().mode() == ConnectorRuntimeConfig.AuthMode.OIDC
                && (config.auth().issuer().isEmpty() || config.auth().resource().isEmpty())) {
            throw new InvalidSettingException("connector.auth.issuer", "and connector.auth.resource are required"
                    + " with connector.auth.mode=oidc (the authorization server's issuer URL, and this connector's"
                    + " resource URI, e.g. https://mcp.example.com/mcp)");
        }
    }
}
