package io.mcpconnectors.common.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.cli.AdminCommands;
import io.mcpconnectors.common.store.PostgresStore;
import io.mcpconnectors.common.store.StoreProvider;
import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpClientTest;
import io.mcpconnectors.common.testkit.TestkitTools.SourceState;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * A shared deployment: approvals and the audit chain in PostgreSQL, the tables created by Flyway when the
 * connector starts. The whole path runs: pending, approved with the admin command, re-submitted, verified.
 */
@QuarkusTest
@TestProfile(ApprovalOnPostgresStoreTest.Profile.class)
class ApprovalOnPostgresStoreTest extends McpClientTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.access.writes", "enabled", "connector.approval.mode", "admin");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmbeddedPostgresStore.class));
        }
    }

    @Inject
    SourceState state;

    @Inject
    ApprovalService approvals;

    @Inject
    StoreProvider stores;

    @Inject
    AdminCommands commands;

    @TestHTTPResource("/")
    URI base;

    @Test
    void readinessFollowsTheStoresDatabase() throws Exception {
        HttpResponse<String> ready = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("/q/health/ready")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        List<String> checks = new JsonObject(ready.body()).getJsonArray("checks").stream()
                .map(check -> ((JsonObject) check).getString("name")).sorted().toList();
        assertEquals(List.of("connector-store", "testkit-source"), checks, ready.body());
    }

    @Test
    void theStoresPasswordsNeverLeaveTheConnector() {
        for (String held : new String[] { EmbeddedPostgresStore.PASSWORD, "url-Secret!42" }) {
            JsonObject echoed = McpCalls.ok(McpCalls.call(client, "echo", Map.of("text", "the store uses " + held)));
            assertEquals("the store uses [REDACTED]", echoed.getString("text"), held);
        }
    }

    @Test
    void anApprovalLivesInPostgresqlAndTheChainVerifies() {
        assertTrue(stores.store() instanceof PostgresStore, stores.store().describe());
        ToolResponse pending = McpCalls.call(client, "touch", Map.of("note", "shared"));
        String id = ((JsonObject) pending.structuredContent()).getJsonObject("approval").getString("id");
        int before = state.writes.get();

        AdminCommandRun approved = AdminCommandRun.of(commands, "approvals", "approve", id);
        assertEquals(0, approved.code(), approved.err());

        ToolResponse ran = McpCalls.call(client, "touch", Map.of("note", "shared", "approval_id", id));
        assertFalse(ran.isError(), McpCalls.text(ran));
        assertEquals(before + 1, state.writes.get());
        assertTrue(McpCalls.call(client, "touch", Map.of("note", "shared", "approval_id", id)).isError());
        assertEquals(ApprovalStatus.EXECUTED, approvals.find(id).orElseThrow().status());

        AdminCommandRun verified = AdminCommandRun.of(commands, "audit", "verify");
        assertEquals(0, verified.code(), verified.out() + verified.err());
        assertTrue(verified.out().contains("PostgreSQL store"), verified.out());
    }
}
