package io.mcpconnectors.common.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

import jakarta.annotation.Priority;

/**
 * Derives the Quarkus transport settings from the connector's own keys, so a user sets
 * {@code connector.transport} and {@code connector.http.*} and never a {@code quarkus.*} key: stdio switches the
 * HTTP listener off, http binds the configured address. The extension's own stdio start is always off; the
 * runtime starts stdio itself when the tools are ready.
 */
@Priority(Priorities.APPLICATION + 100)
public class TransportConfigInterceptor implements ConfigSourceInterceptor {

    private static final long serialVersionUID = 1L;

    static final String TRANSPORT = "connector.transport";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        return switch (name) {
            // The stdio transport is started by StdioTransportStarter once the tools are registered.
            case "quarkus.mcp.server.stdio.enabled" -> fixed(name, "false");
            case "quarkus.http.host-enabled" -> derived(context, name, String.valueOf(isHttp(context)));
            case "quarkus.http.host" -> fromConnectorKey(context, name, "connector.http.host", "127.0.0.1");
            case "quarkus.http.port" -> fromConnectorKey(context, name, "connector.http.port", "8080");
            case "quarkus.http.cors.origins" -> fromConnectorKey(context, name, "connector.http.allowed-origins", null);
            default -> context.proceed(name);
        };
    }

    private static boolean isHttp(ConfigSourceInterceptorContext context) {
        ConfigValue transport = context.proceed(TRANSPORT);
        return transport != null && transport.getValue() != null
                && transport.getValue().trim().equalsIgnoreCase("http");
    }

    private static ConfigValue derived(ConfigSourceInterceptorContext context, String name, String value) {
        ConfigValue explicit = context.proceed(name);
        if (explicit != null && explicit.getValue() != null && explicit.getConfigSourceOrdinal() > 250) {
            // Set by the user on purpose (system property or environment): theirs wins.
            return explicit;
        }
        return fixed(name, value);
    }

    private static ConfigValue fixed(String name, String value) {
        return ConfigValue.builder().withName(name).withValue(value).withConfigSourceName("connector transport")
                .withConfigSourceOrdinal(Integer.MIN_VALUE).build();
    }

    private static ConfigValue fromConnectorKey(ConfigSourceInterceptorContext context, String name, String connectorKey,
            String defaultValue) {
        ConfigValue connectorValue = context.proceed(connectorKey);
        if (connectorValue != null && connectorValue.getValue() != null) {
            return connectorValue.withName(name);
        }
        ConfigValue explicit = context.proceed(name);
        if (explicit != null && explicit.getValue() != null || defaultValue == null) {
            return explicit;
        }
        return ConfigValue.builder().withName(name).withValue(defaultValue).withConfigSourceName("connector transport")
                .withConfigSourceOrdinal(Integer.MIN_VALUE).build();
    }
}
