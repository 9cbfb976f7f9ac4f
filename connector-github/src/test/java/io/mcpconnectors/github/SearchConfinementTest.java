package io.mcpconnectors.github;

import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static io.mcpconnectors.common.test.SchemaCheckedCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkiverse.mcp.server.ToolResponse;
import io.vertx.core.json.JsonObject;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Searches written to get out of the allowlist (octo-org/web-app, octo-org/infra) through every search tool, judged
 * by the requests that reach the API: each is refused before anything is sent, or sent as a query in which no
 * caller text can be read as an operator, a group or a repository outside the allowlist.
 */
@QuarkusTest
@WithTestResource(FakeGithub.class)
class SearchConfinementTest extends McpClientTest {

    static final Set<String> ALLOWED = Set.of("octo-org/web-app", "octo-org/infra");
    static final List<String> TOOLS = List.of("search_repositories", "search_code", "search_issues");
    /** Anything GitHub might take for a repository or owner qualifier, quoted or not. */
    static final Pattern SCOPE = Pattern.compile(
            "(?i)(repo|repository|org|organization|organisation|user|owner)\\s*:\\s*\"?([^\\s\")]*)");

    static final List<String> WIDENING = List.of(
            // boolean operators and groups
            "login OR repo:other-org/secret", "login OR secret", "NOT bug", "a AND b",
            "(repo:other-org/secret)", "x (repo:other-org/secret OR bug)",
            // quotes
            "x \"repo:other-org/secret", "\"unbalanced", "\"repo:other-org/secret\"", "\"login repo:other-org/x\"",
            // qualifier spelling and case
            "x REPO:other-org/secret", "x Repo:\"other-org/secret\"", "Repository:other-org/secret",
            "organization:other-org", "ORG:other-org", "owner:other-org", "user:octo-org", "label:repo:other-org/x",
            "--repo:other-org/secret", "repo:octo-org/web-app,other-org/secret", "repo:octo-org/../other-org/secret",
            // white space
            "repo :other-org/secret", "repo: other-org/secret", "repo\u200b:other-org/secret", "x\trepo:other-org/secret",
            "x\u00a0repo:other-org/secret", "x\u2003repo:other-org/secret", "x\nrepo:other-org/secret");

    static final List<String> CONFINED = List.of("web", "or login", "Or login -NOT", "malloc( free)", "a\\\" b\"",
            "foo:bar \"exact phrase\"", "zero\u200bwidth", "is:issue label:\"help wanted\" -label:wontfix",
            "bug -repo:other-org/secret", "bug -repo:octo-org/infra", "bug repo:octo-org/infra",
            "bug Repo:Octo-Org/Web-App", "tab\there\u2003em\u00a0nbsp");

    @Test
    void wideningQueriesAreRefusedBeforeAnythingIsSent() {
        int before = FakeGithub.requests().size();
        for (String tool : TOOLS) {
            for (String query : WIDENING) {
                // Refusals carry no structured content to check against the schema.
                String message = error(McpCalls.call(client, tool, Map.of("query", query)));
                assertFalse(message.isBlank(), query);
            }
        }
        assertEquals(before, FakeGithub.requests().size(), "no refused search reached the API");
    }

    @Test
    void otherQueriesReachTheApiConfinedWhateverTheySay() {
        for (String tool : TOOLS) {
            for (String query : CONFINED) {
                int before = FakeGithub.requests().size();
                JsonObject result = ok(call(client, tool, Map.of("query", query)));
                List<RecordedRequest> sent = FakeGithub.requests().subList(before, FakeGithub.requests().size());
                assertEquals(1, sent.size(), query);
                String q = sent.get(0).getRequestUrl().queryParameter("q");
                assertConfined(q, query);
                assertEquals(q, result.getString("query"), "the answer shows the query as sent");
            }
        }
    }

    @Test
    void resultsOutsideTheAllowlistAreDroppedAndNotCounted() {
        JsonObject issues = ok(call(client, "search_issues", Map.of("query", "leaked")));
        assertEquals(List.of(7), issues.getJsonArray("issues").stream().map(i -> ((JsonObject) i).getInteger("number"))
                .toList(), "the API's other-org results are dropped");
        assertEquals(1, issues.getInteger("count"));
        assertFalse(issues.containsKey("total_count"), "GitHub's total counts what the caller may not see");
        ToolResponse repos = call(client, "search_repositories", Map.of("query", "secret"));
        assertFalse(repos.toString().contains("other-org"));
    }

    /**
     * The query as GitHub receives it: quotes balanced; outside quotes no operator and no parenthesis; every
     * repository or owner it names, inside quotes or not, in the allowlist; and the scope the connector's own,
     * at the end.
     */
    static void assertConfined(String q, String query) {
        String context = "caller: [" + query + "] sent: [" + q + "]";
        assertEquals(0, q.chars().filter(c -> c == '"').count() % 2, context);
        List<String> outside = new ArrayList<>();
        Matcher phrases = Pattern.compile("\"[^\"]*\"|\\S+").matcher(q);
        while (phrases.find()) {
            if (!phrases.group().startsWith("\"") && !phrases.group().startsWith("-\"")) {
                outside.add(phrases.group());
            }
        }
        for (String token : outside) {
            assertFalse(Set.of("AND", "OR", "NOT").contains(token), context);
            assertFalse(token.contains("(") || token.contains(")"), context);
        }
        Matcher scope = SCOPE.matcher(q);
        while (scope.find()) {
            String value = scope.group(2).toLowerCase(Locale.ROOT);
            boolean excluded = scope.start() > 0 && q.charAt(scope.start() - 1) == '-';
            assertTrue(scope.group(1).equalsIgnoreCase("repo") && ALLOWED.contains(value) && !excluded
                    || excluded && ALLOWED.contains(value), "names " + scope.group() + ": " + context);
        }
        assertTrue(q.endsWith(" repo:octo-org/web-app repo:octo-org/infra") || q.endsWith(" repo:octo-org/infra")
                || q.endsWith(" repo:octo-org/web-app"), context);
    }
}
