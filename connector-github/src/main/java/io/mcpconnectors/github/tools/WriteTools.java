package io.mcpconnectors.github.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.github.GithubApi;
import io.mcpconnectors.github.GithubScope;

/** The two write tools: a new issue, a comment on an issue or pull request. */
final class WriteTools {

    /** GitHub's limit for an issue or comment body. */
    static final int MAX_BODY_CHARS = 65_536;

    private WriteTools() {
    }

    private static final Arg<String> TITLE = Arg.string("title", "issue title").required();
    private static final Arg<String> ISSUE_BODY = Arg.string("body", "issue body, Markdown").orElse("");
    private static final Arg<List<String>> LABELS = Arg.strings("labels", "label names");
    private static final Arg<String> COMMENT_BODY = Arg.string("body", "comment, Markdown").required();

    static String body(ToolCall call, Arg<String> argument, boolean required) {
        String body = call.get(argument);
        if (required && body.isBlank()) {
            throw new ToolCallException("Argument 'body' must not be empty.");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new ToolCallException("Argument 'body' is " + body.length() + " characters; GitHub accepts at most "
                    + MAX_BODY_CHARS + ".");
        }
        return body;
    }

    @Singleton
    public static class CreateIssueTool extends GithubTool {
        private static final ToolSpec SPEC = new ToolSpec("create_issue", "Create an issue",
                "Opens an issue in an allowed repository with a title, an optional body (Markdown) and labels.",
                ToolAccess.WRITE, List.of(GithubArgs.OWNER.spec(), GithubArgs.REPO.spec(), TITLE.spec(),
                        ISSUE_BODY.spec(), LABELS.spec()),
                properties("number", integer("number of the new issue"), "url", string("its web address")));

        public CreateIssueTool(GithubApi api, GithubScope scopes) {

            super(SPEC, api, scopes);

        }

        /** Nothing to show beyond the arguments; a repository out of reach is refused before anyone is asked. */
        @Override
        public String preview(ToolCall call) {
            GithubArgs.repoPath(call, scope(call));
            return null;
        }

        @Override
        public ToolResult call(ToolCall call) {
            String repoPath = GithubArgs.repoPath(call, scope(call));
            String title = call.get(TITLE).strip();
            if (title.isEmpty() || title.length() > 256) {
                throw new ToolCallException("Argument 'title' must be 1 to 256 characters.");
            }
            Map<String, Object> issue = new LinkedHashMap<>();
            issue.put("title", title);
            issue.put("body", body(call, ISSUE_BODY, false));
            List<String> labels = call.get(LABELS);
            if (!labels.isEmpty()) {
                issue.put("labels", labels);
            }
            JsonNode created = api.post(call, repoPath + "/issues", issue);
            return ToolResult.of(Map.of("number", created.path("number").asInt(), "url",
                    created.path("html_url").asText("")), 1);
        }
    }

    @Singleton
    public static class AddIssueCommentTool extends GithubTool {
        private static final ToolSpec SPEC = new ToolSpec("add_issue_comment", "Comment on an issue",
                "Adds a comment (Markdown) to an issue or pull request of an allowed repository.",
                ToolAccess.WRITE, List.of(GithubArgs.OWNER.spec(), GithubArgs.REPO.spec(), GithubArgs.NUMBER.spec(),
                        COMMENT_BODY.spec()),
                properties("id", integer("id of the new comment"), "url", string("its web address")));

        public AddIssueCommentTool(GithubApi api, GithubScope scopes) {

            super(SPEC, api, scopes);

        }

        @Override
        public String preview(ToolCall call) {
            GithubArgs.repoPath(call, scope(call));
            return null;
        }

        @Override
        public ToolResult call(ToolCall call) {
            String repoPath = GithubArgs.repoPath(call, scope(call));
            int number = GithubArgs.number(call);
            JsonNode created = api.post(call, repoPath + "/issues/" + number + "/comments", Map.of("body",
                    body(call, COMMENT_BODY, true)));
            return ToolResult.of(Map.of("id", created.path("id").asLong(), "url", created.path("html_url").asText("")),
                    1);
        }
    }
}
