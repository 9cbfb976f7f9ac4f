package io.mcpconnectors.gateway;

import static io.mcpconnectors.common.test.McpResources.errorCode;
import static io.mcpconnectors.common.test.McpResources.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpResources;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * Resource URIs are not renamed, so an upstream whose template could match a URI another upstream's template matches
 * would make that URI unreadable (the MCP layer finds two templates for it). Of {@code alpha} ({@code docs://{id}})
 * and {@code beta} ({@code {kind}://7}), which both match {@code docs://7}, whichever registers second is refused;
 * templates that only look alike ({@code docs://v1-0/{id}}, {@code docs://v1x0/{id}}, {@code docs://{a}/{b}/{c}}) are
 * all served and each reads from its own upstream. An upstream's own templates may overlap each other
 * ({@code dash://{x}/7} and {@code dash://notes/{id}}).
 */
@QuarkusTest
@TestProfile(OverlappingTemplatesTest.Profile.class)
class OverlappingTemplatesTest {

    static final String TOKEN = "alice-overlapping-templates-token-01";
    static final Path AUDIT = Path.of("target", "gateway-tests", "overlapping-templates", "audit.jsonl")
            .toAbsolutePath();
    static final Map<String, String> RACING = Map.of("alpha", "docs://{id}", "beta", "{kind}://7");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir = Upstreams.directory("overlapping-templates");
            Map<String, String> config = new HashMap<>();
            config.put("connector.gateway.allow-unpinned", "true");
            RACING.forEach((name, template) -> config.put("connector.gateway.upstreams." + name + ".command",
                    HostileResourcesUpstream.command(name, "zeta", "templates=" + template)));
            config.put("connector.gateway.upstreams.dash.command",
                    HostileResourcesUpstream.command("dash", "zeta", "templates=docs://v1-0/{id},dash://{x}/7"));
            config.put("connector.gateway.upstreams.ex.command",
                    HostileResourcesUpstream.command("ex", "zeta", "templates=docs://v1x0/{id}"));
            config.put("connector.gateway.upstreams.deep.command",
                    HostileResourcesUpstream.command("deep", "zeta", "templates=docs://{a}/{b}/{c}"));
            config.put("connector.auth.mode", "static");
            McpCalls.staticToken(config, "alice", TOKEN, "alpha:read,beta:read,dash:read,ex:read,deep:read");
            config.put("connector.data-dir", dir.resolve("gateway-data").toString());
            config.put("connector.audit.file", AUDIT.toString());
            return config;
        }
    }

    @Inject
    Gateway gateway;

    @TestHTTPResource("/q/health/ready")
    URI readiness;

    private McpStreamableTestClient alice;

    @BeforeEach
    void upstreamsStarted() throws Exception {
        for (String name : List.of("alpha", "beta", "dash", "ex", "deep")) {
            assertTrue(gateway.supervisor(name).awaitFirstAttempt(Duration.ofSeconds(60)), name);
        }
        alice = McpResources.connectForNotifications(TOKEN);
    }

    @AfterEach
    void disconnect() {
        alice.disconnect();
    }

    @Test
    void theSecondOfTwoUpstreamsWhoseTemplatesOverlapIsRefusedAndReadinessSaysWhichAndWhy() throws Exception {
        boolean alphaServes = gateway.supervisor("alpha").status().serving();
        assertNotEquals(alphaServes, gateway.supervisor("beta").status().serving(),
                "exactly one of them is served: " + gateway.supervisor("alpha").status().describe() + " / "
                        + gateway.supervisor("beta").status().describe());
        String served = alphaServes ? "alpha" : "beta";
        String refused = alphaServes ? "beta" : "alpha";
        UpstreamStatus status = gateway.supervisor(refused).status();
        assertEquals(UpstreamStatus.State.REFUSED, status.state(), status.describe());

        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(readiness).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(503, ready.statusCode(), ready.body());
        String reason = new JsonObject(ready.body()).getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("name").equals("gateway-upstreams")).findFirst().orElseThrow()
                .getJsonObject("data").getString(refused);
        assertTrue(reason.contains("its resource template " + RACING.get(refused) + " overlaps the resource template "
                + RACING.get(served) + " of upstream " + served), reason);

        JsonObject audited = Files.readAllLines(AUDIT).stream().map(JsonObject::new)
                .filter(r -> "upstream_refused".equals(r.getString("type")))
                .filter(r -> refused.equals(r.getString("upstream"))).findFirst().orElseThrow();
        assertTrue(audited.getString("reason").contains("overlaps"), audited.encode());

        // The URI both templates match is read from the upstream served first, and only from it.
        JsonObject read = request(alice, "resources/read", new JsonObject().put("uri", "docs://7"));
        assertEquals(0, errorCode(read), read.encode());
        assertTrue(read.encode().contains("extra of " + served), read.encode());
        JsonObject own = request(alice, "resources/read", new JsonObject().put("uri", refused + "://notes/1"));
        assertTrue(errorCode(own) != 0, "nothing of the refused upstream is served: " + own.encode());
    }

    @Test
    void templatesThatOnlyLookAlikeAreAllServedAndEachReadsFromItsOwnUpstream() {
        for (String name : List.of("dash", "ex", "deep")) {
            assertTrue(gateway.supervisor(name).status().serving(), gateway.supervisor(name).status().describe());
        }
        Map<String, String> reads = Map.of("docs://v1-0/7", "dash", "docs://v1x0/7", "ex", "docs://a/b/c", "deep",
                "dash://notes/2", "dash");
        reads.forEach((uri, upstream) -> {
            JsonObject read = request(alice, "resources/read", new JsonObject().put("uri", uri));
            assertEquals(0, errorCode(read), uri + " → " + read.encode());
            assertTrue(read.encode().contains("of " + upstream), uri + " → " + read.encode());
        });
    }
}
