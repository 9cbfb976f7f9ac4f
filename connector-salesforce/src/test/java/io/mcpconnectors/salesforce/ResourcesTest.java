package io.mcpconnectors.salesforce;

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

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.AuditTail;
import io.mcpconnectors.common.test.MappedCallers;
import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpResources.Listing;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * Salesforce objects as MCP resources, over real MCP against the org stand-in, with user-bound access: each caller
 * lists and completes the queryable objects its own Salesforce user sees (bob's profile gives no access to
 * Invoice__c), in pages whose cursor continues exactly and only for the caller it was made for, and the audit trail
 * shows each listing and completion with the caller and its Salesforce user.
 */
@QuarkusTest
@TestProfile(ResourcesTest.Mapped.class)
@WithTestResource(value = FakeSalesforce.class, initArgs = @ResourceArg(name = "flow", value = "jwt-bearer"))
class ResourcesTest extends MappedCallers {

    static final Path AUDIT = Path.of("target/audit/salesforce-resources-audit.jsonl");

    public static class Mapped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("connector.auth.mode", "static");
            Map.of("alice", ALICE, "bob", BOB)
                    .forEach((principal, token) -> McpCalls.staticToken(config, principal, token, "salesforce:read"));
            config.put("connector.identity.mode", "mapped");
            config.put("connector.identity.map.alice", UserBoundAccessTest.ALICE_USER);
            config.put("connector.identity.map.bob", UserBoundAccessTest.BOB_USER);
            config.put("connector.limits.list-page-size", "2");
            config.put("connector.audit.file", AUDIT.toString());
            return config;
        }
    }

    @Test
    void listsTheObjectsTheCallersUserMayQueryInPagesThatContinueExactly() {
        McpStreamableTestClient alice = as(ALICE);
        JsonObject first = listPage(alice, null).getJsonObject("result");
        assertEquals(List.of("salesforce://sobjects/Account", "salesforce://sobjects/Case"), uris(first));
        JsonObject second = listPage(alice, first.getString("nextCursor")).getJsonObject("result");
        assertEquals(List.of("salesforce://sobjects/Contact", "salesforce://sobjects/Invoice__c"), uris(second));
        JsonObject third = listPage(alice, second.getString("nextCursor")).getJsonObject("result");
        assertEquals(List.of("salesforce://sobjects/Opportunity"), uris(third));
        assertFalse(third.containsKey("nextCursor"), "the last page has no nextCursor: " + third.encode());

        // Not queryable: a tool would refuse it, so it is not listed.
        assertTrue(listAll(alice).names().stream().noneMatch("ApexTestQueueItem"::equals));
        // bob's user has no access to Invoice__c.
        Listing bobs = listAll(as(BOB));
        assertEquals(List.of("Account", "Case", "Contact", "Opportunity"), bobs.names());
        assertEquals(List.of(2, 2), bobs.pageSizes());
    }

    @Test
    void aCursorContinuesOnlyForTheCallerItWasMadeFor() {
        assertCursorOnlyForItsCaller(as(ALICE), as(BOB));
    }

    @Test
    void completesObjectNamesTheCallersUserMayQuery() {
        String template = "salesforce://sobjects/{name}";
        assertEquals(List.of("Invoice__c"), values(complete(as(ALICE), template, "name", "inv", Map.of())));
        McpStreamableTestClient bob = as(BOB);
        assertEquals(List.of(), values(complete(bob, template, "name", "inv", Map.of())));
        assertEquals(List.of(), values(complete(bob, template, "name", "Apex", Map.of())));
        assertEquals(List.of("Account", "Case", "Contact", "Opportunity"), values(complete(bob, template, "name", "",
                Map.of())));
    }

    @Test
    void listingsAndCompletionsAreAuditedWithTheCallerAndItsUser() {
        AuditTail tail = AuditTail.from(AUDIT);
        McpStreamableTestClient bob = as(BOB);
        listPage(bob, null);
        complete(bob, "salesforce://sobjects/{name}", "name", "Ac", Map.of());
        JsonObject listed = audited(tail, "resources/list").get(0);
        assertEquals("bob", listed.getString("principal"));
        assertEquals(UserBoundAccessTest.BOB_USER, listed.getString("identity"), listed.encode());
        assertEquals("ok", listed.getString("outcome"));
        assertEquals(2, listed.getLong("items"));
        JsonObject completed = audited(tail, "completion/complete").get(0);
        assertEquals("bob", completed.getString("principal"));
        assertEquals("Ac", completed.getJsonObject("arguments").getString("value"), completed.encode());
        assertEquals(1, completed.getLong("items"));
    }
}
