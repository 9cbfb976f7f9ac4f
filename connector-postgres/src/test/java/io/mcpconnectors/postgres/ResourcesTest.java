package io.mcpconnectors.postgres;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static io.mcpconnectors.common.test.McpResources.assertCursorOnlyForItsCaller;
import static io.mcpconnectors.common.test.McpResources.audited;
import static io.mcpconnectors.common.test.McpResources.complete;
import static io.mcpconnectors.common.test.McpResources.listAll;
import static io.mcpconnectors.common.test.McpResources.listPage;
import static io.mcpconnectors.common.test.McpResources.request;
import static io.mcpconnectors.common.test.McpResources.uris;
import static io.mcpconnectors.common.test.McpResources.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.AuditTail;
import io.mcpconnectors.common.test.MappedCallers;
import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpResources.Listing;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * PostgreSQL schemas and tables as MCP resources, over real MCP against the embedded server, with user-bound access:
 * each caller lists and completes exactly what its mapped role may use, as list_schemas and list_tables show it
 * (alice's role north_analyst may read the payroll schema, bob's may not; nobody's may use the vault schema or read
 * crm.internal), in pages whose cursor continues exactly and only for the caller it was made for. The audit trail
 * shows each listing and completion with the caller and its role.
 */
@QuarkusTest
@TestProfile(ResourcesTest.SmallPages.class)
@WithTestResource(value = EmbeddedPostgresFixture.class, initArgs = {
        @ResourceArg(name = "role", value = "mcp_login"), @ResourceArg(name = "database", value = "identity") })
class ResourcesTest extends MappedCallers {


    public static class SmallPages extends UserBoundAccessTest.Mapped {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("connector.limits.list-page-size", "3");
            return config;
        }
    }

    @BeforeAll
    static void hiddenObjects() {
        EmbeddedPostgresFixture.executeIn("identity", """
                CREATE SCHEMA IF NOT EXISTS payroll;
                CREATE TABLE IF NOT EXISTS payroll.salaries (name text, pay int);
                GRANT USAGE ON SCHEMA payroll TO north_analyst;
                GRANT SELECT ON payroll.salaries TO north_analyst;
                CREATE SCHEMA IF NOT EXISTS vault;
                CREATE TABLE IF NOT EXISTS vault.keys (k text);
                CREATE TABLE IF NOT EXISTS crm.internal (x int);
                """);
    }

    @Test
    void listsWhatTheCallersRoleMayUseInPagesThatContinueExactly() {
        McpStreamableTestClient alice = as(ALICE);
        JsonObject first = listPage(alice, null).getJsonObject("result");
        assertEquals(List.of("postgres://crm", "postgres://payroll", "postgres://public"), uris(first));
        JsonObject second = listPage(alice, first.getString("nextCursor")).getJsonObject("result");
        assertEquals(List.of("postgres://crm/accounts", "postgres://crm/notes", "postgres://payroll/salaries"),
                uris(second));
        assertFalse(second.containsKey("nextCursor"), "the last page has no nextCursor: " + second.encode());

        McpStreamableTestClient bob = as(BOB);
        Listing bobs = listAll(bob);
        assertEquals(List.of("crm", "public", "crm.accounts", "crm.notes"), bobs.names());
        assertEquals(List.of(3, 1), bobs.pageSizes());

        // The listing is what the catalog tools show the same caller, and nothing else.
        List<String> shown = new ArrayList<>();
        ok(call(bob, "list_schemas", Map.of())).getJsonArray("schemas")
                .forEach(s -> shown.add(((JsonObject) s).getString("name")));
        JsonArray tables = ok(call(bob, "list_tables", Map.of())).getJsonArray("tables");
        tables.forEach(t -> shown.add(((JsonObject) t).getString("schema") + "." + ((JsonObject) t).getString("name")));
        assertEquals(shown, bobs.names());

        // A listed resource reads.
        JsonObject read = request(bob, "resources/read", new JsonObject().put("uri", "postgres://crm/accounts"));
        assertTrue(read.encode().contains("region"), read.encode());
    }

    @Test
    void aCursorFromOneCallerIsRefusedForAnother() {
        assertCursorOnlyForItsCaller(as(ALICE), as(BOB));
    }

    @Test
    void completesSchemasAndTablesTheCallersRoleMayUse() {
        McpStreamableTestClient alice = as(ALICE);
        McpStreamableTestClient bob = as(BOB);
        assertEquals(List.of("payroll", "public"), values(complete(alice, "postgres://{schema}", "schema", "p",
                Map.of())));
        assertEquals(List.of("public"), values(complete(bob, "postgres://{schema}", "schema", "p", Map.of())));
        assertEquals(List.of(), values(complete(bob, "postgres://{schema}", "schema", "v", Map.of())));
        assertEquals(List.of("accounts", "notes"), values(complete(bob, "postgres://{schema}/{table}", "table", "",
                Map.of("schema", "crm"))));
        assertEquals(List.of("salaries"), values(complete(alice, "postgres://{schema}/{table}", "table", "s",
                Map.of("schema", "payroll"))));
        assertEquals(List.of(), values(complete(bob, "postgres://{schema}/{table}", "table", "", Map.of("schema",
                "payroll"))));
        assertEquals(List.of(), values(complete(alice, "postgres://{schema}/{table}", "table", "in", Map.of("schema",
                "crm"))));
        JsonObject completion = complete(alice, "postgres://{schema}/{table}", "table", "", Map.of())
                .getJsonObject("result").getJsonObject("completion");
        assertEquals(new JsonArray().add("accounts").add("notes").add("salaries"), completion.getJsonArray("values"));
        assertEquals(3, completion.getInteger("total"));
        assertFalse(completion.getBoolean("hasMore"));
    }

    @Test
    void listingsAndCompletionsAreAuditedWithTheCallerAndItsRole() {
        AuditTail tail = AuditTail.from(UserBoundAccessTest.AUDIT);
        McpStreamableTestClient bob = as(BOB);
        String cursor = listPage(bob, null).getJsonObject("result").getString("nextCursor");
        listPage(bob, cursor);
        complete(bob, "postgres://{schema}", "schema", "c", Map.of());
        // A caller with no data-source identity sees none of the data: an empty listing, audited as refused.
        JsonObject refused = listPage(as(MALLORY), null);
        assertTrue(refused.getJsonObject("result").getJsonArray("resources").isEmpty(), refused.encode());

        List<JsonObject> listings = audited(tail, "resources/list");
        assertEquals(3, listings.size(), listings.toString());
        assertEquals("bob", listings.get(0).getString("principal"));
        assertEquals("south_analyst", listings.get(0).getString("identity"));
        assertEquals("ok", listings.get(0).getString("outcome"));
        assertEquals(3, listings.get(0).getLong("items"));
        assertEquals(Boolean.FALSE, listings.get(0).getJsonObject("arguments").getBoolean("continued"));
        assertEquals(Boolean.TRUE, listings.get(1).getJsonObject("arguments").getBoolean("continued"));
        assertEquals(1, listings.get(1).getLong("items"));
        assertEquals("mallory", listings.get(2).getString("principal"));
        assertEquals("refused", listings.get(2).getString("outcome"));
        JsonObject completed = audited(tail, "completion/complete").get(0);
        assertEquals("south_analyst", completed.getString("identity"));
        assertEquals("postgres://{schema}", completed.getJsonObject("arguments").getString("template"));
        assertEquals(1, completed.getLong("items"));
    }
}
