package io.mcpconnectors.gateway;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.mcp.ApprovalGate;
import io.mcpconnectors.common.spi.ToolAccess;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The approvals the gateway remembers stay within a fixed bound however many callers request them: the per-caller
 * lists do not keep naming ids the gateway has long forgotten, and a caller's newest id is still honoured.
 */
class IssuedApprovalsMemoryTest {

    private static final UpstreamSpec SPAWNED = new UpstreamSpec("up", List.of("connector"), Map.of(), null, null,
            null, null, false, null, null);

    @Test
    void manyCallersEachWithTheirShareKeepWhatIsRememberedBounded() {
        IssuedApprovals approvals = new IssuedApprovals(Duration.ofHours(1), 1000);
        int callers = 3 * IssuedApprovals.MAX_APPROVALS / 1000;
        for (int caller = 0; caller < callers; caller++) {
            for (int i = 0; i < 1000; i++) {
                approvals.remember(SPAWNED, ToolAccess.WRITE, "caller-" + caller, pending(caller, i));
            }
        }
        assertTrue(approvals.tracked() <= 2L * IssuedApprovals.MAX_APPROVALS, approvals.tracked() + " ids listed for "
                + callers + " callers");
        assertNull(approvals.refusal(SPAWNED, "write", ToolAccess.WRITE, Map.of(ApprovalGate.APPROVAL_ID,
                id(callers - 1, 999)), "caller-" + (callers - 1)), "the newest id is honoured for its caller");
    }

    private static String id(int caller, int i) {
        return String.format("apr_%08d%04d", caller, i);
    }

    private static McpSchema.CallToolResult pending(int caller, int i) {
        return McpSchema.CallToolResult.builder().addTextContent(ApprovalGate.PENDING_PREFIX + "approve it, then call"
                + " again with " + ApprovalGate.APPROVAL_ID + "=\"" + id(caller, i) + "\".").build();
    }
}
