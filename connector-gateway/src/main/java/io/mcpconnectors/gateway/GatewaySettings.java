package io.mcpconnectors.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.common.config.RuntimeSettingsCheck;

/**
 * The gateway's settings checked once, at start: every problem stops the start with one line naming the key.
 * Upstream names must be short lower-case names, because they become part of tool names and of scopes.
 */
@ApplicationScoped
public class GatewaySettings {

    private static final Logger LOG = Logger.getLogger(GatewaySettings.class);
    static final Pattern UPSTREAM_NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final GatewayConfig config;
    private final KnownSecrets secrets;
    private volatile List<UpstreamSpec> upstreams;

    public GatewaySettings(GatewayConfig config, KnownSecrets secrets) {
        this.config = config;
        this.secrets = secrets;
    }

    /** The upstreams, checked; the first call checks them and throws on the first problem. */
    public List<UpstreamSpec> upstreams() {
        List<UpstreamSpec> checked = upstreams;
        if (checked == null) {
            checked = check();
            upstreams = checked;
        }
        return checked;
    }

    /** The names of the upstreams as configured (unchecked), for the scope prefixes. */
    public List<String> names() {
        return List.copyOf(new TreeMap<>(config.upstreams()).keySet());
    }

    public GatewayConfig config() {
        return config;
    }

    private List<UpstreamSpec> check() {
        Map<String, GatewayConfig.Upstream> configured = new TreeMap<>(config.upstreams());
        if (configured.isEmpty()) {
            throw new InvalidSettingException("connector.gateway.upstreams", "names no upstream: set"
                    + " connector.gateway.upstreams.<name>.command (a connector over stdio) or .url (over HTTP)");
        }
        positive("connector.gateway.restart.initial-backoff", config.restart().initialBackoff());
        positive("connector.gateway.restart.max-backoff", config.restart().maxBackoff());
        if (config.maxApprovalsPerCaller() < 1 || config.maxApprovalsPerCaller() > IssuedApprovals.MAX_APPROVALS) {
            throw new InvalidSettingException("connector.gateway.max-approvals-per-caller", "must be 1 to "
                    + IssuedApprovals.MAX_APPROVALS + ", e.g. 1000");
        }
        List<UpstreamSpec> specs = new ArrayList<>();
        for (Map.Entry<String, GatewayConfig.Upstream> entry : configured.entrySet()) {
            specs.add(spec(entry.getKey(), entry.getValue()));
        }
        Map<String, String> audiences = new TreeMap<>();
        for (UpstreamSpec spec : specs) {
            if (spec.asserts()) {
                String other = audiences.putIfAbsent(spec.resource(), spec.name());
                if (other != null) {
                    throw new InvalidSettingException(spec.key("resource"), "is " + spec.resource() + ", the same as"
                            + " for upstream " + other + ": an assertion the gateway signs for one would be accepted by"
                            + " the other. Give each HTTP upstream its own resource (its connector.auth.resource)");
                }
            }
        }
        if (specs.stream().anyMatch(UpstreamSpec::asserts)) {
            String issuer = config.issuer().map(String::trim).orElse("");
            if (!issuer.startsWith("https://") && !issuer.startsWith("http://")) {
                throw new InvalidSettingException("connector.gateway.issuer", "is required when an HTTP upstream"
                        + " receives identity assertions: this gateway's external base URL (e.g."
                        + " https://mcp-gateway.example.com), where upstreams find its JWKS");
            }
        }
        return List.copyOf(specs);
    }

