package io.mcpconnectors.github;

import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static io.mcpconnectors.common.test.SchemaCheckedCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.approval.ApprovalService;
import io.mcpconnectors.common.mcp.ApprovalGate;
import io.mcpconnectors.common.test.MappedCallers;
import io.mcpconnectors.common.test.McpCalls;
import io.quarkiverse.mcp.server.test.McpAssured.McpError;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * User-bound access on GitHub: the connector's allowlist is all of octo-org, and each caller reaches only the
 * repositories mapped for it (alice octo-org/web-app, bob octo-org/infra, carol all of octo-org), through every tool,
 * search and the contents resource. Judged by the requests that reach the API stand-in: a repository outside the
 * caller's list is never asked for, and a search carries the caller's qualifiers and returns only its repositories.
 * The GitHub credential is the connector's own; the callers' tokens never reach GitHub.
 */
@QuarkusTest
@TestProfile(UserBoundAccessTest.Mapped.class)
@WithTestResource(value = FakeGithub.class, initArgs = @ResourceArg(name = "repositories", value = "octo-org/*"))
class UserBoundAccessTest extends MappedCallers {

    static final Path AUDIT = Path.of("target/audit/github-user-bound-audit.jsonl");

    public static class Mapped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return mappedSettings("github",
                    Map.of("alice", "octo-org/web-app", "bob", "Octo-Org/Infra", "carol", "octo-org/*"), AUDIT);
        }
    }

    @Inject
    ApprovalService approvals;

    @Test
    void eachCallerReadsItsOwnRepositoriesAndNoOneElses() {
        McpStreamableTestClient alice = as(ALICE);
        McpStreamableTestClient bob = as(BOB);
        assertEquals("# Web app\nRun it with make.\n", ok(call(alice, "get_file_contents", Map.of("owner", "octo-org",
                "repo", "web-app", "path", "README.md"))).getString("text"));
        assertEquals("# Infra\nTerraform for the platform.\n", ok(call(bob, "get_file_contents", Map.of("owner",
                "octo-org", "repo", "infra", "path", "README.md"))).getString("text"));

        // Every tool that names a repository, asked by each caller for the other's: refused, nothing sent.
        int before = FakeGithub.requests().size();
        Map<String, Map<String, Object>> calls = Map.of(
                "get_file_contents", Map.of("path", "README.md"), "list_commits", Map.of(),
                "list_issues", Map.of(), "get_issue", Map.of("number", 7), "list_pull_requests", Map.of(),
                "get_pull_request", Map.of("number", 12), "list_workflow_runs", Map.of());
        calls.forEach((tool, rest) -> {
            Map<String, Object> toInfra = new HashMap<>(rest);
            toInfra.putAll(Map.of("owner", "octo-org", "repo", "infra"));
            String refused = error(McpCalls.call(alice, tool, toInfra));
            assertTrue(refused.contains("Repository octo-org/infra is not available to you (connector.identity.map)."
                    + " Available: octo-org/web-app."), tool + ": " + refused);
            Map<String, Object> toWebApp = new HashMap<>(rest);
            toWebApp.putAll(Map.of("owner", "Octo-Org", "repo", "WEB-APP"));
            assertTrue(error(McpCalls.call(bob, tool, toWebApp)).contains("not available to you"), tool);
        });
        assertEquals(before, FakeGithub.requests().size(), "no request for another caller's repository");

        // Inside its own list, a caller is served as before.
        assertEquals(2, ok(call(alice, "list_commits", Map.of("owner", "octo-org", "repo", "web-app")))
                .getInteger("count"));
        assertEquals(1, ok(call(as(CAROL), "list_workflow_runs", Map.of("owner", "octo-org", "repo", "web-app")))
                .getInteger("count"));
    }

    @Test
    void searchesCarryTheCallersQualifiersAndReturnOnlyItsRepositories() {
        McpStreamableTestClient alice = as(ALICE);
        McpStreamableTestClient bob = as(BOB);
        // The stand-in answers every code search with a file of each repository: each caller gets only its own.
        JsonObject aliceCode = ok(call(alice, "search_code", Map.of("query", "main")));
        assertEquals("main repo:octo-org/web-app", lastQuery("code"));
        assertEquals(List.of("octo-org/web-app"), repositories(aliceCode.getJsonArray("results"), "repository"));
        JsonObject bobCode = ok(call(bob, "search_code", Map.of("query", "main")));
        assertEquals("main repo:octo-org/infra", lastQuery("code"));
        assertEquals(List.of("octo-org/infra"), repositories(bobCode.getJsonArray("results"), "repository"));
        assertEquals(1, bobCode.getInteger("count"));

        // octo-org/web-app is in the connector's allowlist, but not in bob's list: dropped from his answers.
        JsonObject bobRepos = ok(call(bob, "search_repositories", Map.of("query", "web")));
        assertEquals(List.of(), repositories(bobRepos.getJsonArray("repositories"), "full_name"));
        JsonObject bobIssues = ok(call(bob, "search_issues", Map.of("query", "is:issue login")));
        assertEquals("is:issue login repo:octo-org/infra", lastQuery("issues"));
        assertEquals(0, bobIssues.getInteger("count"));
        assertEquals(List.of("octo-org/web-app"), repositories(ok(call(alice, "search_repositories",
                Map.of("query", "web"))).getJsonArray("repositories"), "full_name"));

        // Qualifiers naming another caller's repository, or the whole owner, would widen the caller's list: refused
        // unsent. An exclusion of something outside the caller's list excludes nothing and is left out.
        int before = FakeGithub.requests().size();
        for (String query : List.of("deploy repo:octo-org/infra", "x org:octo-org", "x user:Octo-Org",
                "x repo:\"octo-org/infra\"", "x OR repo:octo-org/infra")) {
            assertFalse(error(McpCalls.call(alice, "search_code", Map.of("query", query))).isBlank(), query);
        }
        assertTrue(error(McpCalls.call(alice, "search_issues", Map.of("query", "x repo:octo-org/infra")))
                .contains("outside your repositories (octo-org/web-app)"));
        assertEquals(before, FakeGithub.requests().size(), "no widening search was sent");
        ok(call(alice, "search_issues", Map.of("query", "bug -repo:octo-org/infra")));
        assertEquals("bug repo:octo-org/web-app", lastQuery("issues"));

        // A caller whose list is the whole owner searches it as the allowlist would.
        ok(call(as(CAROL), "search_code", Map.of("query", "x org:octo-org")));
        assertEquals("x user:octo-org", lastQuery("code"));
    }

    @Test
    void theContentsResourceServesOnlyTheCallersRepositories() {
        AtomicReference<String> text = new AtomicReference<>();
        as(BOB).when().resourcesRead("github://octo-org/infra/contents/README.md",
                r -> text.set(r.contents().get(0).asText().text())).thenAssertResults();
        assertEquals("# Infra\nTerraform for the platform.\n", text.get());
        int before = FakeGithub.requests().size();
        AtomicReference<McpError> refused = new AtomicReference<>();
        as(BOB).when().resourcesRead("github://octo-org/web-app/contents/README.md").withErrorAssert(refused::set)
                .send().thenAssertResults();
        assertTrue(refused.get().message().contains("not available to you"), refused.get().message());
        assertEquals(before, FakeGithub.requests().size());
    }

    @Test
    void writesReachOnlyTheRequestersRepositoriesAndAreRefusedBeforeApprovalOtherwise() {
        McpStreamableTestClient alice = as(ALICE);
        int before = FakeGithub.requests().size();
        String refused = error(McpCalls.call(alice, "create_issue", Map.of("owner", "octo-org", "repo", "infra",
                "title", "Rotate keys")));
        assertTrue(refused.startsWith("Not run: Repository octo-org/infra is not available to you"), refused);
        assertEquals(before, FakeGithub.requests().size());

        Map<String, Object> comment = Map.of("owner", "octo-org", "repo", "web-app", "number", 7,
                "body", "Reproduced on main.");
        String id = ok(McpCalls.call(alice, "add_issue_comment", comment)).getJsonObject("approval").getString("id");
        approvals.decide(id, true, "admin", null);
        Map<String, Object> resubmitted = new HashMap<>(comment);
        resubmitted.put(ApprovalGate.APPROVAL_ID, id);
        assertEquals(9001, ok(McpCalls.call(alice, "add_issue_comment", resubmitted)).getInteger("id"));
        RecordedRequest sent = FakeGithub.requests().get(FakeGithub.requests().size() - 1);
        assertEquals("POST", sent.getMethod());
        assertEquals("/api/v3/repos/octo-org/web-app/issues/7/comments", sent.getPath());
        // GitHub sees the connector's credential, never the caller's token.
        assertEquals("Bearer " + FakeGithub.TOKEN, sent.getHeader("Authorization"));
    }

    @Test
    void aCallerWithoutAMappingIsRefusedWithoutARequest() {
        int before = FakeGithub.requests().size();
        String refused = error(McpCalls.call(as(MALLORY), "search_code", Map.of("query", "password")));
        assertTrue(refused.contains("principal mallory has no data-source identity in connector.identity.map"),
                refused);
        assertEquals(before, FakeGithub.requests().size());
    }

    @Test
    void noCallersTokenReachesGithub() {
        ok(call(as(ALICE), "list_issues", Map.of("owner", "octo-org", "repo", "web-app")));
        ok(call(as(BOB), "search_code", Map.of("query", "main")));
        for (RecordedRequest request : FakeGithub.requests()) {
            String headers = request.getHeaders().toString() + request.getRequestUrl();
            for (String token : List.of(ALICE, BOB, CAROL, MALLORY)) {
                assertFalse(headers.contains(token), "a caller's token was sent to GitHub: " + request);
            }
        }
    }

    @Test
    void theAuditNamesThePrincipalAndItsRepositories() throws Exception {
        ok(call(as(BOB), "search_code", Map.of("query", "audited-as-bob")));
        JsonObject record = Files.readAllLines(AUDIT).stream().filter(l -> l.contains("audited-as-bob"))
                .map(JsonObject::new).reduce((a, b) -> b).orElseThrow();
        assertEquals("bob", record.getString("principal"));
        assertEquals("Octo-Org/Infra", record.getString("identity"));
        error(McpCalls.call(as(MALLORY), "search_code", Map.of("query", "audited-as-mallory")));
        JsonObject refused = Files.readAllLines(AUDIT).stream().filter(l -> l.contains("audited-as-mallory"))
                .map(JsonObject::new).reduce((a, b) -> b).orElseThrow();
        assertEquals("mallory", refused.getString("principal"));
        assertEquals("refused", refused.getString("outcome"));
    }

    private static String lastQuery(String kind) {
        List<RecordedRequest> searches = FakeGithub.requests().stream()
                .filter(r -> r.getRequestUrl().encodedPath().equals("/api/v3/search/" + kind)).toList();
        return searches.get(searches.size() - 1).getRequestUrl().queryParameter("q");
    }

    private static List<String> repositories(JsonArray items, String field) {
        return items.stream().map(i -> ((JsonObject) i).getString(field)).toList();
    }
}
