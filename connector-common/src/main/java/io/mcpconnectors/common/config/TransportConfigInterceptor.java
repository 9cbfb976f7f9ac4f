package io.mcpconnectors.common.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

import jakarta.annotation.Priority;

/**
 * Derives the Quarkus transport settings from the connector's own keys, so a user sets
 * {@code connector.transport} and {@code connector.http.*} and never a {@code quarkus.*} key: stdio switches the
 * HTTP listener off, http binds the configured address. The runtime serves stdio itself (no stdio extension), once
 * the tools are ready.
 */
@Priority(Priorities.APPLICATION + 100)
public class TransportConfigInterceptor implements ConfigSourceInterceptor {

    private static final long serialVersionUID = 1L;

    static final String TRANSPORT = "connector.transport";
    static final String TLS_CERT = "quarkus.tls.key-store.pem.connector.cert";
    static final String TLS_KEY = "quarkus.tls.key-store.pem.connector.key";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        return switch (name) {
            case "quarkus.http.host-enabled" -> derived(context, name,
                    String.valueOf(isHttp(context) && !AdminCommandMode.active()));
            // Traces, when built in, are off until an admin switches them on.
            case "quarkus.otel.sdk.disabled" -> derived(context, name,
                    String.valueOf(!setting(context, "connector.tracing.enabled").equalsIgnoreCase("true")));
            case "quarkus.otel.exporter.otlp.traces.endpoint" -> fromConnectorKey(context, name,
                    "connector.tracing.endpoint", null);
            case "quarkus.http.host" -> fromSetting(context, name, "connector.http.host");
            case "quarkus.http.port" -> fromSetting(context, name, "connector.http.port");
            // HTTPS from the PEM files: the connector's port serves TLS only, plain HTTP is not served at all.
            case TLS_CERT -> tls(context) ? fromConnectorKey(context, name, "connector.http.tls.cert-file", null)
                    : context.proceed(name);
            case TLS_KEY -> tls(context) ? fromConnectorKey(context, name, "connector.http.tls.key-file", null)
                    : context.proceed(name);
            case "quarkus.http.ssl-port" -> tls(context)
                    ? fromSetting(context, name, "connector.http.port") : context.proceed(name);
            case "quarkus.http.insecure-requests" -> tls(context) ? fixed(name, "disabled") : context.proceed(name);
            case "quarkus.http.cors.origins" -> fromConnectorKey(context, name, "connector.http.allowed-origins", null);
            case "quarkus.http.limits.max-body-size" -> fromSetting(context, name, "connector.http.max-body-size");
            // A stdio session lasts as long as the host keeps the process: it never ends for being idle.
            case "quarkus.mcp.server.connection-idle-timeout" -> isHttp(context)
                    ? fromSetting(context, name, "connector.http.session-idle-timeout")
                    : fixed(name, "0");
            default -> name.startsWith("quarkus.oidc.") || name.startsWith("quarkus.http.auth.permission.mcp.")
                    ? auth(context, name) : context.proceed(name);
        };
    }

    /**
     * OAuth 2.1 resource server settings from {@code connector.auth.*}: Quarkus OIDC validates the JWT (signature
     * from the issuer's JWKS, issuer, expiry, audience = this connector's resource URI), serves the Protected
     * Resource Metadata (RFC 9728) and names it in WWW-Authenticate; the token's scopes become its roles. Static
     * and oidc modes require an authenticated caller on /mcp.
     */
    private static ConfigValue auth(ConfigSourceInterceptorContext context, String name) {
        String mode = setting(context, "connector.auth.mode").toLowerCase();
        boolean oidc = mode.equals("oidc");
        if (mode.equals("none")) {
            // Without authentication only the switches matter; the many other OIDC keys keep their defaults.
            return switch (name) {
                case "quarkus.oidc.tenant-enabled", "quarkus.oidc.resource-metadata.enabled" -> {
                    ConfigValue explicit = context.proceed(name);
                    yield explicit != null && explicit.getValue() != null
                            && explicit.getConfigSourceOrdinal() > Integer.MIN_VALUE ? explicit : fixed(name, "false");
                }
                default -> context.proceed(name);
            };
        }
        String issuer = value(context, "connector.auth.issuer", null);
        String resource = value(context, "connector.auth.resource", null);
        String jwks = value(context, "connector.auth.jwks-url", null);
        String connector = value(context, "quarkus.application.name", "connector").replaceFirst("^connector-", "");
        String derived = switch (name) {
            case "quarkus.oidc.tenant-enabled" -> String.valueOf(oidc);
            case "quarkus.oidc.auth-server-url" -> oidc ? issuer : null;
            case "quarkus.oidc.application-type" -> "service";
            case "quarkus.oidc.discovery-enabled" -> oidc ? String.valueOf(jwks == null) : null;
            case "quarkus.oidc.jwks-path" -> oidc ? jwks : null;
            case "quarkus.oidc.token.issuer" -> oidc ? issuer : null;
            case "quarkus.oidc.token.audience" -> oidc ? resource : null;
            case "quarkus.oidc.roles.role-claim-path" -> "scope";
            // The principal is a claim the user cannot change (user names and e-mail addresses can be changed at
            // some providers, and user-bound access maps principals to identities).
            case "quarkus.oidc.token.principal-claim" -> oidc ? setting(context, "connector.auth.principal-claim")
                    : null;
            case "quarkus.oidc.resource-metadata.enabled" -> String.valueOf(oidc);
            case "quarkus.oidc.resource-metadata.resource" -> oidc ? resource : null;
            case "quarkus.oidc.resource-metadata.authorization-server" -> oidc ? issuer : null;
            case "quarkus.oidc.resource-metadata.scopes" -> connector + ":read," + connector + ":write," + connector
                    + ":admin";
            case "quarkus.http.auth.permission.mcp.paths" -> mode.equals("none") ? null : "/mcp,/mcp/*";
            case "quarkus.http.auth.permission.mcp.policy" -> mode.equals("none") ? null : "authenticated";
            default -> null;
        };
        ConfigValue explicit = context.proceed(name);
        // A value an admin set wins; built-in defaults (lowest ordinal) do not.
        if (explicit != null && explicit.getValue() != null && explicit.getConfigSourceOrdinal() > Integer.MIN_VALUE
                || derived == null) {
            return explicit;
        }
        return fixed(name, derived);
    }

    /** A runtime setting's value, or its default as {@link ConnectorRuntimeConfig} declares it. */
    private static String setting(ConfigSourceInterceptorContext context, String key) {
        return value(context, key, SettingsCatalog.runtimeDefault(key));
    }

    private static ConfigValue fromSetting(ConfigSourceInterceptorContext context, String name, String key) {
        return fromConnectorKey(context, name, key, SettingsCatalog.runtimeDefault(key));
    }

    private static String value(ConfigSourceInterceptorContext context, String name, String defaultValue) {
        ConfigValue value = context.proceed(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? defaultValue
                : value.getValue().trim();
    }

    /** Derived keys that Quarkus discovers by listing names (the permission set is a map keyed by name). */
    static final List<String> DERIVED_NAMES = List.of("quarkus.http.auth.permission.mcp.paths",
            "quarkus.http.auth.permission.mcp.policy", "quarkus.oidc.tenant-enabled",
            "quarkus.oidc.resource-metadata.enabled");

    @Override
    public Iterator<String> iterateNames(ConfigSourceInterceptorContext context) {
        Set<String> names = new LinkedHashSet<>();
        context.iterateNames().forEachRemaining(names::add);
        if (!setting(context, "connector.auth.mode").equalsIgnoreCase("none")) {
            names.addAll(DERIVED_NAMES);
        }
        if (tls(context)) {
            names.add(TLS_CERT);
            names.add(TLS_KEY);
        }
        return names.iterator();
    }

    /**
     * Whether HTTPS is configured with both files readable. When a file is missing or unreadable TLS is left off
     * here, and the start-up check stops the connector with one line naming the setting.
     */
    static boolean tls(ConfigSourceInterceptorContext context) {
        String cert = value(context, "connector.http.tls.cert-file", null);
        String key = value(context, "connector.http.tls.key-file", null);
        return isHttp(context) && cert != null && key != null && Files.isReadable(Path.of(cert))
                && Files.isReadable(Path.of(key));
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
