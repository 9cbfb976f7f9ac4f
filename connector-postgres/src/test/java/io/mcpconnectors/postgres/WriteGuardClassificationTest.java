package io.mcpconnectors.postgres;

import static io.mcpconnectors.common.test.McpCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.approval.ApprovalService;
import io.mcpconnectors.common.mcp.ApprovalGate;
import io.mcpconnectors.common.test.AdminApprovedWrites;
import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpClientTest;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The write guard classifies with a parser whose comments do not nest, while PostgreSQL's do: to the parser the
 * statement below is an INSERT followed by a line comment, to PostgreSQL it is a comment followed by CREATE TABLE ...
 * AS. So execute (a data change) runs structure changes that only execute_ddl may run; its preview (EXPLAIN, which
 * accepts CREATE TABLE AS) raises no error, so the approver is asked about it as an INSERT.
 */
@QuarkusTest
@TestProfile(AdminApprovedWrites.class)
@WithTestResource(value = EmbeddedPostgresFixture.class, initArgs = @ResourceArg(name = "role", value = "writer"))
class WriteGuardClassificationTest extends McpClientTest {

    static final String HIDDEN_DDL = "/* /* */ INSERT INTO shop.t VALUES (90, 'x') -- */"
            + " CREATE TABLE shop.made_through_execute AS SELECT * FROM shop.customers";

    @Inject
    ApprovalService approvals;

    @Test
    void executeDoesNotRunAStructureChangeHiddenBehindANestedComment() {
        ToolResponse first = call(client, "execute", Map.of("sql", HIDDEN_DDL));
        String firstText = McpCalls.text(first);
        try {
            if (!first.isError()) {
                // What an approver who trusts the tool's class would do: approve the "INSERT" and let it run.
                String id = ((io.vertx.core.json.JsonObject) first.structuredContent()).getJsonObject("approval")
                        .getString("id");
                approvals.decide(id, true, "admin", null);
                call(client, "execute", Map.of("sql", HIDDEN_DDL, ApprovalGate.APPROVAL_ID, id));
            }
            assertEquals(0, EmbeddedPostgresFixture.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'shop'"
                    + " AND tablename = 'made_through_execute'"), "execute ran CREATE TABLE AS: " + firstText);
            assertTrue(first.isError() && firstText.startsWith("Not run:"), firstText);
        } finally {
            EmbeddedPostgresFixture.execute("DROP TABLE IF EXISTS shop.made_through_execute");
        }
    }
}
