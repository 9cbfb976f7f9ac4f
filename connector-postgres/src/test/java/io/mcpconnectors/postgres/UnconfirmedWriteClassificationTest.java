package io.mcpconnectors.postgres;

import static io.mcpconnectors.common.test.McpCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpClientTest;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With writes confirmed by nobody (connector.approval.mode=none) there is no preview to fail, so the nested-comment
 * mismatch between the write guard's parser and PostgreSQL lets execute run any one statement, a DO block included.
 */
@QuarkusTest
@TestProfile(UnconfirmedWriteClassificationTest.Unconfirmed.class)
@WithTestResource(value = EmbeddedPostgresFixture.class, initArgs = @ResourceArg(name = "role", value = "writer"))
class UnconfirmedWriteClassificationTest extends McpClientTest {

    public static class Unconfirmed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.access.writes", "enabled", "connector.approval.mode", "none",
                    "connector.data-dir", "target/connector-data/unconfirmed-writes");
        }
    }

    @Test
    void executeDoesNotRunADoBlockHiddenBehindANestedComment() {
        String sql = "/* /* */ INSERT INTO shop.t VALUES (91, 'x') -- */"
                + " DO $$BEGIN CREATE TABLE shop.made_by_do_block (x int); END$$";
        ToolResponse answer = call(client, "execute", Map.of("sql", sql));
        try {
            assertEquals(0, EmbeddedPostgresFixture.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'shop'"
                    + " AND tablename = 'made_by_do_block'"), "execute ran a DO block: " + answer);
            assertTrue(answer.isError() && McpCalls.text(answer).contains("Refused"), answer.toString());
        } finally {
            EmbeddedPostgresFixture.execute("DROP TABLE IF EXISTS shop.made_by_do_block");
        }
    }
}
