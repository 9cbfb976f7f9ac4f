package io.mcpconnectors.filesystem;

import static io.mcpconnectors.common.test.McpResources.assertCursorOnlyForItsCaller;
import static io.mcpconnectors.common.test.McpResources.audited;
import static io.mcpconnectors.common.test.McpResources.complete;
import static io.mcpconnectors.common.test.McpResources.errorCode;
import static io.mcpconnectors.common.test.McpResources.listAll;
import static io.mcpconnectors.common.test.McpResources.listPage;
import static io.mcpconnectors.common.test.McpResources.request;
import static io.mcpconnectors.common.test.McpResources.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.AuditTail;
import io.mcpconnectors.common.test.MappedCallers;
import io.mcpconnectors.common.test.McpResources.Listing;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * File resources with user-bound access: alice's directory is {@code shared/sales}, bob's {@code shared/sales-emea}.
 * Each caller lists, completes and subscribes to files of its own directory only (no symbolic link into the other's,
 * no file of the shared root above, no name the deny patterns hide), a listing cursor continues only for the caller
 * it was made for, and the audit trail shows listings, completions and subscriptions with the caller, its directory
 * and the outcome.
 */
@QuarkusTest
@TestProfile(UserBoundResourcesTest.OnePerPage.class)
@WithTestResource(TeamDirectories.class)
class UserBoundResourcesTest extends MappedCallers {


    public static class OnePerPage extends UserBoundAccessTest.Mapped {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("connector.limits.list-page-size", "1");
            return config;
        }
    }

    private static String uri(Path path) throws Exception {
        return path.toRealPath().toUri().toString();
    }

    @Test
    void eachCallerListsTheFilesOfItsOwnDirectoryOnly() throws Exception {
        Files.writeString(TeamDirectories.sales().resolve(".env"), "TOKEN=alice-only\n");
        McpStreamableTestClient alice = as(ALICE);
        JsonObject first = listPage(alice, null).getJsonObject("result");
        JsonObject second = listPage(alice, first.getString("nextCursor")).getJsonObject("result");
        assertFalse(second.containsKey("nextCursor"), "the last page has no nextCursor: " + second.encode());
        List<String> alices = new ArrayList<>();
        for (JsonObject page : List.of(first, second)) {
            page.getJsonArray("resources").forEach(r -> alices.add(((JsonObject) r).getString("uri")));
        }
        assertEquals(List.of(uri(TeamDirectories.sales().resolve("forecast.txt")),
                uri(TeamDirectories.sales().resolve("notes/q3.md"))), alices);

        Listing bobs = listAll(as(BOB));
        assertEquals(List.of(uri(TeamDirectories.salesEmea().resolve("pipeline.txt"))), bobs.uris());
    }

    @Test
    void aCursorFromOneCallerIsRefusedForAnother() {
        assertCursorOnlyForItsCaller(as(ALICE), as(BOB));
    }

    @Test
    void pathsAreCompletedInsideTheCallersOwnDirectory() throws Exception {
        Files.writeString(TeamDirectories.sales().resolve(".env"), "TOKEN=alice-only\n");
        McpStreamableTestClient alice = as(ALICE);
        String sales = TeamDirectories.sales().toRealPath().toString().substring(1);
        String emea = TeamDirectories.salesEmea().toRealPath().toString().substring(1);
        assertEquals(List.of(sales + "/"), values(complete(alice, "file:///{path}", "path", "", Map.of())));
        List<String> own = values(complete(alice, "file:///{path}", "path", sales + "/", Map.of()));
        assertTrue(own.containsAll(List.of(sales + "/forecast.txt", sales + "/notes/")), own.toString());
        assertTrue(own.stream().noneMatch(v -> v.endsWith(".env")), "a denied name is not offered: " + own);
        assertTrue(own.stream().noneMatch(v -> v.contains("emea-")), "no link into bob's directory: " + own);
        // bob's directory, and the shared root above both: only alice's own root is offered.
        for (String elsewhere : List.of(emea + "/", emea + "/pi", sales.substring(0, sales.lastIndexOf('/') + 1))) {
            List<String> offered = values(complete(alice, "file:///{path}", "path", elsewhere, Map.of()));
            assertTrue(offered.stream().noneMatch(v -> v.contains("pipeline") || v.contains("common")),
                    elsewhere + ": " + offered);
        }
    }

    @Test
    void subscriptionsListingsAndCompletionsAreAuditedWithTheCallerItsDirectoryAndTheOutcome() throws Exception {
        AuditTail tail = AuditTail.from(UserBoundAccessTest.AUDIT);
        McpStreamableTestClient alice = as(ALICE);
        String forecast = uri(TeamDirectories.sales().resolve("forecast.txt"));
        String pipeline = uri(TeamDirectories.salesEmea().resolve("pipeline.txt"));
        assertEquals(0, errorCode(request(alice, "resources/subscribe", new JsonObject().put("uri", forecast))));
        JsonObject refused = request(alice, "resources/subscribe", new JsonObject().put("uri", pipeline));
        assertEquals(-32002, errorCode(refused), refused.encode());
        assertEquals(0, errorCode(request(alice, "resources/unsubscribe", new JsonObject().put("uri", forecast))));
        listPage(alice, null);

        List<JsonObject> subscriptions = audited(tail, "resources/subscribe");
        assertEquals(2, subscriptions.size(), subscriptions.toString());
        for (JsonObject record : subscriptions) {
            assertEquals("alice", record.getString("principal"));
            assertTrue(record.getString("identity").endsWith("sales"), record.encode());
        }
        assertEquals("ok", subscriptions.get(0).getString("outcome"));
        assertEquals(forecast, subscriptions.get(0).getJsonObject("arguments").getString("uri"));
        assertEquals("error", subscriptions.get(1).getString("outcome"));
        assertEquals(pipeline, subscriptions.get(1).getJsonObject("arguments").getString("uri"));
        assertEquals("ok", audited(tail, "resources/unsubscribe").get(0).getString("outcome"));
        JsonObject listed = audited(tail, "resources/list").get(0);
        assertEquals("alice", listed.getString("principal"));
        assertEquals(1, listed.getLong("items"));
    }
}
