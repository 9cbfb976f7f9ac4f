package io.mcpconnectors.common.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig.AuthMode;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.Transport;
import io.quarkus.arc.Arc;

/**
 * Checks the shared settings whose ranges the config types alone cannot express; each connector checks its own
 * settings in {@code Connector.verify()}. Both run before anything is served, and both fail with one line naming the
 * setting.
 */
public final class RuntimeSettingsCheck {

    /** Whether the OAuth resource server (Quarkus OIDC) is part of this build. */
    static boolean oidcBuiltIn() {
        try {
            return Arc.container()
                    .instance(Class.forName("io.quarkus.oidc.runtime.OidcAuthenticationMechanism")).isAvailable();
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private RuntimeSettingsCheck() {
    }

    /** The PostgreSQL store's URL: set when the store is PostgreSQL, and a PostgreSQL JDBC URL. */
    public static void checkStore(ConnectorRuntimeConfig config) {
        if (config.store().kind() != ConnectorRuntimeConfig.StoreKind.POSTGRESQL) {
            return;
        }
        String url = config.store().jdbcUrl().map(String::trim).orElse("");
        if (url.isEmpty()) {
            throw new InvalidSettingException("connector.store.jdbc-url", "is required with connector.store.kind"
                    + "=postgresql, e.g. jdbc:postgresql://db:5432/connectors");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            // The value is not repeated: a URL may carry a password.
            throw new InvalidSettingException("connector.store.jdbc-url", "is not a PostgreSQL JDBC URL: it must start"
                    + " with jdbc:postgresql:, e.g. jdbc:postgresql://db:5432/connectors");
        }
    }

    /**
     * HTTPS settings, and the rule of the MCP authorization guidance that tokens never travel over plain HTTP: with
     * authentication on and an address other hosts can reach, the connector serves TLS itself or is told that
     * something in front of it does.
     */
    static void checkTls(ConnectorRuntimeConfig config) {
        if (config.transport() != Transport.HTTP) {
            return;
        }
        ConnectorRuntimeConfig.Http http = config.http();
        Optional<Path> cert = http.tls().certFile();
        Optional<Path> key = http.tls().keyFile();
        if (cert.isPresent() != key.isPresent()) {
            throw new InvalidSettingException(cert.isPresent() ? "connector.http.tls.key-file"
                    : "connector.http.tls.cert-file", "is required with " + (cert.isPresent()
                            ? "connector.http.tls.cert-file" : "connector.http.tls.key-file")
                    + ": HTTPS needs both the PEM certificate and its PEM private key");
        }
        readable("connector.http.tls.cert-file", cert);
        readable("connector.http.tls.key-file", key);
        if (cert.isEmpty() && config.auth().mode() != AuthMode.NONE && !loopback(http.host())
                && !http.tlsTerminatedUpstream()) {
            throw new InvalidSettingException("connector.http.tls.cert-file", "is required: callers authenticate"
                    + " and connector.http.host=" + http.host() + " is reachable from other hosts, and tokens are never"
                    + " accepted over plain HTTP. Set connector.http.tls.cert-file and connector.http.tls.key-file"
                    + " (PEM), or connector.http.tls-terminated-upstream=true when a gateway or ingress in front of the"
                    + " connector terminates TLS");
        }
    }

    private static void readable(String key, Optional<Path> file) {
        if (file.isPresent() && !Files.isReadable(file.get())) {
            throw new InvalidSettingException(key, "cannot be read: " + file.get() + " (a PEM file the connector's"
                    + " user can read)");
        }
    }

    /**
     * Whether only this machine can reach the address: every address the name resolves to is a loopback address
     * (a name that merely looks local, such as {@code 127.example.com}, is resolved, not read).
     */
    public static boolean loopback(String host) {
        String value = host.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(value);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public static void check(ConnectorRuntimeConfig config) {
        if (config.limits().maxItems() < 1) {
            throw new InvalidSettingException("connector.limits.max-items", "must be at least 1");
        }
        if (config.limits().maxBytes() < 1024) {
            throw new InvalidSettingException("connector.limits.max-bytes", "must be at least 1024");
        }
        if (config.limits().listPageSize() < 1 || config.limits().listPageSize() > 1000) {
            throw new InvalidSettingException("connector.limits.list-page-size", "must be between 1 and 1000, e.g. 100");
        }
        if (config.limits().maxSubscriptions() < 0) {
            throw new InvalidSettingException("connector.limits.max-subscriptions", "must be 0 (no subscriptions) or"
                    + " more, e.g. 16");
        }
        Duration poll = config.limits().subscriptionPollInterval();
        if (poll.compareTo(Duration.ofMillis(50)) < 0) {
            throw new InvalidSettingException("connector.limits.subscription-poll-interval", "must be at least 50ms,"
                    + " e.g. 1s");
        }
        if (config.limits().cursorTtl().isNegative() || config.limits().cursorTtl().isZero()) {
            throw new InvalidSettingException("connector.limits.cursor-ttl", "must be positive, e.g. 5m");
        }
        if (config.limits().timeout().isNegative() || config.limits().timeout().isZero()) {
            throw new InvalidSettingException("connector.limits.timeout", "must be positive, e.g. 30s");
        }
        if (config.http().port() < 0 || config.http().port() > 65535) {
            throw new InvalidSettingException("connector.http.port", "must be between 0 and 65535");
        }
        checkStore(config);
        if (config.approval().timeout().isNegative() || config.approval().timeout().isZero()) {
            throw new InvalidSettingException("connector.approval.timeout", "must be positive, e.g. 5m");
        }
        if (config.approval().expiry().isNegative() || config.approval().expiry().isZero()) {
            throw new InvalidSettingException("connector.approval.expiry", "must be positive, e.g. 24h");
        }
        checkTls(config);
        if (config.auth().mode() == ConnectorRuntimeConfig.AuthMode.OIDC && !oidcBuiltIn()) {
            throw new InvalidSettingException("connector.auth.mode", "is oidc, but this is the lean stdio build, which has"
                    + " no OAuth support; run the full build (target/quarkus-app: bin/connector runs it with"
                    + " CONNECTOR_TRANSPORT=http, and the container images are made from it)");
        }
        if (config.auth().mode() == ConnectorRuntimeConfig.AuthMode.OIDC
                && (config.auth().issuer().isEmpty() || config.auth().resource().isEmpty())) {
            throw new InvalidSettingException("connector.auth.issuer", "and connector.auth.resource are required"
                    + " with connector.auth.mode=oidc (the authorization server's issuer URL, and this connector's"
                    + " resource URI, e.g. https://mcp.example.com/mcp)");
        }
    }
}
