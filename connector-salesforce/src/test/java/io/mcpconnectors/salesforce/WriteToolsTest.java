package io.mcpconnectors.salesforce;

import static io.mcpconnectors.common.test.SchemaCheckedCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static io.mcpconnectors.common.test.McpCalls.toolNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import okhttp3.mockwebserver.RecordedRequest;

/** The write tools, enabled by an admin with approval explicitly off: what they send and how refusals read. */
@QuarkusTest
@TestProfile(WriteToolsTest.WritesEnabled.class)
@WithTestResource(FakeSalesforce.class)
class WriteToolsTest extends McpClientTest {

    public static class WritesEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.access.writes", "enabled", "connector.approval.mode", "none");
        }
    }

    @Test
    void listsTheWriteTools() {
        assertTrue(toolNames(client).containsAll(List.of("create_record", "update_record", "delete_record")));
    }

    @Test
    void createsARecordWithExactlyTheGivenFields() {
        assertEquals("001xx000003NEWAAA", ok(call(client, "create_record", Map.of("object", "Account",
                "fields", Map.of("Name", "Initech", "Industry", "Energy")))).getString("id"));
        RecordedRequest sent = last("POST");
        assertEquals(FakeSalesforce.V + "/sobjects/Account", sent.getPath());
        assertEquals(new JsonObject().put("Name", "Initech").put("Industry", "Energy"),
                new JsonObject(sent.getBody().clone().readUtf8()));
        assertTrue(sent.getHeader("Content-Type").startsWith("application/json"));
    }

    @Test
    void aRefusedRecordIsReportedWithSalesforcesReason() {
        String message = error(call(client, "create_record", Map.of("object", "Account",
                "fields", Map.of("Industry", "Energy"))));
        assertEquals("Salesforce refused the request: REQUIRED_FIELD_MISSING: Required fields are missing: [Name].",
                message);
    }

    @Test
    void updatesAndDeletesByIdOnly() {
        ok(call(client, "update_record", Map.of("object", "Account", "id", FakeSalesforce.ACCOUNT_ID,
                "fields", Map.of("Industry", "Retail"))));
        RecordedRequest patch = last("PATCH");
        assertEquals(FakeSalesforce.V + "/sobjects/Account/" + FakeSalesforce.ACCOUNT_ID, patch.getPath());
        assertEquals(new JsonObject().put("Industry", "Retail"), new JsonObject(patch.getBody().clone().readUtf8()));
        assertEquals(FakeSalesforce.ACCOUNT_ID, ok(call(client, "delete_record", Map.of("object", "Account",
                "id", FakeSalesforce.ACCOUNT_ID))).getString("deleted"));
        assertEquals(FakeSalesforce.V + "/sobjects/Account/" + FakeSalesforce.ACCOUNT_ID, last("DELETE").getPath());
    }

    @Test
    void refusesBadArgumentsBeforeSendingAnything() {
        int before = FakeSalesforce.requests().size();
        assertTrue(error(call(client, "create_record", Map.of("object", "Account", "fields", Map.of())))
                .contains("at least one field"));
        assertTrue(error(call(client, "update_record", Map.of("object", "Account", "id", FakeSalesforce.ACCOUNT_ID,
                "fields", Map.of("Owner.Name", "x")))).contains("not a field of this object"));
        assertTrue(error(call(client, "delete_record", Map.of("object", "Account", "id", "*")))
                .contains("record id"));
        assertTrue(error(call(client, "delete_record", Map.of("object", "Account/../../limits",
                "id", FakeSalesforce.ACCOUNT_ID))).contains("object API name"));
        assertEquals(before, FakeSalesforce.requests().size());
    }

    static RecordedRequest last(String method) {
        List<RecordedRequest> matching = FakeSalesforce.requests().stream().filter(r -> r.getMethod().equals(method))
                .toList();
        return matching.get(matching.size() - 1);
    }
}
