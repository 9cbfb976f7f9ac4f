package io.mcpconnectors.mongodb;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static io.mcpconnectors.common.test.McpResources.assertCursorOnlyForItsCaller;
import static io.mcpconnectors.common.test.McpResources.audited;
import static io.mcpconnectors.common.test.McpResources.complete;
import static io.mcpconnectors.common.test.McpResources.listAll;
import static io.mcpconnectors.common.test.McpResources.listPage;
import static io.mcpconnectors.common.test.McpResources.uris;
import static io.mcpconnectors.common.test.McpResources.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.AuditTail;
import io.mcpconnectors.common.test.MappedCallers;
import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpResources.Listing;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * MongoDB collections as MCP resources, over real MCP against the in-process wire server, with user-bound access:
 * each caller lists and completes the collections its credential set's MongoDB user may read and the namespace policy
 * allows (alice's user reads shop, bob's crm, carol's both; the hr database and shop.secrets are denied by config),
 * exactly as list_databases and list_collections show them, in pages whose cursor continues exactly and only for the
 * caller it was made for. The audit trail shows each listing and completion with the caller and its credential set.
 */
@QuarkusTest
@TestProfile(ResourcesTest.SmallPages.class)
@WithTestResource(InProcessMongoFixture.class)
class ResourcesTest extends MappedCallers {


    public static class SmallPages extends UserBoundAccessTest.Mapped {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("connector.limits.list-page-size", "2");
            config.put("connector.mongodb.identity.max-pools", "3");
            return config;
        }
    }

    @Test
    void listsWhatTheCallersUserMayReadInPagesThatContinueExactly() {
        McpStreamableTestClient carol = as(CAROL);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = listPage(carol, cursor).getJsonObject("result");
            List<String> uris = uris(page);
            assertTrue(uris.size() <= 2 && !uris.isEmpty(), page.encode());
            seen.addAll(uris);
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 100);
        assertTrue(pages >= 2, "several pages: " + seen);
        assertEquals(seen.size(), seen.stream().distinct().count(), "no collection twice: " + seen);
        assertTrue(seen.containsAll(List.of("mongodb://crm/tickets", "mongodb://shop/customers",
                "mongodb://shop/orders")), seen.toString());
        assertTrue(seen.stream().noneMatch(u -> u.startsWith("mongodb://hr/") || u.equals("mongodb://shop/secrets")
                || u.startsWith("mongodb://admin/")), seen.toString());

        Listing alices = listAll(as(ALICE));
        assertTrue(alices.uris().containsAll(List.of("mongodb://shop/customers", "mongodb://shop/orders")),
                alices.uris().toString());
        assertTrue(alices.uris().stream().allMatch(u -> u.startsWith("mongodb://shop/")), "only shop for alice: "
                + alices.uris());
        assertFalse(alices.uris().contains("mongodb://shop/secrets"));
        McpStreamableTestClient bob = as(BOB);
        Listing bobs = listAll(bob);
        assertTrue(bobs.uris().contains("mongodb://crm/tickets") && bobs.uris().stream()
                .allMatch(u -> u.startsWith("mongodb://crm/")), "only crm for bob: " + bobs.uris());

        // What bob's listing shows of crm is what list_collections shows him.
        List<String> tool = new ArrayList<>();
        ok(call(bob, "list_collections", Map.of("database", "crm"))).getJsonArray("collections")
                .forEach(c -> tool.add("crm." + ((JsonObject) c).getString("name")));
        assertEquals(tool, bobs.names());
    }

    @Test
    void aCursorFromOneCallerIsRefusedForAnother() {
        assertCursorOnlyForItsCaller(as(CAROL), as(ALICE));
    }

    @Test
    void completesCollectionsTheCallersUserMayReadAndThePolicyAllows() {
        String template = "mongodb://{database}/{collection}";
        McpStreamableTestClient alice = as(ALICE);
        List<String> databases = values(complete(alice, template, "database", "", Map.of()));
        assertTrue(databases.contains("shop") && !databases.contains("hr") && !databases.contains("admin"),
                databases.toString());
        List<String> shop = values(complete(alice, template, "collection", "", Map.of("database", "shop")));
        assertTrue(shop.containsAll(List.of("customers", "orders")) && !shop.contains("secrets"), shop.toString());
        assertEquals(List.of(), values(complete(alice, template, "collection", "", Map.of("database", "crm"))));
        assertEquals(List.of(), values(complete(alice, template, "collection", "sal", Map.of("database", "hr"))));
        assertEquals(List.of(), values(complete(alice, template, "collection", "sec", Map.of("database", "shop"))));
        assertEquals(List.of("tickets"), values(complete(as(BOB), template, "collection", "t", Map.of())));
    }

    @Test
    void listingsAndCompletionsAreAuditedWithTheCallerAndItsCredentialSet() {
        AuditTail tail = AuditTail.from(UserBoundAccessTest.AUDIT);
        McpStreamableTestClient bob = as(BOB);
        listPage(bob, null);
        complete(bob, "mongodb://{database}/{collection}", "collection", "t", Map.of("database", "crm"));
        JsonObject listed = audited(tail, "resources/list").get(0);
        assertEquals("bob", listed.getString("principal"));
        assertEquals("south", listed.getString("identity"), listed.encode());
        assertEquals("ok", listed.getString("outcome"));
        JsonObject completed = audited(tail, "completion/complete").get(0);
        assertEquals("bob", completed.getString("principal"));
        assertEquals("collection", completed.getJsonObject("arguments").getString("variable"));
        assertEquals(1, completed.getLong("items"));
    }
}
