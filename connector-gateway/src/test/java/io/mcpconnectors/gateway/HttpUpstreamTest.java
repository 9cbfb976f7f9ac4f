package io.mcpconnectors.gateway;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpCalls;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The gateway in front of the PostgreSQL connector over HTTP. Each caller reaches the connector as itself through a
 * short-lived assertion the gateway signs (and the connector verifies against the gateway's JWKS), so the
 * connector's user-bound access applies behind the gateway: two callers, the same query, their own rows. The
 * callers' own tokens never reach the connector. Resources and prompts pass through under the upstream's name.
 */
@QuarkusTest
@WithTestResource(PostgresBehindGateway.class)
class HttpUpstreamTest {

    static final String BY_REGION = "SELECT name FROM crm.accounts ORDER BY id";

    @Inject
    Gateway gateway;

    @TestHTTPResource("/.well-known/jwks.json")
    URI jwks;

    private final List<McpStreamableTestClient> clients = new ArrayList<>();

    @BeforeEach
    void upstreamServing() throws Exception {
        UpstreamSupervisor sales = gateway.supervisor("sales");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        // The connector fetches the gateway's JWKS only once the gateway serves it, so the first attempt may fail.
        while (!sales.status().serving() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(sales.status().serving(), sales.status().describe());
    }

    @AfterEach
    void disconnect() {
        clients.forEach(McpStreamableTestClient::disconnect);
        clients.clear();
    }

    private McpStreamableTestClient as(String token) {
        McpStreamableTestClient client = McpCalls.connect(token);
        clients.add(client);
        return client;
    }

    @Test
    void eachCallerGetsItsOwnRowsFromTheSameQueryThroughTheGateway() {
        assertEquals(List.of("Acme", "Initech"), names(ok(call(as(PostgresBehindGateway.ALICE), "sales.query",
                Map.of("sql", BY_REGION)))));
        assertEquals(List.of("Globex"), names(ok(call(as(PostgresBehindGateway.BOB), "sales.query",
                Map.of("sql", BY_REGION)))));
        JsonObject who = ok(call(as(PostgresBehindGateway.BOB), "sales.query", Map.of("sql",
                "SELECT current_user::text, current_setting('mcp.principal')")));
        assertEquals(new JsonArray().add("south_analyst").add("bob"), who.getJsonArray("rows").getJsonArray(0));
    }

    @Test
    void aCallerTheConnectorDoesNotMapIsRefusedByTheConnector() {
        String refusal = error(call(as(PostgresBehindGateway.MALLORY), "sales.query", Map.of("sql", "SELECT 1")));
        assertTrue(refusal.contains("principal mallory has no data-source identity"), refusal);
    }

    @Test
    void theCallersTokenNeverReachesTheUpstreamOnlyTheGatewaysAssertionDoes() {
        ok(call(as(PostgresBehindGateway.ALICE), "sales.query", Map.of("sql", "SELECT 1")));
        String sent = PostgresBehindGateway.proxy.sent();
        for (String token : List.of(PostgresBehindGateway.ALICE, PostgresBehindGateway.BOB,
                PostgresBehindGateway.MALLORY)) {
            assertFalse(sent.contains(token), "a caller's token reached the upstream");
        }
        Matcher bearer = Pattern.compile("(?i)authorization: Bearer ([A-Za-z0-9_.-]+)").matcher(sent);
        List<JsonObject> assertions = new ArrayList<>();
        while (bearer.find()) {
            String[] parts = bearer.group(1).split("\\.");
            assertEquals(3, parts.length);
            assertions.add(new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)));
        }
        assertFalse(assertions.isEmpty(), "every request to the upstream carries an assertion");
        JsonObject alice = assertions.stream().filter(a -> "alice".equals(a.getString("sub"))).findFirst()
                .orElseThrow(() -> new AssertionError(assertions.toString()));
        assertEquals(PostgresBehindGateway.issuer, alice.getString("iss"));
        assertEquals(PostgresBehindGateway.resource, alice.getValue("aud") instanceof JsonArray a ? a.getString(0)
                : alice.getString("aud"));
        assertEquals("postgres:read", alice.getString("scope"));
        assertTrue(alice.getLong("exp") - alice.getLong("iat") <= 60, alice.encode());
    }

    @Test
    void theUpstreamAuditsTheCallerAndItsDatabaseRoleTheGatewayAuditsCallerUpstreamAndTool() throws Exception {
        ok(call(as(PostgresBehindGateway.ALICE), "sales.list_schemas", Map.of()));
        JsonObject upstream = Files.readAllLines(PostgresBehindGateway.upstreamAudit).stream().map(JsonObject::new)
                .filter(r -> "list_schemas".equals(r.getString("tool"))).reduce((a, b) -> b).orElseThrow();
        assertEquals("alice", upstream.getString("principal"));
        assertEquals("north_analyst", upstream.getString("identity"));
    }

    @Test
    void theGatewayServesTheKeyTheUpstreamVerifiesWith() throws Exception {
        HttpResponse<String> keys = HttpClient.newHttpClient().send(HttpRequest.newBuilder(jwks).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, keys.statusCode());
        JsonObject key = new JsonObject(keys.body()).getJsonArray("keys").getJsonObject(0);
        assertEquals("RSA", key.getString("kty"));
        assertEquals("RS256", key.getString("alg"));
        assertFalse(key.containsKey("d"), "no private part");
    }

    @Test
    void resourceTemplatesAndPromptsPassThroughUnderTheUpstreamName() {
        McpStreamableTestClient alice = as(PostgresBehindGateway.ALICE);
        AtomicReference<List<String>> templates = new AtomicReference<>();
        alice.when().resourcesTemplatesList(page -> templates.set(page.templates().stream()
                .map(t -> t.name() + " " + t.uriTemplate()).sorted().toList())).thenAssertResults();
        assertEquals(List.of("sales.schema postgres://{schema}", "sales.table postgres://{schema}/{table}"),
                templates.get());
        AtomicReference<String> table = new AtomicReference<>();
        alice.when().resourcesRead("postgres://crm/accounts", r -> table.set(r.contents().get(0).asText().text()))
                .thenAssertResults();
        assertTrue(table.get().contains("region"), table.get());
        // Read again within connector.gateway.upstreams.sales.resource-cache-ttl: from the gateway's cache.
        alice.when().resourcesRead("postgres://crm/accounts", r -> assertEquals(table.get(),
                r.contents().get(0).asText().text())).thenAssertResults();

        AtomicReference<List<String>> prompts = new AtomicReference<>();
        alice.when().promptsList(page -> prompts.set(page.prompts().stream().map(p -> p.name()).sorted().toList()))
                .thenAssertResults();
        assertTrue(prompts.get().contains("sales.explore_database"), prompts.get().toString());
        AtomicReference<String> prompt = new AtomicReference<>();
        alice.when().promptsGet("sales.explore_database").withArguments(Map.of("schema", "crm"))
                .withAssert(r -> prompt.set(r.messages().get(0).content().asText().text())).send().thenAssertResults();
        assertTrue(prompt.get().contains("crm"), prompt.get());
    }

    @Test
    void aResourceReadIsServedFromTheCacheWithinItsTtlPerCaller() throws Exception {
        for (String token : List.of(PostgresBehindGateway.ALICE, PostgresBehindGateway.ALICE, PostgresBehindGateway.BOB)) {
            as(token).when().resourcesRead("postgres://crm", r -> assertTrue(r.contents().get(0).asText().text()
                    .contains("accounts"))).thenAssertResults();
        }
        long upstreamReads = Files.readAllLines(PostgresBehindGateway.upstreamAudit).stream().map(JsonObject::new)
                .filter(r -> "resource:schema".equals(r.getString("tool"))).count();
        assertEquals(2, upstreamReads, "alice's second read came from the cache; bob's is his own");
    }

    private static List<String> names(JsonObject result) {
        List<String> names = new ArrayList<>();
        result.getJsonArray("rows").forEach(row -> names.add(((JsonArray) row).getString(0)));
        return names;
    }
}
