package io.mcpconnectors.common;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static io.mcpconnectors.common.test.McpCalls.toolNames;
import static io.mcpconnectors.common.test.McpCalls.tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.mcpconnectors.common.testkit.TestkitTools.SourceState;
import io.quarkiverse.mcp.server.test.McpAssured.ToolInfo;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** An admin enabled writes, opted out of approval explicitly, and denied one tool. */
@QuarkusTest
@TestProfile(WritesEnabledWithoutApprovalTest.Profile.class)
class WritesEnabledWithoutApprovalTest extends McpClientTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.access.writes", "enabled", "connector.approval.mode", "none",
                    "connector.tools.deny", "restructure,sleep,hold");
        }
    }

    @Inject
    SourceState state;

    @Test
    void listsWriteToolsButNotDeniedOnes() {
        assertEquals(List.of("ask", "echo", "many", "oversized", "touch"), toolNames(client));
    }

    @Test
    void derivesWriteAnnotationsFromAccessClass() {
        ToolInfo touch = tools(client).stream().filter(t -> t.name().equals("touch")).findFirst().orElseThrow();
        assertFalse(touch.annotations().orElseThrow().readOnlyHint());
        assertTrue(touch.annotations().orElseThrow().destructiveHint());
        assertFalse(touch.annotations().orElseThrow().idempotentHint());
    }

    @Test
    void runsWriteWhenApprovalIsExplicitlyOff() {
        int before = state.writes.get();
        ok(call(client, "touch", Map.of()));
        assertEquals(before + 1, state.writes.get());
    }
}
