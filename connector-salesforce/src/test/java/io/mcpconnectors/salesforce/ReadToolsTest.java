package io.mcpconnectors.salesforce;

import static io.mcpconnectors.common.test.SchemaCheckedCalls.call;
import static io.mcpconnectors.common.test.McpCalls.callExpectingInvalidArguments;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static io.mcpconnectors.common.test.McpCalls.toolNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import okhttp3.mockwebserver.RecordedRequest;

/** Every read tool and the describe resource over real MCP, against a local stand-in for the REST API. */
@QuarkusTest
@WithTestResource(FakeSalesforce.class)
class ReadToolsTest extends McpClientTest {

    static final String V = FakeSalesforce.V;

    @Test
    void listsOnlyReadToolsByDefault() {
        assertEquals(List.of("describe_object", "get_record", "list_objects", "org_limits", "soql_query",
                "sosl_search"), toolNames(client));
    }

    @Test
    void listsQueryableObjectsWithFilter() {
        JsonArray objects = ok(call(client, "list_objects", Map.of())).getJsonArray("objects");
        List<String> names = objects.stream().map(o -> ((JsonObject) o).getString("name")).toList();
        assertEquals(List.of("Account", "Case", "Contact", "Invoice__c", "Opportunity"), names);
        JsonArray invoices = ok(call(client, "list_objects", Map.of("filter", "invoice"))).getJsonArray("objects");
        assertEquals(new JsonObject().put("name", "Invoice__c").put("label", "Invoice").put("custom", true),
                invoices.getJsonObject(0));
        RecordedRequest sent = last(V + "/sobjects");
        assertEquals("GET", sent.getMethod());
        assertEquals("Bearer " + FakeSalesforce.currentToken(), sent.getHeader("Authorization"));
    }

    @Test
    void describesFieldsPicklistsAndRelationshipsAndCachesTheDescribe() {
        int before = count(V + "/sobjects/Account/describe");
        JsonObject account = ok(call(client, "describe_object", Map.of("name", "Account")));
        JsonArray fields = account.getJsonArray("fields");
        JsonObject industry = field(fields, "Industry");
        assertEquals("picklist", industry.getString("type"));
        assertEquals(List.of("Energy", "Retail"), industry.getJsonArray("picklist_values").getList());
        JsonObject owner = field(fields, "OwnerId");
        assertEquals(List.of("User"), owner.getJsonArray("reference_to").getList());
        assertEquals("Owner", owner.getString("relationship_name"));
        assertTrue(field(fields, "Tier__c").getBoolean("custom"));
        assertEquals(1, account.getJsonArray("child_relationships").size());
        ok(call(client, "describe_object", Map.of("name", "Account")));
        assertTrue(count(V + "/sobjects/Account/describe") - before <= 1, "the second describe came from the cache");
        assertTrue(error(call(client, "describe_object", Map.of("name", "Nope"))).contains("NOT_FOUND"));
        assertTrue(error(call(client, "describe_object", Map.of("name", "../limits"))).contains("object API name"));
    }

    @Test
    void followsNextRecordsUrlUpToTheCapWithAnExactTruncatedFlag() {
        JsonObject result = ok(call(client, "soql_query",
                Map.of("query", "SELECT Id, Name, Amount FROM Opportunity")));
        // 12 records in pages of 5, max-items 8: two pages read, capped at 8.
        assertEquals(8, result.getInteger("count"));
        assertEquals(12, result.getInteger("total_size"));
        assertTrue(result.getBoolean("truncated"));
        assertEquals("connector.limits.max-items", result.getJsonObject("limit").getString("name"));
        assertEquals("Deal 7", result.getJsonArray("records").getJsonObject(7).getString("Name"));
        assertTrue(count(V + "/query/01gOPP-5") >= 1);
        assertEquals(0, count(V + "/query/01gOPP-10"), "the page after the cap is never fetched");
        RecordedRequest query = last(V + "/query");
        assertEquals("SELECT Id, Name, Amount FROM Opportunity", query.getRequestUrl().queryParameter("q"));
        JsonObject usage = result.getJsonObject("api_usage");
        assertEquals(15000, usage.getInteger("max"));
        assertTrue(usage.getInteger("used") > 100);

        JsonObject small = ok(call(client, "soql_query", Map.of("query", "SELECT Id, Name FROM Account")));
        assertEquals(2, small.getInteger("count"));
        assertFalse(small.getBoolean("truncated"));
    }

    @Test
    void reportsSalesforceErrorsClearly() {
        String malformed = error(call(client, "soql_query", Map.of("query", "SELECT Id FORM Account")));
        assertTrue(malformed.startsWith("Salesforce refused the request: MALFORMED_QUERY: unexpected token"), malformed);
        assertTrue(error(call(client, "soql_query", Map.of("query", "SELECT Id FROM Nope"))).contains("INVALID_TYPE"));
        assertTrue(error(call(client, "soql_query", Map.of("query", "DELETE FROM Account")))
                .contains("one SOQL SELECT"));
    }

