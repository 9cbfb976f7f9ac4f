package io.mcpconnectors.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.mcpconnectors.common.test.ConnectorProcess;
import io.mcpconnectors.common.test.McpCalls;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A gateway whose writes go through admin approval at the connector: the filesystem connector's full build over HTTP
 * (writes on, {@code connector.approval.mode=admin}, four-eyes), an OAuth resource server that trusts the gateway as
 * its issuer, behind a relay that records what the gateway sends; and, as a second upstream, a plain MCP server
 * spawned over stdio. The gateway's callers hold static tokens: alice may write and approve at {@code fs}, bob approves
 * at both upstreams, carol may write at {@code fs} but approve nowhere, mallory approves only at {@code docs}, eve
 * holds only scopes that look like {@code fs:approve} without being it.
 */
public class ApprovalsBehindGateway implements QuarkusTestResourceLifecycleManager {

    static final String ALICE = "alice-approvals-token-0123456789";
    static final String BOB = "bob-approvals-token-0123456789ab";
    static final String CAROL = "carol-approvals-token-012345678";
    static final String MALLORY = "mallory-approvals-token-0123456";
    static final String EVE = "eve-approvals-token-0123456789abc";

    static RecordingProxy proxy;
    static Path root;
    static Path upstreamAudit;
    static Path gatewayAudit;
    private ConnectorProcess connector;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Upstreams.directory("approvals");
            root = dir.resolve("root");
            Files.createDirectories(root);
            int gatewayPort = ConnectorProcess.freePort();
            int upstreamPort = ConnectorProcess.freePort();
            proxy = new RecordingProxy(upstreamPort);
            String issuer = "http://127.0.0.1:" + gatewayPort;
            String resource = "http://127.0.0.1:" + proxy.port() + "/mcp";
            upstreamAudit = dir.resolve("upstream-audit.jsonl");
            gatewayAudit = dir.resolve("gateway-audit.jsonl");

            Map<String, String> env = new HashMap<>();
            env.put("CONNECTOR_FILESYSTEM_ROOTS", root.toString());
            env.put("CONNECTOR_DATA_DIR", dir.resolve("upstream-data").toString());
            env.put("CONNECTOR_ACCESS_WRITES", "enabled");
            env.put("CONNECTOR_APPROVAL_MODE", "admin");
            env.put("CONNECTOR_APPROVAL_FOUR_EYES", "true");
            Path remoteJar = FilesystemOverHttp.remoteJar();
            String pin = Upstreams.manifestSha256(remoteJar, env);
            env.put("CONNECTOR_TRANSPORT", "http");
            env.put("CONNECTOR_HTTP_PORT", String.valueOf(upstreamPort));
            env.put("CONNECTOR_AUTH_MODE", "oidc");
            env.put("CONNECTOR_AUTH_ISSUER", issuer);
            env.put("CONNECTOR_AUTH_JWKS_URL", issuer + "/.well-known/jwks.json");
            env.put("CONNECTOR_AUTH_RESOURCE", resource);
            env.put("CONNECTOR_AUDIT_FILE", upstreamAudit.toString());
            connector = ConnectorProcess.start(remoteJar, env);
            connector.awaitLive(upstreamPort);

            Map<String, String> config = new HashMap<>();
            config.put("quarkus.http.test-port", String.valueOf(gatewayPort));
            config.put("connector.gateway.issuer", issuer);
            config.put("connector.gateway.upstreams.fs.url", resource);
            config.put("connector.gateway.upstreams.fs.connector", "filesystem");
            config.put("connector.gateway.upstreams.fs.manifest-sha256", pin);
            // A spawned upstream beside it (a plain MCP server; its pin does not matter here).
            config.put("connector.gateway.allow-unpinned", "true");
            config.put("connector.gateway.upstreams.docs.command", ConnectorProcess.javaCommandLine() + " -cp '"
                    + System.getProperty("java.class.path") + "' " + ScriptedUpstream.class.getName() + " plain '"
                    + dir.resolve("docs.in") + "'");
            config.put("connector.gateway.restart.initial-backoff", "200ms");
            config.put("connector.gateway.restart.max-backoff", "1s");
            config.put("connector.access.writes", "enabled");
            config.put("connector.auth.mode", "static");
            Map<String, String[]> tokens = Map.of(
                    "alice", new String[] { ALICE, "fs:write,fs:approve" },
                    "bob", new String[] { BOB, "fs:approve,docs:approve" },
                    "carol", new String[] { CAROL, "fs:read,fs:write,docs:read" },
                    "mallory", new String[] { MALLORY, "docs:approve" },
                    "eve", new String[] { EVE, "fs:read,fs2:approve,f:approve,FS:approve,fs:approve2,fs:approve:x"
                            + ",docs-fs:approve" });
            tokens.forEach((principal, token) -> McpCalls.staticToken(config, principal, token[0], token[1]));
            config.put("connector.data-dir", dir.resolve("gateway-data").toString());
            config.put("connector.audit.file", gatewayAudit.toString());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
