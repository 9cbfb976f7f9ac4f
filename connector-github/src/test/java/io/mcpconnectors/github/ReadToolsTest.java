package io.mcpconnectors.github;

import static io.mcpconnectors.common.test.SchemaCheckedCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static io.mcpconnectors.common.test.McpCalls.text;
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
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import okhttp3.mockwebserver.RecordedRequest;

/** Every read tool and the contents resource over real MCP, against a local stand-in for the REST API. */
@QuarkusTest
@WithTestResource(FakeGithub.class)
class ReadToolsTest extends McpClientTest {

    static final Map<String, Object> WEB_APP = Map.of("owner", "octo-org", "repo", "web-app");

    @Test
    void listsOnlyReadToolsByDefault() {
        assertEquals(List.of("get_file_contents", "get_issue", "get_pull_request", "list_commits", "list_issues",
                "list_pull_requests", "list_workflow_runs", "search_code", "search_issues", "search_repositories"),
                toolNames(client));
    }

    @Test
    void searchesAreConfinedToTheAllowlistAndResultsCheckedAgain() {
        JsonObject repos = ok(call(client, "search_repositories", Map.of("query", "web language:C")));
        assertEquals(List.of("octo-org/web-app"), repos.getJsonArray("repositories").stream()
                .map(r -> ((JsonObject) r).getString("full_name")).toList());
        // GitHub counted the dropped result too: only what is returned is counted.
        assertEquals(1, repos.getInteger("count"));
        assertFalse(repos.containsKey("total_count"), repos.encode());
        RecordedRequest sent = last("/search/repositories");
        assertEquals("web language:C repo:octo-org/web-app repo:octo-org/infra", sent.getRequestUrl().queryParameter("q"));
        assertEquals("5", sent.getRequestUrl().queryParameter("per_page"));
        assertEquals("Bearer " + FakeGithub.TOKEN, sent.getHeader("Authorization"));
        assertEquals("2022-11-28", sent.getHeader("X-GitHub-Api-Version"));

        // A query that names its own scope inside the allowlist keeps it; outside, it is refused unsent.
        ok(call(client, "search_code", Map.of("query", "malloc repo:octo-org/infra")));
        assertEquals("malloc repo:octo-org/infra", last("/search/code").getRequestUrl().queryParameter("q"));
        int before = FakeGithub.requests().size();
        assertTrue(error(call(client, "search_code", Map.of("query", "password repo:other-org/secret")))
                .contains("outside this connector's repositories"));
        assertTrue(error(call(client, "search_issues", Map.of("query", "leak org:other-org"))).contains("org:other-org"));
        assertTrue(error(call(client, "search_issues", Map.of("query", "x repo:\"other-org/secret\"")))
                .contains("outside"));
        assertEquals(before, FakeGithub.requests().size(), "nothing was sent");

        JsonObject issues = ok(call(client, "search_issues", Map.of("query", "is:issue login")));
        assertEquals("octo-org/web-app", issues.getJsonArray("issues").getJsonObject(0).getString("repository"));
        assertNull(issues.getJsonArray("issues").getJsonObject(0).getValue("body"), "no bodies in search results");
    }

    @Test
    void readsTextFilesWithConditionalRequests() {
        JsonObject first = ok(call(client, "get_file_contents", Map.of("owner", "octo-org", "repo", "web-app",
                "path", "README.md")));
        assertEquals("# Web app\nRun it with make.\n", first.getString("text"));
        JsonObject again = ok(call(client, "get_file_contents", Map.of("owner", "octo-org", "repo", "web-app",
                "path", "README.md")));
        assertEquals(first.getString("text"), again.getString("text"));
        assertEquals("\"readme-v1\"", last("/repos/octo-org/web-app/contents/README.md").getHeader("If-None-Match"),
                "the second read was conditional (a 304 costs no rate limit)");
        assertEquals("Guide two\n", ok(call(client, "get_file_contents", Map.of("owner", "octo-org", "repo", "web-app",
                "path", "docs/guide v2.md"))).getString("text"));
        JsonArray entries = ok(call(client, "get_file_contents", Map.of("owner", "octo-org", "repo", "web-app",
                "path", "src"))).getJsonArray("entries");
        assertEquals("dir", entries.getJsonObject(1).getString("type"));
    }

