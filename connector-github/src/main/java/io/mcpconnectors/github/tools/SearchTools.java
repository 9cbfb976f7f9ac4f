package io.mcpconnectors.github.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.arrayOf;
import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.github.GithubApi;
import io.mcpconnectors.github.GithubScope;
import io.mcpconnectors.github.RepositoryScope;

/**
 * The three searches, each confined to the allowlist by qualifiers the connector writes (see
 * {@link RepositoryScope#confine}) and with every result's repository checked again. Counts are of what is
 * returned: GitHub's total counts matches the caller may not see.
 */
final class SearchTools {

    static final Arg<String> QUERY = Arg.string("query",
            "GitHub search syntax without AND/OR/NOT; it is confined to the connector's repositories, so"
                    + " repo:/org:/user: may be left out (when given, they narrow the search)").required();

    private SearchTools() {
    }

    static Map<String, Object> output(String key, String description) {
        return properties(key, arrayOf(Map.of("type", "object"), description), "count", integer("results returned"),
                "query", string("the query as sent to GitHub, with the connector's repository qualifiers"),
                "next_cursor", string("cursor for the next page; absent on the last page"));
    }

    static ToolResult search(GithubApi api, RepositoryScope scope, ToolCall call, String kind, String key,
            Function<JsonNode, String> repository, Function<JsonNode, Map<String, Object>> shape) {
        String query = scope.confine(call.get(QUERY));
        GithubApi.Page page = api.get(call, "/search/" + kind, Map.of("q", query, "per_page", GithubArgs.perPage(call.limits())),
                call.get(GithubArgs.CURSOR));
        List<Map<String, Object>> items = new ArrayList<>();
        for (JsonNode item : page.body().path("items")) {
            // Defence in depth: a result outside the allowlist is dropped even if the qualifiers let it through,
            // and not counted either.
            if (scope.allows(repository.apply(item))) {
                items.add(shape.apply(item));
            }
        }
        ToolResult result = GithubArgs.page(key, items, page, call);
        Map<String, Object> data = new LinkedHashMap<>(result.data());
        data.put("query", query);
        return new ToolResult(data, result.items(), result.truncation(), List.of());
    }

    /** owner/repo from an issue's repository_url (…/repos/owner/repo). */
    static String repositoryOf(String repositoryUrl) {
        int at = repositoryUrl == null ? -1 : repositoryUrl.indexOf("/repos/");
        return at < 0 ? "" : repositoryUrl.substring(at + "/repos/".length());
    }

    @Singleton
    public static class SearchRepositoriesTool extends GithubTool {
        private static final ToolSpec SPEC = new ToolSpec("search_repositories", "Search repositories",
                "Searches the connector's repositories by name, description, topics, language and more (GitHub"
                        + " search syntax).",
                ToolAccess.READ, List.of(QUERY.spec(), GithubArgs.CURSOR.spec()),
                output("repositories", "matching repositories"));

        public SearchRepositoriesTool(GithubApi api, GithubScope scopes) {

            super(SPEC, api, scopes);

        }

        @Override
        public ToolResult call(ToolCall call) {
            return search(api, scope(call), call, "repositories", "repositories", r -> r.path("full_name").asText(), r -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("full_name", r.path("full_name").asText());
                out.put("description", r.path("description").asText(null));
                out.put("private", r.path("private").asBoolean());
                out.put("language", r.path("language").asText(null));
                out.put("stars", r.path("stargazers_count").asInt());
                out.put("default_branch", r.path("default_branch").asText(null));
                out.put("updated_at", r.path("updated_at").asText(null));
                out.put("url", r.path("html_url").asText(null));
                return out;
            });
        }
    }

    @Singleton
    public static class SearchCodeTool extends GithubTool {
        private static final ToolSpec SPEC = new ToolSpec("search_code", "Search code",
                "Searches file contents in the connector's repositories (GitHub code search syntax). Returns paths;"
                        + " read a file with get_file_contents.",
                ToolAccess.READ, List.of(QUERY.spec(), GithubArgs.CURSOR.spec()), output("results", "matching files"));

        public SearchCodeTool(GithubApi api, GithubScope scopes) {

            super(SPEC, api, scopes);

        }

        @Override
        public ToolResult call(ToolCall call) {
            return search(api, scope(call), call, "code", "results", r -> r.path("repository").path("full_name").asText(), r -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("repository", r.path("repository").path("full_name").asText());
                out.put("path", r.path("path").asText());
                out.put("sha", r.path("sha").asText(null));
                out.put("url", r.path("html_url").asText(null));
                return out;
            });
        }
    }

    @Singleton
    public static class SearchIssuesTool extends GithubTool {
        private static final ToolSpec SPEC = new ToolSpec("search_issues", "Search issues and pull requests",
                "Searches issues and pull requests in the connector's repositories (GitHub search syntax, e.g."
                        + " is:issue is:open label:bug). Bodies are left out; get_issue shows one, marked untrusted.",
                ToolAccess.READ, List.of(QUERY.spec(), GithubArgs.CURSOR.spec()),
                output("issues", "matching issues and pull requests"));

        public SearchIssuesTool(GithubApi api, GithubScope scopes) {

            super(SPEC, api, scopes);

        }

        @Override
        public ToolResult call(ToolCall call) {
            return search(api, scope(call), call, "issues", "issues", i -> repositoryOf(i.path("repository_url").asText()), i -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("repository", repositoryOf(i.path("repository_url").asText()));
                out.putAll(GithubArgs.summary(i));
                out.put("pull_request", i.has("pull_request"));
                return out;
            });
        }
    }
}
