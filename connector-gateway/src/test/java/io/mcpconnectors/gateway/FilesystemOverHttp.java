package io.mcpconnectors.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.mcpconnectors.common.test.ConnectorProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The filesystem connector's full build as an HTTP upstream of a gateway that has no authentication of its own (as
 * on a developer's machine): the connector verifies the gateway's assertions (OAuth against the gateway's JWKS) and
 * audits the principal each one names. A relay between them records what the gateway sends. A test can restart the
 * connector on the same address with other settings, as a redeployment does.
 */
public class FilesystemOverHttp implements QuarkusTestResourceLifecycleManager {

    static RecordingProxy proxy;
    static Path dir;
    static String resource;
    private static Map<String, String> env;
    private static int upstreamPort;
    private static ConnectorProcess connector;

    /** The full (HTTP) build next to the stdio build the reactor made. */
    static Path remoteJar() {
        return Upstreams.filesystemJar().getParent().getParent().resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Upstreams.directory("fs-over-http");
            Path root = dir.resolve("root");
            Files.createDirectories(root);
            Files.writeString(root.resolve("hello.txt"), "hello over http\n");
            int gatewayPort = ConnectorProcess.freePort();
            upstreamPort = ConnectorProcess.freePort();
            proxy = new RecordingProxy(upstreamPort);
            String issuer = "http://127.0.0.1:" + gatewayPort;
            resource = "http://127.0.0.1:" + proxy.port() + "/mcp";
            env = new HashMap<>();
            env.put("CONNECTOR_FILESYSTEM_ROOTS", root.toString());
            env.put("CONNECTOR_DATA_DIR", dir.resolve("upstream-data").toString());
            String pin = Upstreams.manifestSha256(remoteJar(), env);
            env.put("CONNECTOR_TRANSPORT", "http");
            env.put("CONNECTOR_HTTP_PORT", String.valueOf(upstreamPort));
            env.put("CONNECTOR_AUTH_MODE", "oidc");
            env.put("CONNECTOR_AUTH_ISSUER", issuer);
            env.put("CONNECTOR_AUTH_JWKS_URL", issuer + "/.well-known/jwks.json");
            env.put("CONNECTOR_AUTH_RESOURCE", resource);
            startConnector(Map.of("CONNECTOR_AUDIT_FILE", audit(1).toString()));

            Map<String, String> config = new HashMap<>();
            config.put("quarkus.http.test-port", String.valueOf(gatewayPort));
            config.put("connector.gateway.issuer", issuer);
            config.put("connector.gateway.upstreams.fs.url", resource);
            config.put("connector.gateway.upstreams.fs.connector", "filesystem");
            config.put("connector.gateway.upstreams.fs.manifest-sha256", pin);
            config.put("connector.gateway.restart.initial-backoff", "200ms");
            config.put("connector.gateway.restart.max-backoff", "1s");
            config.put("connector.data-dir", dir.resolve("gateway-data").toString());
            config.put("connector.audit.file", dir.resolve("gateway-audit.jsonl").toString());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The audit file of the connector's n-th run. */
    static Path audit(int run) {
        return dir.resolve("upstream-audit-" + run + ".jsonl");
    }

    /** Stops the connector and starts it again on the same port, with these settings added. */
    static void restart(Map<String, String> extra) throws IOException {
        connector.close();
        startConnector(extra);
    }

    private static void startConnector(Map<String, String> extra) throws IOException {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(extra);
        connector = ConnectorProcess.start(remoteJar(), all);
        connector.awaitLive(upstreamPort);
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
