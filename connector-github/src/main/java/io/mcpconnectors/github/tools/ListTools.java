package io.mcpconnectors.github.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.arrayOf;
import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.mcpconnectors.common.spi.ArgSpec;
import io.mcpconnectors.common.spi.ArgType;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.github.GithubApi;
import io.mcpconnectors.github.GithubScope;

/** The list tools of a repository: commits, issues, pull requests and workflow runs, a page at a time. */
final class ListTools {

    private ListTools() {
    }

    static Map<String, Object> output(String key, String description) {
        return properties(key, arrayOf(Map.of("type", "object"), description), "count", integer("items returned"),
                "next_cursor", string("cursor for the next page; absent on the last page"));
    }

    static Map<String, String> query(ToolCall call, String... names) {
        Map<String, String> query = new HashMap<>();
        query.put("per_page", GithubArgs.perPage(call.limits()));
        for (String name : names) {
            call.arguments().optionalString(name).ifPresent(v -> query.put(name, v));
        }
        return query;
    }

    @Singleton
    public static class ListCommitsTool extends GithubTool {
        private static final ToolSpec SPEC = new ToolSpec("list_commits", "List commits",
                "Lists commits of an allowed repository, newest first, optionally on a branch (sha), touching a path,"
                        + " by an author or in a time range. Commit messages are marked untrusted.",
                ToolAccess.READ, List.of(GithubArgs.OWNER, GithubArgs.REPO,
                        ArgSpec.optional("sha", ArgType.STRING, "branch, tag or SHA to start from"),
                        ArgSpec.optional("path", ArgType.STRING, "only commits touching this path"),
                        ArgSpec.optional("author", ArgType.STRING, "GitHub login or email"),
                        ArgSpec.optional("since", ArgType.STRING, "ISO 8601 time, e.g. 2026-01-01T00:00:00Z"),
                        ArgSpec.optional("until", ArgType.STRING, "ISO 8601 time"), GithubArgs.CURSOR),
                output("commits", "commits"));

        public ListCommitsTool(GithubApi api, GithubScope scopes) {

            super(SPEC, api, scopes);

        }

