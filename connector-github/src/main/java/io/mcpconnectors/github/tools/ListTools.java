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

import io.mcpconnectors.common.spi.Arg;
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

    /** The page size and the optional arguments given, as GitHub's query parameters of the same names. */
    @SafeVarargs
    static Map<String, String> query(ToolCall call, Arg<String>... parameters) {
        Map<String, String> query = new HashMap<>();
        query.put("per_page", GithubArgs.perPage(call.limits()));
        for (Arg<String> parameter : parameters) {
            String value = call.get(parameter);
            if (value != null) {
                query.put(parameter.name(), value);
            }
        }
        return query;
    }

    @Singleton
    public static class ListCommitsTool extends GithubTool {
        private static final Arg<String> SHA = Arg.string("sha", "branch, tag or SHA to start from");
        private static final Arg<String> PATH = Arg.string("path", "only commits touching this path");
        private static final Arg<String> AUTHOR = Arg.string("author", "GitHub login or email");
        private static final Arg<String> SINCE = Arg.string("since", "ISO 8601 time, e.g. 2026-01-01T00:00:00Z");
        private static final Arg<String> UNTIL = Arg.string("until", "ISO 8601 time");
        private static final ToolSpec SPEC = new ToolSpec("list_commits", "List commits",
                "Lists commits of an allowed repository, newest first, optionally on a branch (sha), touching a path,"
                        + " by an author or in a time range. Commit messages are marked untrusted.",
                ToolAccess.READ, List.of(GithubArgs.OWNER.spec(), GithubArgs.REPO.spec(), SHA.spec(),
                        PATH.spec(), AUTHOR.spec(), SINCE.spec(), UNTIL.spec(), GithubArgs.CURSOR.spec()),
                output("commits", "commits"));

        public ListCommitsTool(GithubApi api, GithubScope scopes) {

            super(SPEC, api, scopes);

        }

        @Override
        public ToolResult call(ToolCall call) {
            String repoPath = GithubArgs.repoPath(call, scope(call));
            GithubApi.Page page = api.get(call, repoPath + "/commits", query(call, SHA, PATH, AUTHOR, SINCE, UNTIL),
                    call.get(GithubArgs.CURSOR));
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
        private static final Arg<String> LABELS = Arg.string("labels", "comma-separated label names, all required");
        private static final ToolSpec SPEC = new ToolSpec("list_issues", "List issues",
                "Lists issues (not pull requests) of an allowed repository, most recently created first, by state and"
                        + " labels. Bodies are left out; get_issue shows one.",
                ToolAccess.READ, List.of(GithubArgs.OWNER.spec(), GithubArgs.REPO.spec(), GithubArgs.STATE.spec(),
                        LABELS.spec(), GithubArgs.CURSOR.spec()),
                output("issues", "issues"));

        public ListIssuesTool(GithubApi api, GithubScope scopes) {

            super(SPEC, api, scopes);

        }

        @Override
        public ToolResult call(ToolCall call) {
            String repoPath = GithubArgs.repoPath(call, scope(call));
            Map<String, String> query = query(call, LABELS);
            query.put("state", GithubArgs.state(call));
            GithubApi.Page page = api.get(call, repoPath + "/issues", query, call.get(GithubArgs.CURSOR));
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
        private static final Arg<String> BASE = Arg.string("base", "only pull requests into this branch");
        private static final ToolSpec SPEC = new ToolSpec("list_pull_requests", "List pull requests",
                "Lists pull requests of an allowed repository by state, optionally into one base branch.",
                ToolAccess.READ, List.of(GithubArgs.OWNER.spec(), GithubArgs.REPO.spec(), GithubArgs.STATE.spec(),
                        BASE.spec(), GithubArgs.CURSOR.spec()),
                output("pull_requests", "pull requests"));

        public ListPullRequestsTool(GithubApi api, GithubScope scopes) {

            super(SPEC, api, scopes);

        }

        @Override
        public ToolResult call(ToolCall call) {
            String repoPath = GithubArgs.repoPath(call, scope(call));
            Map<String, String> query = query(call, BASE);
            query.put("state", GithubArgs.state(call));
            GithubApi.Page page = api.get(call, repoPath + "/pulls", query, call.get(GithubArgs.CURSOR));
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
        private static final Arg<String> BRANCH = Arg.string("branch", "branch name");
        private static final Arg<String> EVENT = Arg.string("event", "e.g. push, pull_request");
        private static final Arg<String> STATUS = Arg.string("status",
                "e.g. completed, failure, success, in_progress");
        private static final ToolSpec SPEC = new ToolSpec("list_workflow_runs", "List workflow runs",
                "Lists GitHub Actions workflow runs of an allowed repository, newest first, optionally for one branch,"
                        + " event or status (e.g. failure, in_progress).",
                ToolAccess.READ, List.of(GithubArgs.OWNER.spec(), GithubArgs.REPO.spec(), BRANCH.spec(),
                        EVENT.spec(), STATUS.spec(), GithubArgs.CURSOR.spec()),
                output("workflow_runs", "workflow runs"));

        public ListWorkflowRunsTool(GithubApi api, GithubScope scopes) {

            super(SPEC, api, scopes);

        }

        @Override
        public ToolResult call(ToolCall call) {
            String repoPath = GithubArgs.repoPath(call, scope(call));
            GithubApi.Page page = api.get(call, repoPath + "/actions/runs", query(call, BRANCH, EVENT, STATUS),
                    call.get(GithubArgs.CURSOR));
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
