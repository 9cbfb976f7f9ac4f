package io.mcpconnectors.mongodb;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.callExpectingInvalidArguments;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.approval.Approval;
import io.mcpconnectors.common.approval.ApprovalService;
import io.mcpconnectors.common.mcp.ApprovalGate;
import io.mcpconnectors.common.test.AdminApprovedWrites;
import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/** A delete behind admin approval: the approver sees how many documents it would remove; nothing goes before. */
@QuarkusTest
@TestProfile(AdminApprovedWrites.class)
@WithTestResource(InProcessMongoFixture.class)
class ApprovedWritesTest extends McpClientTest {

    @Inject
    ApprovalService approvals;

    @Test
    void theApproverSeesHowManyDocumentsMatchAndNothingIsDeletedBeforeApproval() {
        var items = InProcessMongoFixture.client().getDatabase("scratch").getCollection("approved");
        items.drop();
        items.insertMany(List.of(new Document("_id", 1).append("status", "open"),
                new Document("_id", 2).append("status", "open"), new Document("_id", 3).append("status", "closed")));
        Map<String, Object> args = Map.of("database", "scratch", "collection", "approved", "filter",
                Map.of("status", "open"));
        String id = ok(call(client, "delete_many", args)).getJsonObject("approval").getString("id");
        Approval approval = approvals.find(id).orElseThrow();
        assertEquals("2 document(s) in scratch.approved match the filter now and would be deleted.",
                approval.preview());
        assertEquals(3, items.countDocuments());

        approvals.decide(id, true, "admin", null);
        Map<String, Object> resubmitted = new java.util.HashMap<>(args);
        resubmitted.put(ApprovalGate.APPROVAL_ID, id);
        JsonObject ran = ok(call(client, "delete_many", resubmitted));
        assertEquals(2, ran.getInteger("deleted_count"));
        assertEquals(1, items.countDocuments());
    }

    @Test
    void anEmptyFilterIsRefusedBeforeAnyoneIsAsked() {
        String message = io.mcpconnectors.common.test.McpCalls.error(call(client, "delete_many",
                Map.of("database", "scratch", "collection", "approved", "filter", Map.of())));
        assertTrue(message.startsWith("Not run: Refused: the filter is empty"), message);
    }

    @Test
    void aReplacementDocumentIsRefusedBeforeAnyoneIsAsked() {
        String error = callExpectingInvalidArguments(client, "update_many",
                Map.of("database", "scratch", "collection", "approved", "filter", Map.of("status", "open"),
                        "update", Map.of("status", "closed")));
        assertTrue(error.contains("argument 'update' has the unknown property 'status'"), error);
        assertTrue(approvals.list().stream().noneMatch(a -> a.tool().equals("update_many")),
                "no approval is requested for an update that cannot run");
    }

    @Test
    void writesOfTheWrongShapeAreRefusedBeforeAnyoneIsAskedAndRightShapesStillNeedApproval() {
        int pending = approvals.list().size();
        String error = callExpectingInvalidArguments(client, "delete_many", Map.of("database", "scratch",
                "collection", "approved", "filter", Map.of("$nor", "x")));
        assertTrue(error.endsWith("argument 'filter.$nor' must be an array, got a string"), error);
        error = callExpectingInvalidArguments(client, "insert_many", Map.of("database", "scratch", "collection",
                "approved", "documents", List.of(List.of(1))));
        assertTrue(error.endsWith("argument 'documents[0]' must be an object, got an array"),
                error);
        assertEquals(pending, approvals.list().size(), "no approval is requested for a call of the wrong shape");
        JsonObject asked = ok(call(client, "insert_many", Map.of("database", "scratch", "collection", "approved",
                "documents", List.of(Map.of("_id", 40)))));
        assertEquals("pending", asked.getJsonObject("approval").getString("status"));
    }
}
