package io.mcpconnectors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.ConnectorProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The packaged gateway as a host runs it: spawned over stdio, itself spawning the filesystem connector, answering
 * with nothing but MCP on stdout; and its start-up refusals, one line naming the setting to fix.
 */
class PackagedGatewayIT {

    @Test
    void aHostSpawnsTheGatewayWhichSpawnsTheConnectorAndStdoutCarriesOnlyMcp() throws Exception {
        Path root = Upstreams.directory("packaged-stdio").resolve("root");
        Files.createDirectories(root);
        Files.writeString(root.resolve("hello.txt"), "hello from two hops away\n");
        String pin = Upstreams.manifestSha256(Upstreams.filesystemJar(), Map.of("CONNECTOR_FILESYSTEM_ROOTS",
                root.toString()));
        String command = ConnectorProcess.javaCommandLine() + " -Dconnector.filesystem.roots=" + root
                + " -jar '" + Upstreams.filesystemJar() + "'";
        try (ConnectorProcess gateway = ConnectorProcess.start(ConnectorProcess.jarUnderTest(), Map.of(
                "CONNECTOR_GATEWAY_UPSTREAMS_FS_COMMAND", command,
                "CONNECTOR_GATEWAY_UPSTREAMS_FS_MANIFEST_SHA256", pin,
                "CONNECTOR_DATA_DIR", root.resolveSibling("gateway-data").toString()))) {
            JsonObject init = gateway.initialize("2025-11-25", new JsonObject()).getJsonObject("result");
            assertEquals("connector-gateway", init.getJsonObject("serverInfo").getString("name"));
            JsonArray tools = gateway.request("tools/list", new JsonObject()).getJsonObject("result")
                    .getJsonArray("tools");
            assertTrue(tools.stream().anyMatch(t -> ((JsonObject) t).getString("name").equals("fs.read_text_file")),
                    "the first listing is complete: " + tools);
            JsonObject read = gateway.callTool("fs.read_text_file", new JsonObject().put("path", "hello.txt"));
            assertFalse(read.getBoolean("isError"), read.encode());
            assertEquals("hello from two hops away\n", read.getJsonObject("structuredContent").getString("content"));
            for (String line : gateway.stdoutLines()) {
                assertEquals("2.0", new JsonObject(line).getString("jsonrpc"), "only JSON-RPC on stdout: " + line);
            }
        }
    }

    @Test
    void anUnpinnedUpstreamStopsTheStartWithOneLineNamingThePinSetting() throws Exception {
        assertOneLine(Map.of("CONNECTOR_GATEWAY_UPSTREAMS_FS_COMMAND", "java -jar fs.jar"),
                "connector.gateway.upstreams.fs.manifest-sha256 (CONNECTOR_GATEWAY_UPSTREAMS_FS_MANIFEST_SHA256) is required");
    }

    @Test
    void aBadUpstreamNameStopsTheStartWithOneLine() throws Exception {
        assertOneLine(Map.of("CONNECTOR_GATEWAY_UPSTREAMS_9LIVES_URL", "http://127.0.0.1:1/mcp",
                "CONNECTOR_GATEWAY_ALLOW_UNPINNED", "true"), "connector.gateway.upstreams.9lives (CONNECTOR_GATEWAY_UPSTREAMS_9LIVES) names an upstream");
    }

    @Test
    void anHttpUpstreamReceivingAssertionsNeedsTheIssuer() throws Exception {
        assertOneLine(Map.of("CONNECTOR_GATEWAY_UPSTREAMS_PG_URL", "http://127.0.0.1:1/mcp",
                "CONNECTOR_GATEWAY_UPSTREAMS_PG_MANIFEST_SHA256", "0".repeat(64)), "connector.gateway.issuer (CONNECTOR_GATEWAY_ISSUER) is required");
    }

    @Test
    void twoHttpUpstreamsWithOneAudienceStopTheStart() throws Exception {
        // An assertion signed for one would be accepted by the other, with the scopes meant for the first.
        assertOneLine(Map.of("CONNECTOR_GATEWAY_UPSTREAMS_PG_URL", "http://127.0.0.1:1/mcp",
                "CONNECTOR_GATEWAY_UPSTREAMS_SALES_URL", "http://127.0.0.1:2/mcp",
                "CONNECTOR_GATEWAY_UPSTREAMS_SALES_RESOURCE", "http://127.0.0.1:1/mcp",
                "CONNECTOR_GATEWAY_ISSUER", "https://gateway.example.com",
                "CONNECTOR_GATEWAY_ALLOW_UNPINNED", "true"),
                "connector.gateway.upstreams.sales.resource (CONNECTOR_GATEWAY_UPSTREAMS_SALES_RESOURCE) is"
                        + " http://127.0.0.1:1/mcp, the same as for upstream pg");
    }

    @Test
    void aStaticTokenNeverAppearsInTheStartFailure() throws Exception {
        String token = "upstream-static-token-0123456789";
        String line = assertOneLine(Map.of("CONNECTOR_GATEWAY_UPSTREAMS_PG_URL", "ftp://127.0.0.1/mcp",
                "CONNECTOR_GATEWAY_UPSTREAMS_PG_TOKEN", token, "CONNECTOR_GATEWAY_ALLOW_UNPINNED", "true"),
                "connector.gateway.upstreams.pg.url (CONNECTOR_GATEWAY_UPSTREAMS_PG_URL) must be an http or https URL");
        assertFalse(line.contains(token));
    }

    private static String assertOneLine(Map<String, String> env, String expected) throws Exception {
        try (ConnectorProcess gateway = ConnectorProcess.start(ConnectorProcess.jarUnderTest(), env)) {
            assertTrue(gateway.process().waitFor(60, TimeUnit.SECONDS), "exits");
            assertEquals(1, gateway.process().exitValue());
            List<String> stderr = gateway.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, stderr.size(), String.join("\n", stderr));
            assertTrue(stderr.get(0).contains(expected), stderr.get(0));
            assertTrue(gateway.stdoutLines().isEmpty());
            return stderr.get(0);
        }
    }
}