    @Test
    void acceptsQueriesAndSearchesWrittenOverSeveralLines() {
        String query = "SELECT\n    Id,\n    Name\nFROM Account\nLIMIT 10";
        assertEquals(2, ok(call(client, "soql_query", Map.of("query", query))).getInteger("count"));
        assertEquals(query, last(V + "/query").getRequestUrl().queryParameter("q"), "sent as written");
        assertEquals(2, ok(call(client, "soql_query", Map.of("query", "select\tId FROM Account"))).getInteger("count"));
        String search = "FIND\n  {Acme}\nRETURNING Account(Id, Name)";
        assertEquals(2, ok(call(client, "sosl_search", Map.of("search", search))).getInteger("count"));
        assertEquals(2, ok(call(client, "sosl_search", Map.of("search", "find\t{Acme}"))).getInteger("count"));
        assertTrue(error(call(client, "soql_query", Map.of("query", "SELECTED Id FROM Account")))
                .contains("one SOQL SELECT"));
    }

    @Test
    void queryAllOnlyWhenTheAdminAllowedIt() {
        int before = count(V + "/queryAll");
        assertTrue(error(call(client, "soql_query", Map.of("query", "SELECT Id FROM Account", "include_deleted", true)))
                .contains("connector.salesforce.query-all=false"));
        assertEquals(before, count(V + "/queryAll"), "nothing was sent");
    }

    @Test
    void searchesWithSosl() {
        JsonObject result = ok(call(client, "sosl_search",
                Map.of("search", "FIND {Acme} IN NAME FIELDS RETURNING Account(Id, Name), Contact(Id, Name)")));
        assertEquals(2, result.getInteger("count"));
        assertEquals("Contact", result.getJsonArray("records").getJsonObject(1).getJsonObject("attributes")
                .getString("type"));
        assertEquals("FIND {Acme} IN NAME FIELDS RETURNING Account(Id, Name), Contact(Id, Name)",
                last(V + "/search").getRequestUrl().queryParameter("q"));
        assertTrue(error(call(client, "sosl_search", Map.of("search", "SELECT Id FROM Account"))).contains("FIND"));
    }

    @Test
    void getsARecordWithChosenFields() {
        JsonObject record = ok(call(client, "get_record", Map.of("object", "Account", "id", FakeSalesforce.ACCOUNT_ID,
                "fields", List.of("Name", "Industry")))).getJsonObject("record");
        assertEquals("Energy", record.getString("Industry"));
        assertNull(record.getValue("AnnualRevenue"));
        assertEquals("Name,Industry", last(V + "/sobjects/Account/" + FakeSalesforce.ACCOUNT_ID).getRequestUrl()
                .queryParameter("fields"));
        assertTrue(error(call(client, "get_record", Map.of("object", "Account", "id", "001/../../limits")))
                .contains("record id"));
        int before = count(V + "/sobjects/Account/" + FakeSalesforce.ACCOUNT_ID);
        String notAName = callExpectingInvalidArguments(client, "get_record", Map.of("object", "Account", "id",
                FakeSalesforce.ACCOUNT_ID, "fields", List.of("Name", "Name; DROP")));
        assertTrue(notAName.contains("argument 'fields[1]' must match"), notAName);
        String notAList = callExpectingInvalidArguments(client, "get_record", Map.of("object", "Account", "id",
                FakeSalesforce.ACCOUNT_ID, "fields", List.of(Map.of("name", "Name"))));
        assertTrue(notAList.endsWith("argument 'fields[0]' must be a string, got an object"),
                notAList);
        assertEquals(before, count(V + "/sobjects/Account/" + FakeSalesforce.ACCOUNT_ID),
                "a call of the wrong shape reaches no Salesforce API");
        assertTrue(error(call(client, "get_record", Map.of("object", "Account", "id", "001xx000003DGzzAAA")))
                .contains("NOT_FOUND"));
    }

    @Test
    void showsOrgLimits() {
        JsonObject result = ok(call(client, "org_limits", Map.of()));
        assertEquals(14890, result.getJsonObject("limits").getJsonObject("DailyApiRequests").getInteger("remaining"));
        assertTrue(result.getJsonObject("api_usage").getInteger("used") > 100);
    }

    @Test
    void servesTheDescribeResource() {
        AtomicReference<String> text = new AtomicReference<>();
        client.when().resourcesRead("salesforce://sobjects/Account", r -> text.set(r.contents().get(0).asText().text()))
                .thenAssertResults();
        assertEquals("Account", new JsonObject(text.get()).getString("name"));
    }

    @Test
    void neverSendsTheClientSecretToTheApi() {
        ok(call(client, "org_limits", Map.of()));
        for (RecordedRequest request : FakeSalesforce.requests()) {
            if (!request.getPath().startsWith("/services/oauth2/token")) {
                assertFalse(request.getHeaders().toString().contains(FakeSalesforce.CLIENT_SECRET));
                assertFalse(request.getPath().contains(FakeSalesforce.CLIENT_SECRET));
            } else {
                assertEquals("POST", request.getMethod());
                String body = request.getBody().clone().readUtf8();
                assertTrue(body.contains("grant_type=client_credentials"), body);
                assertTrue(body.contains("client_id=3MVG9-consumer-key"), body);
            }
        }
    }

    static JsonObject field(JsonArray fields, String name) {
        return fields.stream().map(JsonObject.class::cast).filter(f -> name.equals(f.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + fields.encode()));
    }

    static int count(String path) {
        return (int) FakeSalesforce.requests().stream().filter(r -> r.getRequestUrl().encodedPath().equals(path)).count();
    }

    static RecordedRequest last(String path) {
        List<RecordedRequest> matching = FakeSalesforce.requests().stream()
                .filter(r -> r.getRequestUrl().encodedPath().equals(path)).toList();
        assertFalse(matching.isEmpty(), "no request to " + path);
        return matching.get(matching.size() - 1);
    }
}
