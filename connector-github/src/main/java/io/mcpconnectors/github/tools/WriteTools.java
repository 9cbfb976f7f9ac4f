package io.mcpconnectors.github.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.mcpconnectors.common.spi.ArgSpec;
import io.mcpconnectors.common.spi.ArgType;
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

    static String body(ToolCall call, boolean required) {
        String body = required ? call.arguments().string("body") : call.arguments().optionalString("body").orElse("");
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
                ToolAccess.WRITE, List.of(GithubArgs.OWNER, GithubArgs.REPO,
                        ArgSpec.required("title", ArgType.STRING, "issue title"),
                        ArgSpec.optional("body", ArgType.STRING, "issue body, Markdown"),
                        ArgSpec.optional("labels", ArgType.STRING_ARRAY, "label names")),
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
            String title = call.arguments().string("title").strip();
            if (title.isEmpty() || title.length() > 256) {
                throw new ToolCallException("Argument 'title' must be 1 to 256 characters.");
            }
            Map<String, Object> issue = new LinkedHashMap<>();
            issue.put("title", title);
            issue.put("body", body(call, false));
            List<String> labels = call.arguments().strings("labels");
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
                ToolAccess.WRITE, List.of(GithubArgs.OWNER, GithubArgs.REPO, GithubArgs.NUMBER,
                        ArgSpec.required("body", ArgType.STRING, "comment, Markdown")),
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
            JsonNode created = api.post(call, repoPath + "/issues/" + number + "/comments", Map.of("body", body(call, true)));
            return ToolResult.of(Map.of("id", created.path("id").asLong(), "url", created.path("html_url").asText("")),
                    1);
        }
    }
}
