package io.mcpconnectors.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's own settings; the shared ones (transport, auth, limits, audit) are the runtime's. */
@ConfigMapping(prefix = "connector.gateway")
public interface GatewayConfig {

    /** The connectors behind the gateway, by name: the name prefixes their tools ({@code <name>.<tool>}). */
    Map<String, Upstream> upstreams();

    /** Whether an upstream without a manifest pin may be served; without this the gateway refuses to start. */
    @WithDefault("false")
    boolean allowUnpinned();

    Restart restart();

    /**
     * Most pending approvals of spawned (or single-credential) upstreams the gateway remembers for one caller; past
     * it, that caller's own oldest are forgotten (and can no longer be used through the gateway).
     */
    @WithDefault("1000")
    int maxApprovalsPerCaller();

    /**
     * A PEM (PKCS#8) RSA private key the gateway signs identity assertions for HTTP upstreams with. When absent a
     * key is generated at each start, which suits one replica (upstreams fetch the new public key by its key id).
     */
    Optional<Path> signingKeyFile();

    /** This gateway's external base URL: the issuer of its identity assertions, where its JWKS is served. */
    Optional<String> issuer();

    interface Restart {
        /** Wait before the first restart of an upstream that stopped; doubled after each failed attempt. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest wait between restart attempts. */
        @WithDefault("60s")
        Duration maxBackoff();
    }

    interface Upstream {
        /** The command line that starts the connector over stdio, e.g. {@code java -jar /opt/fs/quarkus-run.jar}. */
        Optional<String> command();

        /**
         * Environment of the spawned connector, added to the few variables it inherits (PATH, HOME, locale, time
         * zone, Java); nothing else of the gateway's environment reaches it.
         */
        Map<String, String> env();

        /** The connector's Streamable HTTP endpoint, e.g. {@code https://postgres-mcp.internal/mcp}. */
        Optional<String> url();

        /** The SHA-256 of the manifest this upstream must offer ({@code bin/connector <c> manifest --sha256}). */
        Optional<String> manifestSha256();

        /** How long a resource read is served from the gateway's cache, per caller; off when absent. */
        Optional<Duration> resourceCacheTtl();

        /** A static bearer token for an HTTP upstream, used instead of identity assertions. */
        Optional<String> token();

        /** The same, read from a file. */
        Optional<Path> tokenFile();

        /** Whether each caller's identity reaches an HTTP upstream as an assertion signed by the gateway. */
        @WithDefault("true")
        boolean assertIdentity();

        /** The upstream's resource URI, the audience of assertions (default: its url). */
        Optional<String> resource();

        /** The upstream connector's name, which prefixes its own scopes in assertions (default: the upstream name). */
        Optional<String> connector();
    }
}
