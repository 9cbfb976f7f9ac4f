package io.mcpconnectors.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import io.mcpconnectors.common.test.ConnectorProcess;
import io.mcpconnectors.common.test.McpCalls;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL connector as a data team deploys it behind the gateway: its full build over Streamable HTTP, on a
 * real PostgreSQL 17 (embedded), as an OAuth resource server that trusts the gateway as its issuer (the gateway's
 * JWKS), with user-bound access: alice and bob are mapped to database roles that row-level security keys on. Between
 * the gateway and the connector sits a relay that records what the gateway sends. The gateway's tokens for alice,
 * bob and mallory are static tokens with the {@code sales:read} scope.
 */
public class PostgresBehindGateway implements QuarkusTestResourceLifecycleManager {

    static final String ALICE = "alice-gateway-token-0123456789";
    static final String BOB = "bob-gateway-token-0123456789ab";
    static final String MALLORY = "mallory-gateway-token-01234567";
    static final String LOGIN_PASSWORD = "login-Secret-3";

    /** Shared with the test (one per test run, as the fixture is). */
    static RecordingProxy proxy;
    static Path upstreamAudit;
    static String resource;
    static String issuer;

    private EmbeddedPostgres database;
    private ConnectorProcess connector;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Upstreams.directory("postgres-upstream");
            database = EmbeddedPostgres.builder().setDataDirectoryCustomizer(d -> {
                try {
                    Files.writeString(d.toPath().resolve("pg_hba.conf"), """
                            local all all trust
                            host all postgres 127.0.0.1/32 trust
                            host all all 127.0.0.1/32 scram-sha-256
                            """);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).start();
            try (Connection c = database.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute(SCHEMA);
            }
            int gatewayPort = ConnectorProcess.freePort();
            int upstreamPort = ConnectorProcess.freePort();
            proxy = new RecordingProxy(upstreamPort);
            issuer = "http://127.0.0.1:" + gatewayPort;
            resource = "http://127.0.0.1:" + proxy.port() + "/mcp";
            upstreamAudit = dir.resolve("upstream-audit.jsonl");
            Map<String, String> env = new HashMap<>();
            env.put("CONNECTOR_POSTGRES_URL", "postgresql://127.0.0.1:" + database.getPort() + "/postgres");
            env.put("CONNECTOR_POSTGRES_USERNAME", "mcp_login");
            env.put("CONNECTOR_POSTGRES_PASSWORD", LOGIN_PASSWORD);
            env.put("CONNECTOR_DATA_DIR", dir.resolve("upstream-data").toString());
            String pin = Upstreams.manifestSha256(Upstreams.postgresJar(), env);
            env.put("CONNECTOR_TRANSPORT", "http");
            env.put("CONNECTOR_HTTP_PORT", String.valueOf(upstreamPort));
            env.put("CONNECTOR_AUTH_MODE", "oidc");
            env.put("CONNECTOR_AUTH_ISSUER", issuer);
            env.put("CONNECTOR_AUTH_JWKS_URL", issuer + "/.well-known/jwks.json");
            env.put("CONNECTOR_AUTH_RESOURCE", resource);
            env.put("CONNECTOR_IDENTITY_MODE", "mapped");
            env.put("CONNECTOR_IDENTITY_MAP_ALICE", "north_analyst");
            env.put("CONNECTOR_IDENTITY_MAP_BOB", "south_analyst");
            env.put("CONNECTOR_AUDIT_FILE", upstreamAudit.toString());
            connector = ConnectorProcess.start(Upstreams.postgresJar(), env);
            connector.awaitLive(upstreamPort);

            Map<String, String> config = new HashMap<>();
            config.put("quarkus.http.test-port", String.valueOf(gatewayPort));
            config.put("connector.gateway.issuer", issuer);
            config.put("connector.gateway.upstreams.sales.url", resource);
            config.put("connector.gateway.upstreams.sales.connector", "postgres");
            config.put("connector.gateway.upstreams.sales.manifest-sha256", pin);
            config.put("connector.gateway.upstreams.sales.resource-cache-ttl", "1h");
            config.put("connector.gateway.restart.initial-backoff", "200ms");
            config.put("connector.gateway.restart.max-backoff", "1s");
            config.put("connector.auth.mode", "static");
            Map.of("alice", ALICE, "bob", BOB, "mallory", MALLORY)
                    .forEach((principal, token) -> McpCalls.staticToken(config, principal, token, "sales:read"));
            config.put("connector.data-dir", dir.resolve("gateway-data").toString());
            config.put("connector.audit.file", dir.resolve("gateway-audit.jsonl").toString());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        try {
            if (connector != null) {
                connector.close();
            }
            if (proxy != null) {
                proxy.close();
            }
            if (database != null) {
                database.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The user-bound access example of docs/identity.md: roles the login role may switch to, row-level security. */
    static final String SCHEMA = """
            CREATE ROLE mcp_login LOGIN NOINHERIT PASSWORD '%s';
            CREATE ROLE north_analyst NOLOGIN;
            CREATE ROLE south_analyst NOLOGIN;
            GRANT north_analyst, south_analyst TO mcp_login;
            CREATE SCHEMA crm;
            CREATE TABLE crm.accounts (id int PRIMARY KEY, name text NOT NULL, region text NOT NULL);
            INSERT INTO crm.accounts VALUES (1, 'Acme', 'north'), (2, 'Globex', 'south'), (3, 'Initech', 'north');
            ALTER TABLE crm.accounts ENABLE ROW LEVEL SECURITY;
            CREATE POLICY region_of_role ON crm.accounts USING (region = CASE current_user
              WHEN 'north_analyst' THEN 'north' WHEN 'south_analyst' THEN 'south' END);
            GRANT USAGE ON SCHEMA crm TO north_analyst, south_analyst;
            GRANT SELECT ON crm.accounts TO north_analyst, south_analyst;
            CREATE TABLE crm.north_targets (id int PRIMARY KEY, target text NOT NULL);
            GRANT SELECT ON crm.north_targets TO north_analyst;
            REVOKE EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) FROM PUBLIC;
            """.formatted(LOGIN_PASSWORD);
}
