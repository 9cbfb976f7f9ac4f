package io.mcpconnectors.common.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings every connector shares. Each key is documented in the README's configuration table; defaults here
 * are the safe ones.
 */
@ConfigMapping(prefix = "connector")
public interface ConnectorRuntimeConfig {

    /** How the connector talks to the host: stdio (default) or Streamable HTTP. */
    @WithDefault("stdio")
    Transport transport();

    Access access();

    Tools tools();

    Limits limits();

    Audit audit();

    Approval approval();

    /**
     * Where the connector keeps its own state: the file store of approvals and the audit chain. Default:
     * {@code ~/.mcp-connectors/<connector>}; in a container, a mounted volume.
     */
    Optional<Path> dataDir();

    /** The durable store of approvals and audit events. */
    Store store();

    /** OpenTelemetry traces of tool calls (the full build; off unless enabled). */
    Tracing tracing();

    interface Tracing {
        /** Whether each tool call is exported as a span. */
        @WithDefault("false")
        boolean enabled();

        /** The OTLP endpoint spans go to, e.g. http://otel-collector:4317. */
        Optional<String> endpoint();
    }

    /** Whose identity reaches the data source: the connector's own, or one mapped from each caller. */
    Identity identity();

    interface Identity {
        /** service: every call uses the connector's own identity. mapped: each caller's, from {@link #map()}. */
        @WithDefault("service")
        IdentityMode mode();

        /**
         * The token claim whose value or values are looked up in the map (e.g. groups); empty: the principal's name.
         */
        Optional<String> claim();

        /**
         * Principal name or claim value to the connector's identity for it (a database role, a Salesforce
         * username, a credential set, a list of repositories or roots). Only values written here are ever used.
         */
        Map<String, String> map();
    }

    enum IdentityMode {
        SERVICE,
        MAPPED
    }

    /** Prometheus metrics at /q/metrics (HTTP). */
    Metrics metrics();

    interface Metrics {
        /** Whether /q/metrics is served and tool calls are measured. */
        @WithDefault("true")
        boolean enabled();
    }

    Http http();

    /** Who may use the HTTP transport (stdio needs no credentials from the client). */
    Auth auth();

    enum Transport {
        STDIO,
        HTTP
    }

    enum WritesMode {
        DISABLED,
        ENABLED
    }

    enum ApprovalMode {
        /** Ask the user through MCP elicitation; a client that cannot elicit gets a pending approval instead. */
        ELICIT,
        /** Store the call as a pending approval that an admin approves or denies. */
        ADMIN,
        /** Run writes without asking; an explicit opt-out. */
        NONE
    }

    interface Access {
        /** Whether WRITE and ADMIN tools are registered at all. */
        @WithDefault("disabled")
        WritesMode writes();
    }

    interface Tools {
        /** When set, only these tools are registered. */
        Optional<List<String>> allow();

        /** These tools are never registered. */
        Optional<List<String>> deny();
    }

    interface Limits {
        /** Longest a tool call may run before it is cancelled. */
        @WithDefault("30s")
        Duration timeout();

        /** Most items (entries, lines, matches, rows) a result may hold. */
        @WithDefault("1000")
        int maxItems();

        /** Most bytes of data a result may hold. */
        @WithDefault("1048576")
        long maxBytes();

        /**
         * How long the {@code next_cursor} of a paged result can be used to continue it; after that the call starts
         * over.
         */
        @WithDefault("5m")
        Duration cursorTtl();

        /** Most resources one page of resources/list holds; more follow through its nextCursor. */
        @WithDefault("100")
        int listPageSize();

        /** Most resources one session may be subscribed to at once (resources/subscribe). */
        @WithDefault("16")
        int maxSubscriptions();

        /** How often subscribed resources are checked for changes. */
        @WithDefault("1s")
        Duration subscriptionPollInterval();
    }

    interface Audit {
        /** Append audit lines to this file instead of stderr. */
        Optional<Path> file();
    }