    private UpstreamSpec spec(String name, GatewayConfig.Upstream upstream) {
        String prefix = "connector.gateway.upstreams." + name;
        if (!UPSTREAM_NAME.matcher(name).matches()) {
            throw new InvalidSettingException(prefix, "names an upstream '" + name + "': upstream names are 1 to 31"
                    + " lower-case letters, digits and '-', starting with a letter (they prefix tool names and scopes)");
        }
        boolean command = upstream.command().filter(c -> !c.isBlank()).isPresent();
        boolean url = upstream.url().filter(u -> !u.isBlank()).isPresent();
        if (command == url) {
            throw new InvalidSettingException(prefix + ".command", command ? "and " + prefix + ".url are both set;"
                    + " an upstream is either spawned over stdio (command) or reached over HTTP (url)"
                    : "or " + prefix + ".url is required: the connector's command line, or its Streamable HTTP URL");
        }
        String pin = upstream.manifestSha256().map(p -> p.trim().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty())
                .orElse(null);
        if (pin != null && !SHA256.matcher(pin).matches()) {
            throw new InvalidSettingException(prefix + ".manifest-sha256", "must be the 64 hex digits that"
                    + " 'bin/connector <connector> manifest --sha256' prints");
        }
        if (pin == null && !config.allowUnpinned()) {
            throw new InvalidSettingException(prefix + ".manifest-sha256", "is required: an unpinned upstream could"
                    + " offer any tool. Print the pin with 'bin/connector <connector> manifest --sha256' (with the"
                    + " upstream's settings), or set connector.gateway.allow-unpinned=true for development");
        }
        Duration ttl = upstream.resourceCacheTtl().orElse(null);
        if (ttl != null) {
            positive(prefix + ".resource-cache-ttl", ttl);
        }
        if (command) {
            for (String key : List.of("token", "token-file", "resource")) {
                boolean set = switch (key) {
                    case "token" -> upstream.token().isPresent();
                    case "token-file" -> upstream.tokenFile().isPresent();
                    default -> upstream.resource().isPresent();
                };
                if (set) {
                    throw new InvalidSettingException(prefix + "." + key, "applies only to an HTTP upstream (url);"
                            + " a stdio upstream gets no credentials from the gateway");
                }
            }
            return new UpstreamSpec(name, CommandLine.split(prefix + ".command", upstream.command().get()),
                    upstream.env(), null, pin, ttl, null, false, null, upstream.connector().orElse(name));
        }
        if (!upstream.env().isEmpty()) {
            throw new InvalidSettingException(prefix + ".env", "applies only to a stdio upstream (command)");
        }
        URI uri = uri(prefix + ".url", upstream.url().get().trim());
        String token = token(prefix, upstream);
        if (uri.getScheme().equals("http") && (token != null || upstream.assertIdentity()) && !loopback(uri.getHost())) {
            LOG.warnf("%s.url is plain HTTP to %s: credentials travel unencrypted; use https unless this hop stays"
                    + " inside a network you trust.", prefix, uri.getHost());
        }
        return new UpstreamSpec(name, List.of(), Map.of(), uri, pin, ttl, token, upstream.assertIdentity(),
                upstream.resource().map(String::trim).orElse(uri.toString()), upstream.connector().orElse(name));
    }

    private String token(String prefix, GatewayConfig.Upstream upstream) {
        if (upstream.token().isPresent() && upstream.tokenFile().isPresent()) {
            throw new InvalidSettingException(prefix + ".token", "and " + prefix + ".token-file are both set; use one");
        }
        String token = upstream.token().orElse(null);
        if (upstream.tokenFile().isPresent()) {
            Path file = upstream.tokenFile().get();
            try {
                token = Files.readString(file).trim();
            } catch (IOException e) {
                throw new InvalidSettingException(prefix + ".token-file", "cannot be read: " + file);
            }
        }
        if (token != null && token.isBlank()) {
            throw new InvalidSettingException(prefix + ".token", "is empty");
        }
        if (token != null) {
            // From here on the token is removed by value from everything the gateway says.
            secrets.register(prefix + ".token", token);
        }
        return token;
    }

    private static URI uri(String key, String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new InvalidSettingException(key, "must be an http or https URL of the connector's /mcp endpoint,"
                        + " e.g. https://postgres-mcp.internal/mcp");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(key, "is not a URL: " + e.getReason());
        }
    }

    /** Whether only this machine can reach the host: the name is resolved, not read (127.example.com is not). */
    static boolean loopback(String host) {
        return RuntimeSettingsCheck.loopback(host);
    }

    private static void positive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new InvalidSettingException(key, "must be positive, e.g. 5s");
        }
    }
}