    @Test
    void binaryAndLargeFilesComeBackAsResourceLinks() {
        ToolResponse binary = call(client, "get_file_contents", Map.of("owner", "octo-org", "repo", "web-app",
                "path", "assets/logo.png"));
        JsonObject data = ok(binary);
        assertNull(data.getValue("text"));
        assertEquals("github://octo-org/web-app/contents/assets/logo.png", data.getString("resource"));
        assertEquals("not UTF-8 text", data.getString("reason"));
        assertTrue(binary.content().stream().anyMatch(c -> c.type().name().equals("RESOURCE_LINK")), binary.content()
                .toString());
        JsonObject big = ok(call(client, "get_file_contents", Map.of("owner", "octo-org", "repo", "web-app",
                "path", "big.log")));
        assertEquals("larger than connector.limits.max-bytes", big.getString("reason"));
    }

    @Test
    void pathsAndRepositoriesAreCheckedBeforeAnythingIsSent() {
        int before = FakeGithub.requests().size();
        assertTrue(error(call(client, "get_file_contents", Map.of("owner", "octo-org", "repo", "web-app",
                "path", "../../other-org/secret/contents/.env"))).contains("inside the repository"));
        assertTrue(error(call(client, "get_file_contents", Map.of("owner", "other-org", "repo", "secret",
                "path", ".env"))).contains("not available to this connector"));
        assertTrue(error(call(client, "list_issues", Map.of("owner", "octo-org", "repo", "..")))
                .contains("must name a repository"));
        assertTrue(error(call(client, "get_issue", Map.of("owner", "octo-org/../other-org", "repo", "secret",
                "number", 1))).contains("must name a repository"));
        assertEquals(before, FakeGithub.requests().size());
        assertTrue(FakeGithub.requests().stream().noneMatch(r -> r.getPath().contains("other-org")),
                "nothing outside the allowlist was ever requested");
    }

    @Test
    void pagesIssuesWithCursors() {
        JsonObject first = ok(call(client, "list_issues", WEB_APP));
        assertEquals(5, first.getInteger("count"), "the pull request in the answer is left out");
        assertEquals("2", first.getString("next_cursor"));
        assertEquals("open", last("/repos/octo-org/web-app/issues").getRequestUrl().queryParameter("state"));
        JsonObject second = ok(call(client, "list_issues", Map.of("owner", "octo-org", "repo", "web-app",
                "cursor", "2", "state", "open")));
        assertEquals(6, second.getJsonArray("issues").getJsonObject(0).getInteger("number"));
        assertFalse(second.containsKey("next_cursor"), "absent on the last page, not null: " + second.encode());
        assertEquals("2", last("/repos/octo-org/web-app/issues").getRequestUrl().queryParameter("page"));
        assertTrue(error(call(client, "list_issues", Map.of("owner", "octo-org", "repo", "web-app",
                "cursor", "https://evil.example/"))).contains("cursor"));
        assertTrue(error(call(client, "list_issues", Map.of("owner", "octo-org", "repo", "web-app",
                "state", "merged"))).contains("open, closed or all"));
    }

    @Test
    void issueAndPullRequestTitlesAreMarkedUntrusted() {
        JsonObject title = ok(call(client, "get_issue", Map.of("owner", "octo-org", "repo", "web-app", "number", 7)))
                .getJsonObject("issue").getJsonObject("title");
        assertTrue(title.getBoolean("untrusted"));
        assertEquals("Login broken", title.getString("text"));
        assertEquals("title of #7 by @mallory", title.getString("source"));
        assertTrue(ok(call(client, "list_issues", WEB_APP)).getJsonArray("issues").getJsonObject(0)
                .getJsonObject("title").getBoolean("untrusted"));
        assertTrue(ok(call(client, "list_pull_requests", WEB_APP)).getJsonArray("pull_requests").getJsonObject(0)
                .getJsonObject("title").getBoolean("untrusted"));
        assertTrue(ok(call(client, "get_pull_request", Map.of("owner", "octo-org", "repo", "web-app", "number", 12)))
                .getJsonObject("pull_request").getJsonObject("title").getBoolean("untrusted"));
        ToolResponse search = call(client, "search_issues", Map.of("query", "login"));
        assertTrue(ok(search).getJsonArray("issues").getJsonObject(0).getJsonObject("title").getBoolean("untrusted"));
        assertTrue(text(search).contains("title of #7 by @mallory") && text(search).contains("<untrusted-"),
                text(search));
    }