        @Override
        public ToolResult call(ToolCall call) {
            String repoPath = GithubArgs.repoPath(call, scope(call));
            GithubApi.Page page = api.get(call, repoPath + "/commits", query(call, "sha", "path", "author", "since", "until"),
                    call.arguments().optionalString("cursor").orElse(null));
            List<Map<String, Object>> commits = new ArrayList<>();
            for (JsonNode c : page.body()) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("sha", c.path("sha").asText());
                out.put("author", GithubArgs.login(c.path("author")));
                out.put("author_name", c.path("commit").path("author").path("name").asText(null));
                out.put("date", c.path("commit").path("author").path("date").asText(null));
                out.put("message", GithubArgs.untrusted(c.path("commit").path("message"),
                        "commit " + c.path("sha").asText().substring(0, Math.min(7, c.path("sha").asText().length()))
                                + " message"));
                out.put("url", c.path("html_url").asText(null));
                commits.add(out);
            }
            return GithubArgs.page("commits", commits, page, call);
        }
    }

    @Singleton
    public static class ListIssuesTool extends GithubTool {
        private static final ToolSpec SPEC = new ToolSpec("list_issues", "List issues",
                "Lists issues (not pull requests) of an allowed repository, most recently created first, by state and"
                        + " labels. Bodies are left out; get_issue shows one.",
                ToolAccess.READ, List.of(GithubArgs.OWNER, GithubArgs.REPO, GithubArgs.STATE,
                        ArgSpec.optional("labels", ArgType.STRING, "comma-separated label names, all required"),
                        GithubArgs.CURSOR),
                output("issues", "issues"));

        public ListIssuesTool(GithubApi api, GithubScope scopes) {

            super(SPEC, api, scopes);

        }

        @Override
        public ToolResult call(ToolCall call) {
            String repoPath = GithubArgs.repoPath(call, scope(call));
            Map<String, String> query = query(call, "labels");
            query.put("state", GithubArgs.state(call));
            GithubApi.Page page = api.get(call, repoPath + "/issues", query, call.arguments().optionalString("cursor").orElse(null));
            List<Map<String, Object>> issues = new ArrayList<>();
            for (JsonNode issue : page.body()) {
                if (!issue.has("pull_request")) {
                    issues.add(GithubArgs.summary(issue));
                }
            }
            return GithubArgs.page("issues", issues, page, call);
        }
    }

    @Singleton
    public static class ListPullRequestsTool extends GithubTool {
        private static final ToolSpec SPEC = new ToolSpec("list_pull_requests", "List pull requests",
                "Lists pull requests of an allowed repository by state, optionally into one base branch.",
                ToolAccess.READ, List.of(GithubArgs.OWNER, GithubArgs.REPO, GithubArgs.STATE,
                        ArgSpec.optional("base", ArgType.STRING, "only pull requests into this branch"),
                        GithubArgs.CURSOR),
                output("pull_requests", "pull requests"));

        public ListPullRequestsTool(GithubApi api, GithubScope scopes) {

            super(SPEC, api, scopes);

        }

        @Override
        public ToolResult call(ToolCall call) {
            String repoPath = GithubArgs.repoPath(call, scope(call));
            Map<String, String> query = query(call, "base");
            query.put("state", GithubArgs.state(call));
            GithubApi.Page page = api.get(call, repoPath + "/pulls", query, call.arguments().optionalString("cursor").orElse(null));
            List<Map<String, Object>> pulls = new ArrayList<>();
            for (JsonNode pr : page.body()) {
                Map<String, Object> out = GithubArgs.summary(pr);
                out.put("draft", pr.path("draft").asBoolean());
                out.put("head", pr.path("head").path("ref").asText(null));
                out.put("base", pr.path("base").path("ref").asText(null));
                pulls.add(out);
            }
            return GithubArgs.page("pull_requests", pulls, page, call);
        }
    }

    @Singleton
    public static class ListWorkflowRunsTool extends GithubTool {
        private static final ToolSpec SPEC = new ToolSpec("list_workflow_runs", "List workflow runs",
                "Lists GitHub Actions workflow runs of an allowed repository, newest first, optionally for one branch,"
                        + " event or status (e.g. failure, in_progress).",
                ToolAccess.READ, List.of(GithubArgs.OWNER, GithubArgs.REPO,
                        ArgSpec.optional("branch", ArgType.STRING, "branch name"),
                        ArgSpec.optional("event", ArgType.STRING, "e.g. push, pull_request"),
                        ArgSpec.optional("status", ArgType.STRING, "e.g. completed, failure, success, in_progress"),
                        GithubArgs.CURSOR),
                output("workflow_runs", "workflow runs"));

        public ListWorkflowRunsTool(GithubApi api, GithubScope scopes) {

            super(SPEC, api, scopes);

        }

        @Override
        public ToolResult call(ToolCall call) {
            String repoPath = GithubArgs.repoPath(call, scope(call));
            GithubApi.Page page = api.get(call, repoPath + "/actions/runs", query(call, "branch", "event", "status"),
                    call.arguments().optionalString("cursor").orElse(null));
            List<Map<String, Object>> runs = new ArrayList<>();
            for (JsonNode run : page.body().path("workflow_runs")) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("id", run.path("id").asLong());
                out.put("name", run.path("name").asText(null));
                out.put("status", run.path("status").asText(null));
                out.put("conclusion", run.path("conclusion").asText(null));
                out.put("branch", run.path("head_branch").asText(null));
                out.put("event", run.path("event").asText(null));
                out.put("sha", run.path("head_sha").asText(null));
                out.put("created_at", run.path("created_at").asText(null));
                out.put("url", run.path("html_url").asText(null));
                runs.add(out);
            }
            return GithubArgs.page("workflow_runs", runs, page, call);
        }
    }
}
