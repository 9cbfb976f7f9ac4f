package io.mcpconnectors.github;

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
import okhttp3.mockwebserver.RecordedRequest;

/**
 * GitHub repositories as MCP resources, over real MCP against the API stand-in: the allowlist is all of octo-org,
 * alice is mapped to octo-org/web-app and carol to all of octo-org. Each caller lists and completes only the
 * repositories it may read (never one of another owner, even when GitHub's answer holds one), in pages whose cursor
 * continues exactly and only for the caller it was made for; paths are completed inside a readable repository only,
 * without a request for any other; and the audit trail shows each listing and completion with the caller.
 */
@QuarkusTest
@TestProfile(ResourcesTest.Mapped.class)
@WithTestResource(value = FakeGithub.class, initArgs = @ResourceArg(name = "repositories", value = "octo-org/*"))
class ResourcesTest extends MappedCallers {

    static final Path AUDIT = Path.of("target/audit/github-resources-audit.jsonl");

    public static class Mapped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("connector.auth.mode", "static");
            Map.of("alice", ALICE, "carol", CAROL, "mallory", MALLORY)
                    .forEach((principal, token) -> McpCalls.staticToken(config, principal, token, "github:read"));
            config.put("connector.identity.mode", "mapped");
            config.put("connector.identity.map.alice", "octo-org/web-app");
            config.put("connector.identity.map.carol", "octo-org/*");
            config.put("connector.limits.list-page-size", "2");
            config.put("connector.audit.file", AUDIT.toString());
            return config;
        }
    }

    @Test
    void listsTheCallersRepositoriesInPagesThatContinueExactly() {
        McpStreamableTestClient carol = as(CAROL);
        JsonObject first = listPage(carol, null).getJsonObject("result");
        assertEquals(List.of("github://octo-org/docs-site", "github://octo-org/infra"), uris(first));
        JsonObject second = listPage(carol, first.getString("nextCursor")).getJsonObject("result");
        assertEquals(List.of("github://octo-org/web-app"), uris(second));
        assertFalse(second.containsKey("nextCursor"), "the last page has no nextCursor: " + second.encode());
        Listing all = listAll(carol);
        assertEquals(List.of(2, 1), all.pageSizes());
        assertTrue(all.uris().stream().noneMatch(u -> u.contains("other-org")), all.uris().toString());

        // alice's own mapping is one repository; the organization's others are not hers to see.
        assertEquals(List.of("github://octo-org/web-app"), listAll(as(ALICE)).uris());
    }

    @Test
    void aCursorContinuesOnlyForTheCallerItWasMadeFor() {
        assertCursorOnlyForItsCaller(as(CAROL), as(ALICE));
    }

    @Test
    void completesOwnersAndRepositoriesTheCallerMayRead() {
        McpStreamableTestClient alice = as(ALICE);
        String template = "github://{owner}/{repo}/contents/{path}";
        assertEquals(List.of("octo-org"), values(complete(alice, template, "owner", "", Map.of())));
        assertEquals(List.of("web-app"), values(complete(alice, template, "repo", "", Map.of("owner", "octo-org"))));
        assertEquals(List.of(), values(complete(alice, template, "repo", "inf", Map.of("owner", "octo-org"))));
        McpStreamableTestClient carol = as(CAROL);
        assertEquals(List.of("docs-site", "infra", "web-app"), values(complete(carol, template, "repo", "",
                Map.of("owner", "octo-org"))));
        assertEquals(List.of(), values(complete(carol, template, "owner", "other", Map.of())));
        assertEquals(List.of(), values(complete(carol, template, "repo", "sec", Map.of("owner", "other-org"))));
    }

    @Test
    void completesPathsInsideAReadableRepositoryOnly() {
        McpStreamableTestClient alice = as(ALICE);
        String template = "github://{owner}/{repo}/contents/{path}";
        Map<String, String> webApp = Map.of("owner", "octo-org", "repo", "web-app");
        assertEquals(List.of("src/lib/", "src/main.c"), values(complete(alice, template, "path", "src/", webApp)));
        assertEquals(List.of("src/main.c"), values(complete(alice, template, "path", "src/ma", webApp)));
        JsonObject bounded = complete(alice, template, "path", "", webApp).getJsonObject("result")
                .getJsonObject("completion");
        assertTrue(bounded.getJsonArray("values").size() <= 100, bounded.encode());

        int before = FakeGithub.requests().size();
        assertEquals(List.of(), values(complete(alice, template, "path", "", Map.of("owner", "octo-org", "repo",
                "infra"))));
        assertEquals(List.of(), values(complete(alice, template, "path", "", Map.of("owner", "other-org", "repo",
                "secret"))));
        assertEquals(List.of(), values(complete(alice, template, "path", "../../other-org/secret/", webApp)));
        List<RecordedRequest> sent = FakeGithub.requests().subList(before, FakeGithub.requests().size());
        assertEquals(List.of(), sent.stream().map(RecordedRequest::getPath).toList(),
                "nothing asked of GitHub for a repository the caller may not read, or a path leaving one");
    }

    @Test
    void listingsAndCompletionsAreAuditedWithTheCallerAndItsIdentity() {
        AuditTail tail = AuditTail.from(AUDIT);
        McpStreamableTestClient alice = as(ALICE);
        listPage(alice, null);
        complete(alice, "github://{owner}/{repo}/contents/{path}", "repo", "we", Map.of("owner", "octo-org"));
        // A caller with no data-source identity sees none of the data: an empty listing, audited as refused.
        JsonObject refused = listPage(as(MALLORY), null);
        assertTrue(refused.getJsonObject("result").getJsonArray("resources").isEmpty(), refused.encode());

        List<JsonObject> listings = audited(tail, "resources/list");
        assertEquals(2, listings.size(), listings.toString());
        JsonObject listed = listings.get(0);
        assertEquals("alice", listed.getString("principal"));
        assertEquals("octo-org/web-app", listed.getString("identity"), listed.encode());
        assertEquals("ok", listed.getString("outcome"));
        assertEquals(1, listed.getLong("items"));
        JsonObject mallory = listings.get(1);
        assertEquals("mallory", mallory.getString("principal"));
        assertEquals("refused", mallory.getString("outcome"), mallory.encode());
        JsonObject completed = audited(tail, "completion/complete").get(0);
        assertEquals("alice", completed.getString("principal"));
        assertEquals("repo", completed.getJsonObject("arguments").getString("variable"), completed.encode());
        assertEquals("ok", completed.getString("outcome"));
    }
}