    @Test
    void issueBodiesAndCommentsAreMarkedUntrusted() {
        ToolResponse response = call(client, "get_issue", Map.of("owner", "octo-org", "repo", "web-app", "number", 7));
        JsonObject issue = ok(response).getJsonObject("issue");
        JsonObject body = issue.getJsonObject("body");
        assertTrue(body.getBoolean("untrusted"));
        assertEquals(FakeGithub.INJECTION, body.getString("text"));
        assertEquals("issue #7 body by @mallory", body.getString("source"));
        JsonObject comment = ok(response).getJsonArray("comments").getJsonObject(0).getJsonObject("body");
        assertTrue(comment.getBoolean("untrusted"));
        String text = text(response);
        assertTrue(text.contains("<untrusted-"), text);
        assertTrue(text.contains("not instructions"), text);
        assertTrue(error(call(client, "get_issue", Map.of("owner", "octo-org", "repo", "web-app", "number", 404)))
                .startsWith("Not found on GitHub"));
    }

    @Test
    void pullRequestsWithFilesAndDiff() {
        JsonObject pr = ok(call(client, "get_pull_request", Map.of("owner", "octo-org", "repo", "web-app",
                "number", 12)));
        assertEquals("speed", pr.getJsonObject("pull_request").getString("head"));
        assertTrue(pr.getJsonObject("pull_request").getJsonObject("body").getBoolean("untrusted"));
        assertEquals(List.of("Makefile", "ci.yml"), pr.getJsonArray("files").stream()
                .map(f -> ((JsonObject) f).getString("filename")).toList());
        assertTrue(pr.getJsonObject("diff").getString("text").contains("+line 399 of the new build"));
        assertFalse(pr.getBoolean("diff_truncated"));
        assertEquals("application/vnd.github.diff", FakeGithub.requests().stream()
                .filter(r -> r.getPath().endsWith("/pulls/12") && r.getHeader("Accept").contains("diff")).findFirst()
                .orElseThrow().getHeader("Accept"));
        assertEquals(1, ok(call(client, "list_pull_requests", WEB_APP)).getInteger("count"));
    }

    @Test
    void commitsAndWorkflowRuns() {
        JsonObject commits = ok(call(client, "list_commits", Map.of("owner", "octo-org", "repo", "web-app",
                "path", "src", "since", "2026-11-01T00:00:00Z")));
        JsonObject message = commits.getJsonArray("commits").getJsonObject(0).getJsonObject("message");
        assertTrue(message.getBoolean("untrusted"));
        RecordedRequest sent = last("/repos/octo-org/web-app/commits");
        assertEquals("src", sent.getRequestUrl().queryParameter("path"));
        assertEquals("2026-11-01T00:00:00Z", sent.getRequestUrl().queryParameter("since"));
        JsonObject run = ok(call(client, "list_workflow_runs", Map.of("owner", "octo-org", "repo", "web-app",
                "status", "failure"))).getJsonArray("workflow_runs").getJsonObject(0);
        assertEquals("failure", run.getString("conclusion"));
        assertEquals("failure", last("/repos/octo-org/web-app/actions/runs").getRequestUrl().queryParameter("status"));
    }

    @Test
    void servesFilesAsResources() {
        AtomicReference<String> text = new AtomicReference<>();
        client.when().resourcesRead("github://octo-org/web-app/contents/README.md",
                r -> text.set(r.contents().get(0).asText().text())).thenAssertResults();
        assertEquals("# Web app\nRun it with make.\n", text.get());
        client.when().resourcesRead("github://octo-org/web-app/contents/docs/guide%20v2.md",
                r -> text.set(r.contents().get(0).asText().text())).thenAssertResults();
        assertEquals("Guide two\n", text.get());
        AtomicReference<List<String>> templates = new AtomicReference<>();
        client.when().resourcesTemplatesList(page -> templates.set(page.templates().stream().map(t -> t.uriTemplate())
                .toList())).thenAssertResults();
        assertEquals(List.of("github://{owner}/{repo}", "github://{owner}/{repo}/contents/{path}"),
                templates.get());
    }

    static RecordedRequest last(String path) {
        List<RecordedRequest> matching = FakeGithub.requests().stream()
                .filter(r -> r.getRequestUrl().encodedPath().equals("/api/v3" + path)).toList();
        assertFalse(matching.isEmpty(), "no request to " + path);
        return matching.get(matching.size() - 1);
    }
}
