package io.mcpconnectors.gateway;

import static io.mcpconnectors.common.test.McpResources.complete;
import static io.mcpconnectors.common.test.McpResources.errorCode;
import static io.mcpconnectors.common.test.McpResources.listAll;
import static io.mcpconnectors.common.test.McpResources.request;
import static io.mcpconnectors.common.test.McpResources.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpResources.Listing;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * Per-caller resources through the gateway in front of the PostgreSQL connector over HTTP with user-bound access:
 * each caller's {@code resources/list} and completions are asked of the connector with that caller's identity (the
 * gateway's assertion for it), so alice sees the table only her role may read and bob does not, and a caller the
 * connector does not map sees none of the data. The callers' tokens never reach the connector.
 */
@QuarkusTest
@WithTestResource(PostgresBehindGateway.class)
class PerCallerResourcesTest {

    static final String NORTH_ONLY = "postgres://crm/north_targets";

    @Inject
    Gateway gateway;

    private final List<McpStreamableTestClient> clients = new ArrayList<>();

    @BeforeEach
    void upstreamServing() throws Exception {
        UpstreamSupervisor sales = gateway.supervisor("sales");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
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
    void eachCallerListsWhatItsOwnRoleMaySee() {
        Listing alice = listAll(as(PostgresBehindGateway.ALICE));
        Listing bob = listAll(as(PostgresBehindGateway.BOB));
        assertTrue(alice.uris().contains(NORTH_ONLY), alice.uris().toString());
        assertTrue(alice.uris().contains("postgres://crm/accounts"), alice.uris().toString());
        assertFalse(bob.uris().contains(NORTH_ONLY), "bob's role may not read it: " + bob.uris());
        assertTrue(bob.uris().contains("postgres://crm/accounts"), bob.uris().toString());
        assertTrue(alice.names().stream().allMatch(n -> n.startsWith("sales.")), alice.names().toString());

        Listing mallory = listAll(as(PostgresBehindGateway.MALLORY));
        assertTrue(mallory.resources().stream().noneMatch(r -> r.containsKey("_meta")
                && Boolean.TRUE.equals(r.getJsonObject("_meta").getValue("io.mcpconnectors/listed-data"))),
                "a caller without a data-source identity sees none of the data: " + mallory.uris());

        String sent = PostgresBehindGateway.proxy.sent();
        for (String token : List.of(PostgresBehindGateway.ALICE, PostgresBehindGateway.BOB,
                PostgresBehindGateway.MALLORY)) {
            assertFalse(sent.contains(token), "a caller's token reached the upstream");
        }
    }

    @Test
    void aListedResourceReadsAsTheCaller() {
        JsonObject alice = request(as(PostgresBehindGateway.ALICE), "resources/read", new JsonObject().put("uri",
                NORTH_ONLY));
        assertEquals(0, errorCode(alice), alice.encode());
        JsonObject bob = request(as(PostgresBehindGateway.BOB), "resources/read", new JsonObject().put("uri",
                NORTH_ONLY));
        assertTrue(errorCode(bob) != 0, "bob's role may not read it: " + bob.encode());
    }

    @Test
    void completionsAreTheCallersOwn() {
        List<String> alice = values(complete(as(PostgresBehindGateway.ALICE), "postgres://{schema}/{table}", "table",
                "", Map.of("schema", "crm")));
        List<String> bob = values(complete(as(PostgresBehindGateway.BOB), "postgres://{schema}/{table}", "table", "",
                Map.of("schema", "crm")));
        assertTrue(alice.contains("north_targets") && alice.contains("accounts"), alice.toString());
        assertEquals(List.of("accounts"), bob);

        JsonObject unknown = complete(as(PostgresBehindGateway.BOB), "postgres://{nothing}", "nothing", "", Map.of());
        assertEquals(-32602, errorCode(unknown), unknown.encode());
    }
}