    interface Approval {
        /** How a write is confirmed before it runs. */
        @WithDefault("elicit")
        ApprovalMode mode();

        /** How long the user has to answer an elicitation; no answer in time counts as declined. */
        @WithDefault("5m")
        Duration timeout();

        /** How long a pending approval waits for a decision, and an approved one for its re-submission. */
        @WithDefault("24h")
        Duration expiry();

        /** Whether the approver must be someone other than the principal who requested the call. */
        @WithDefault("false")
        boolean fourEyes();
    }

    interface Store {
        /** file (in connector.data-dir; one machine) or postgresql (shared deployments). */
        @WithDefault("file")
        StoreKind kind();

        /** JDBC URL of the PostgreSQL store, e.g. jdbc:postgresql://db:5432/connectors (kind=postgresql). */
        Optional<String> jdbcUrl();

        /** User of the PostgreSQL store. */
        Optional<String> username();

        /** Password of the PostgreSQL store; from the environment or a secret file, never a checked-in file. */
        Optional<String> password();
    }

    enum StoreKind {
        FILE,
        POSTGRESQL
    }

    interface Http {
        /** Address the HTTP transport binds. */
        @WithDefault("127.0.0.1")
        String host();

        /** Port the HTTP transport listens on. */
        @WithDefault("8080")
        int port();

        /** Browser origins allowed to call the endpoint; a request with any other Origin gets 403. */
        Optional<List<String>> allowedOrigins();

        /**
         * Host header values accepted (DNS-rebinding protection), with or without port. Default: localhost,
         * 127.0.0.1, [::1] and the bound address. Set it to the public host name when binding 0.0.0.0.
         */
        Optional<List<String>> allowedHosts();

        /** Largest request body accepted; a larger one gets 413. */
        @WithDefault("4M")
        String maxBodySize();

        /** An MCP session unused this long ends; the client starts a new one. */
        @WithDefault("30m")
        Duration sessionIdleTimeout();

        /** Requests one principal may make per minute; more get 429 with Retry-After. */
        @WithDefault("600")
        int ratePerMinute();

        /** Requests one principal may have in flight at once; more get 429. */
        @WithDefault("16")
        int concurrentRequests();

        /** HTTPS on the transport itself: a PEM certificate (chain) and its private key. */
        Tls tls();

        /**
         * Whether a gateway, ingress or load balancer in front of the connector terminates TLS, so plain HTTP on a
         * non-loopback address is acceptable with authentication on.
         */
        @WithDefault("false")
        boolean tlsTerminatedUpstream();

        interface Tls {
            /** The server certificate, PEM (with its chain). */
            Optional<Path> certFile();

            /** The certificate's private key, PEM. */
            Optional<Path> keyFile();
        }

        /** Sessions one principal may have open at once; opening another gets 429 (authenticated callers). */
        @WithDefault("32")
        int maxSessionsPerPrincipal();
    }

    interface Auth {
        /** none (only for localhost), static (hashed bearer tokens) or oidc (OAuth 2.1 resource server). */
        @WithDefault("none")
        AuthMode mode();

        /** This connector's resource URI, e.g. https://mcp.example.com/mcp: the token audience (oidc). */
        Optional<String> resource();

        /** The authorization server's issuer URL (oidc). */
        Optional<String> issuer();

        /** The issuer's JWKS URL; when absent, found through the issuer's discovery document (oidc). */
        Optional<String> jwksUrl();

        /**
         * The token claim that names the principal (oidc): {@code sub} by default, which the user cannot change;
         * {@code preferred_username} or {@code email} read better but some providers let users change them.
         */
        @WithDefault("sub")
        String principalClaim();

        /**
         * Static bearer tokens by principal: {@code connector.auth.tokens.<principal>.sha256} (hex SHA-256 of the
         * token, never the token itself) and {@code .scopes}.
         */
        Map<String, StaticToken> tokens();

        interface StaticToken {
            String sha256();

            List<String> scopes();
        }
    }

    enum AuthMode {
        NONE,
        STATIC,
        OIDC
    }
}
