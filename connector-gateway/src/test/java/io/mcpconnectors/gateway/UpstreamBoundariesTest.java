package io.mcpconnectors.gateway;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.ConnectorProcess;
import io.mcpconnectors.common.test.McpCalls;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.quarkiverse.mcp.server.test.McpAssured.McpError;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * The boundaries between upstreams and between what a caller may and may not reach hold on every path, not only for
 * tools: a caller with scopes for one upstream reads none of another's resources (listed or through a template) and
 * gets none of its prompts; a tool name that differs in case or by a lookalike letter is not a tool; an upstream
 * whose manifest changes after start (it says its tool list changed) stops being served; and an identity assertion
 * carries only the caller's scopes for its own upstream and is accepted only at that upstream's audience.
 */
@QuarkusTest
@TestProfile(UpstreamBoundariesTest.Profile.class)
class UpstreamBoundariesTest {

    static final String ALICE = "alice-boundaries-token-0123456789";
    static final String CAROL = "carol-boundaries-token-0123456789";
    static final String ISSUER = "https://mcp-gateway.example.com";
    static final Path DIR = Path.of("target", "gateway-tests", "boundaries").toAbsolutePath();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir = Upstreams.directory("boundaries");
            Map<String, String> config = new HashMap<>();
            config.put("connector.gateway.allow-unpinned", "true");
            config.put("connector.gateway.upstreams.alpha.command", ChattyUpstream.command("alpha"));
            config.put("connector.gateway.upstreams.beta.command", ChattyUpstream.command("beta"));
            config.put("connector.gateway.upstreams.gamma.command", ChattyUpstream.command("gamma"));
            config.put("connector.gateway.upstreams.gamma.manifest-sha256", pin("gamma"));
            config.put("connector.gateway.issuer", ISSUER);
            config.put("connector.auth.mode", "static");
            McpCalls.staticToken(config, "alice", ALICE, "alpha:read");
            McpCalls.staticToken(config, "carol", CAROL, "gamma:read");
            config.put("connector.data-dir", dir.resolve("gateway-data").toString());
            config.put("connector.audit.file", dir.resolve("audit.jsonl").toString());
            return config;
        }

        /** The manifest digest of a chatty upstream as it starts, listed the way the gateway lists it. */
        private static String pin(String scheme) {
            List<String> command = ConnectorProcess.java("-cp", System.getProperty("java.class.path"),
                    ChattyUpstream.class.getName(), scheme);
            var json = McpJsonDefaults.getMapper();
            CancellationWatch cancellations = new CancellationWatch();
            UpstreamSession session = new UpstreamSession("pin", new ChildProcessTransport("pin", command, Map.of(),
                    json, code -> {
                    }), false, Duration.ofSeconds(30), Duration.ofSeconds(30), cancellations, () -> {
                    });
            try {
                session.initialize(Duration.ofSeconds(60));
                return UpstreamCatalog.read(session.client(), "", json, Duration.ofSeconds(30)).digest().sha256();
            } finally {
                session.close();
                cancellations.stop();
            }
        }
    }

    @Inject
    Gateway gateway;

    @Inject
    IdentityAssertions assertions;

    private McpStreamableTestClient alice;

    @BeforeEach
    void upstreamsServing() throws Exception {
        for (String name : List.of("alpha", "beta")) {
            assertTrue(gateway.supervisor(name).awaitFirstAttempt(Duration.ofSeconds(60)));
            assertTrue(gateway.supervisor(name).status().serving(), gateway.supervisor(name).status().describe());
        }
        alice = McpCalls.connect(ALICE);
    }

    @AfterEach
    void disconnect() {
        alice.disconnect();
    }

    @Test
    void aCallerWithoutAnUpstreamsScopeNeitherListsNorReadsItsResourcesTemplatesOrPrompts() {
        AtomicReference<List<String>> names = new AtomicReference<>();
        alice.when().resourcesList(page -> names.set(page.resources().stream().map(r -> r.name()).sorted().toList()))
                .thenAssertResults();
        assertEquals(List.of("alpha.secret"), names.get());
        alice.when().resourcesTemplatesList(page -> names.set(page.templates().stream().map(t -> t.name()).sorted()
                .toList())).thenAssertResults();
        assertEquals(List.of("alpha.note"), names.get());
        alice.when().promptsList(page -> names.set(page.prompts().stream().map(p -> p.name()).sorted().toList()))
                .thenAssertResults();
        assertEquals(List.of("alpha.greet"), names.get());

        AtomicReference<String> own = new AtomicReference<>();
        alice.when().resourcesRead("alpha://secret", r -> own.set(r.contents().get(0).asText().text()))
                .thenAssertResults();
        assertEquals("secret of alpha", own.get());
        for (String uri : List.of("beta://secret", "beta://notes/7", "gamma://secret", "gamma://notes/1")) {
            AtomicReference<McpError> refused = new AtomicReference<>();
            alice.when().resourcesRead(uri).withErrorAssert(refused::set).send().thenAssertResults();
            assertNotNull(refused.get(), uri);
        }
        AtomicReference<McpError> refused = new AtomicReference<>();
        alice.when().promptsGet("beta.greet").withArguments(Map.of("who", "alice")).withErrorAssert(refused::set)
                .send().thenAssertResults();
        assertNotNull(refused.get());
    }

    @Test
    void aToolNameDifferingInCaseOrByALookalikeLetterIsNotATool() {
        for (String name : List.of("ALPHA.odd_link", "alpha.Odd_link", "alpha.odd_Iink", "alpha.odd_l\u0456nk",
                "alpha.odd_link ", "alpha..odd_link", "beta.odd_link", "alpha.beta.odd_link", "odd_link")) {
            assertEquals(-32602, McpCalls.callExpectingProtocolError(alice, name, Map.of()).code(), name);
        }
    }

    @Test
    void anUpstreamWhoseManifestChangesAfterStartStopsBeingServed() throws Exception {
        UpstreamSupervisor gamma = gateway.supervisor("gamma");
        assertTrue(gamma.awaitFirstAttempt(Duration.ofSeconds(60)));
        assertTrue(gamma.status().serving(), gamma.status().describe());
        McpStreamableTestClient carol = McpCalls.connect(CAROL);
        try {
            assertEquals("growing", text(call(carol, "gamma.grow", Map.of())));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (gamma.status().state() != UpstreamStatus.State.REFUSED && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(UpstreamStatus.State.REFUSED, gamma.status().state(), gamma.status().describe());
            assertTrue(gamma.status().detail().contains("does not match the pin"), gamma.status().detail());
            assertEquals(List.of(), McpCalls.toolNames(carol));
            assertEquals(-32602, McpCalls.callExpectingProtocolError(carol, "gamma.extra", Map.of()).code());
            assertEquals(-32602, McpCalls.callExpectingProtocolError(carol, "gamma.odd_link", Map.of()).code());
            assertTrue(Files.readAllLines(DIR.resolve("audit.jsonl")).stream().map(JsonObject::new)
                    .anyMatch(r -> "upstream_refused".equals(r.getString("type"))
                            && "gamma".equals(r.getString("upstream"))));
        } finally {
            carol.disconnect();
        }
    }

    @Test
    void anAssertionCarriesOnlyItsUpstreamsScopesAndIsAcceptedOnlyAtItsAudience() throws Exception {
        String resource = "https://sales-mcp.example.com/mcp";
        UpstreamSpec sales = new UpstreamSpec("sales", List.of(), Map.of(), URI.create(resource), null, null, null,
                true, resource, "postgres");
        String token = assertions.forCaller(sales, "alice", Set.of("sales:read", "sales-eu:admin", "salesx:write",
                "postgres:admin", "gateway:admin", "sales", "SALES:write"), List.of("alice")).token();

        JsonWebKeySet keys = new JsonWebKeySet(assertions.jwks());
        JwtConsumer atSales = new JwtConsumerBuilder().setVerificationKey(keys.getJsonWebKeys().get(0).getKey())
                .setExpectedIssuer(ISSUER).setExpectedAudience(resource).setRequireExpirationTime().build();
        JwtClaims claims = atSales.processToClaims(token);
        assertEquals("alice", claims.getSubject());
        assertEquals("postgres:read", claims.getStringClaimValue("scope"));
        assertEquals(List.of(resource), claims.getAudience());

        JwtConsumer atAnother = new JwtConsumerBuilder().setVerificationKey(keys.getJsonWebKeys().get(0).getKey())
                .setExpectedIssuer(ISSUER).setExpectedAudience("https://hr-mcp.example.com/mcp")
                .setRequireExpirationTime().build();
        assertThrows(InvalidJwtException.class, () -> atAnother.processToClaims(token));
        assertFalse(assertions.jwks().contains("\"d\""), "the JWKS holds no private part");
    }
}
