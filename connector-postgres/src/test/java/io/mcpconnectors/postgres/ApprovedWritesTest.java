package io.mcpconnectors.postgres;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.approval.Approval;
import io.mcpconnectors.common.approval.ApprovalService;
import io.mcpconnectors.common.mcp.ApprovalGate;
import io.mcpconnectors.common.test.AdminApprovedWrites;
import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * Writes behind admin approval: the approver sees the statement, its parameters and PostgreSQL's estimate of the
 * rows it touches; nothing changes until the approved, identical statement is re-submitted.
 */
@QuarkusTest
@TestProfile(AdminApprovedWrites.class)
@WithTestResource(value = EmbeddedPostgresFixture.class, initArgs = @ResourceArg(name = "role", value = "writer"))
class ApprovedWritesTest extends McpClientTest {

    @Inject
    ApprovalService approvals;

    @Test
    void theApproverSeesThePlannerEstimateAndNothingChangesBeforeApproval() {
        String sql = "UPDATE shop.customers SET email = lower(email) WHERE id <= $1";
        long before = EmbeddedPostgresFixture.count("SELECT count(*) FROM shop.customers WHERE email <> lower(email)");
        JsonObject pending = ok(call(client, "execute", Map.of("sql", sql, "params", List.of(1000))));
        String id = pending.getJsonObject("approval").getString("id");
        Approval approval = approvals.find(id).orElseThrow();
        assertTrue(approval.preview().contains(sql), approval.preview());
        assertTrue(approval.preview().contains("with parameters [1000]"), approval.preview());
        assertTrue(approval.preview().contains("PostgreSQL estimates this Update on customers touches about"),
                approval.preview());
        assertEquals(before, EmbeddedPostgresFixture.count(
                "SELECT count(*) FROM shop.customers WHERE email <> lower(email)"));

        approvals.decide(id, true, "admin", null);
        JsonObject ran = ok(call(client, "execute", Map.of("sql", sql, "params", List.of(1000),
                ApprovalGate.APPROVAL_ID, id)));
        assertEquals("UPDATE", ran.getString("statement"));
    }

    @Test
    void aStatementTheGuardRefusesIsRefusedBeforeAnyoneIsAsked() {
        int before = approvals.list().size();
        String message = error(call(client, "execute", Map.of("sql", "DROP TABLE shop.t")));
        assertTrue(message.startsWith("Not run:") && message.contains("use execute_ddl"), message);
        assertEquals(before, approvals.list().size(), "no approval is requested for a statement that cannot run");
    }
}
