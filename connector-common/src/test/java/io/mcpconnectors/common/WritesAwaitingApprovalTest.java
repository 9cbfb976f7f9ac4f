package io.mcpconnectors.common;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.toolNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.mcpconnectors.common.testkit.TestkitTools.SourceState;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Writes enabled but no approval opt-out: no write runs unconfirmed. */
@QuarkusTest
@TestProfile(WritesAwaitingApprovalTest.Profile.class)
class WritesAwaitingApprovalTest extends McpClientTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.access.writes", "enabled", "connector.tools.allow", "echo,touch,restructure");
        }
    }

    @Inject
    SourceState state;

    @Test
    void listsOnlyAllowedTools() {
        assertEquals(List.of("echo", "restructure", "touch"), toolNames(client));
    }

    @Test
    void refusesWriteAndAdminCallsWithoutApproval() {
        for (String tool : List.of("touch", "restructure")) {
            String message = error(call(client, tool, Map.of()));
            assertTrue(message.startsWith("Not run:"), message);
            assertTrue(message.contains("connector.approval.mode=none"), message);
        }
        assertEquals(0, state.writes.get());
    }
}
