package io.mcpconnectors.gateway;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * A gateway in front of an HTTP connector. The session the gateway lists the connector's catalog on carries the
 * gateway's own identity with every access class; the documentation promises that no caller's tool call travels on
 * it. An HTTP connector that is redeployed (its MCP sessions gone) is reached again, and its manifest is checked
 * again whenever it comes back, as for a spawned one: redeployed with another manifest (here: its write tools
 * switched on), it must not be served.
 */
@QuarkusTest
@WithTestResource(FilesystemOverHttp.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpUpstreamSessionTest extends McpClientTest {

    @Inject
    Gateway gateway;

    @BeforeEach
    void upstreamServing() throws Exception {
        UpstreamSupervisor fs = gateway.supervisor("fs");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        // The connector fetches the gateway's JWKS only once the gateway serves it, so the first attempt may fail.
        while (!fs.status().serving() && fs.status().state() != UpstreamStatus.State.REFUSED
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    @Test
    @Order(1)
    void aCallersToolCallDoesNotTravelAsTheGatewaysOwnCatalogIdentity() throws Exception {
        assertTrue(gateway.supervisor("fs").status().serving(), gateway.supervisor("fs").status().describe());
        ok(call(client, "fs.list_roots", Map.of()));

        JsonObject record = Files.readAllLines(FilesystemOverHttp.audit(1)).stream().map(JsonObject::new)
                .filter(r -> "list_roots".equals(r.getString("tool"))).reduce((a, b) -> b).orElseThrow();
        List<String> subjects = new ArrayList<>();
        Matcher bearer = Pattern.compile("(?i)authorization: Bearer ([A-Za-z0-9_.-]+)")
                .matcher(FilesystemOverHttp.proxy.sent());
        while (bearer.find()) {
            JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(bearer.group(1).split("\\.")[1]),
                    StandardCharsets.UTF_8));
            subjects.add(claims.getString("sub") + " [" + claims.getString("scope") + "]");
        }
        assertNotEquals(IdentityAssertions.GATEWAY_PRINCIPAL, record.getString("principal"),
                "the caller's tool call reached the connector as the gateway's catalog identity (every access class);"
                        + " assertions the gateway sent: " + subjects.stream().distinct().toList());
    }

    @Test
    @Order(2)
    void anHttpUpstreamRestartedWithTheSameManifestIsServedAgain() throws Exception {
        UpstreamSupervisor fs = gateway.supervisor("fs");
        assertTrue(fs.status().serving(), fs.status().describe());
        ok(call(client, "fs.list_roots", Map.of()));

        // A redeployment with the same settings: the same manifest, new MCP sessions.
        FilesystemOverHttp.restart(Map.of("CONNECTOR_AUDIT_FILE", FilesystemOverHttp.audit(2).toString()));

        List<String> answers = callUntilServed(40);
        assertTrue(reached(2), "the gateway never reached the restarted connector (status: " + fs.status().describe()
                + "); answers: " + answers);
    }

    @Test
    @Order(3)
    void anHttpUpstreamThatComesBackWithAnotherManifestIsNotServed() throws Exception {
        UpstreamSupervisor fs = gateway.supervisor("fs");
        assertTrue(fs.status().serving(), fs.status().describe());

        // Redeployed with its write tools on: four more tools, a manifest other than the pinned one.
        FilesystemOverHttp.restart(Map.of("CONNECTOR_ACCESS_WRITES", "enabled",
                "CONNECTOR_AUDIT_FILE", FilesystemOverHttp.audit(3).toString()));

        List<String> answers = callUntilServed(20);
        assertFalse(reached(3), "a tool of the redeployed connector, whose manifest no longer matches the pin, was"
                + " served (gateway status: " + fs.status().describe() + "); answers: " + answers);
        assertEquals(UpstreamStatus.State.REFUSED, fs.status().state(), "the manifest of the redeployed connector was"
                + " not checked again; status: " + fs.status().describe() + "; answers: " + answers);
    }

    /** Calls fs.list_roots until one call succeeds, at most this many times; the answers. */
    private List<String> callUntilServed(int attempts) throws Exception {
        List<String> answers = new ArrayList<>();
        for (int attempt = 0; attempt < attempts; attempt++) {
            JsonObject request = client.newRequest("tools/call").put("params", new JsonObject()
                    .put("name", "fs.list_roots").put("arguments", new JsonObject()));
            client.sendAndForget(request);
            JsonObject response = client.waitForResponse(request);
            answers.add(response.encode());
            if (response.containsKey("result") && !response.getJsonObject("result").getBoolean("isError", false)) {
                break;
            }
            Thread.sleep(250);
        }
        return answers.stream().distinct().toList();
    }

    /** Whether the connector's n-th run answered a list_roots call. */
    private static boolean reached(int run) throws Exception {
        Path audit = FilesystemOverHttp.audit(run);
        return Files.exists(audit) && Files.readAllLines(audit).stream().map(JsonObject::new)
                .anyMatch(r -> "list_roots".equals(r.getString("tool")));
    }
}
