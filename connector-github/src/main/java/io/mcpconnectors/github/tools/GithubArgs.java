package io.mcpconnectors.github.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.UntrustedText;
import io.mcpconnectors.github.GithubApi;
import io.mcpconnectors.github.RepositoryScope;

/** Arguments, paging and shapes the GitHub tools share. */
final class GithubArgs {

    static final Arg<String> OWNER = Arg.string("owner", "repository owner (user or organisation)").required();
    static final Arg<String> REPO = Arg.string("repo", "repository name").required();
    static final Arg<Long> NUMBER = Arg.integer("number", "issue or pull request number").required();
    static final Arg<String> CURSOR = Arg.string("cursor", "next_cursor from a previous answer, for the next page");
    static final Arg<String> STATE = Arg.string("state", "open (default), closed or all").orElse("open");

    private GithubArgs() {
    }

    /** "/repos/{owner}/{repo}" for arguments inside the scope of the call (the allowlist, or the caller's own). */
    static String repoPath(ToolCall call, RepositoryScope scope) {
        String owner = call.get(OWNER);
        String repo = call.get(REPO);
        scope.check(owner, repo);
        return "/repos/" + owner + "/" + repo;
    }

    static String state(ToolCall call) {
        String state = call.get(STATE);
        if (!List.of("open", "closed", "all").contains(state)) {
            throw new ToolCallException("Argument 'state' must be open, closed or all (got '" + state + "').");
        }
        return state;
    }

    static int number(ToolCall call) {
        return call.arguments().intInRange(NUMBER, 1, 1, Integer.MAX_VALUE);
    }

    /** Items per page: the cap, within GitHub's 1..100. */
    static String perPage(CallLimits limits) {
        return String.valueOf(Math.max(1, Math.min(100, limits.maxItems())));
    }

    /** A list answer: the items, the next cursor, and truncation when the page was cut by the byte cap. */
    static ToolResult page(String key, List<Map<String, Object>> items, GithubApi.Page page, ToolCall call) {
        var collector = call.collector();
        for (Map<String, Object> item : items) {
            if (!collector.add(item)) {
                break;
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(key, new ArrayList<>(collector.items()));
        data.put("count", collector.size());
        // Absent on the last page: the schema declares a string, and clients reject a null in its place.
        if (page.nextCursor() != null) {
            data.put("next_cursor", page.nextCursor());
        }
        return ToolResult.of(data, collector.size(), collector.truncation());
    }

    static String login(JsonNode user) {
        return user == null || user.isMissingNode() || user.isNull() ? null : user.path("login").asText(null);
    }

    static List<String> labels(JsonNode labels) {
        List<String> names = new ArrayList<>();
        labels.forEach(l -> names.add(l.isTextual() ? l.asText() : l.path("name").asText()));
        return names;
    }

    /** Text written by people outside the user's control: marked, so the model reads it as data. */
    static UntrustedText untrusted(JsonNode text, String source) {
        return new UntrustedText(source, text == null || text.isNull() ? "" : text.asText());
    }

    /**
     * An issue or pull request in a list: no body (get_issue / get_pull_request has it, marked untrusted). The title
     * is marked untrusted too: anyone who can open an issue writes it.
     */
    static Map<String, Object> summary(JsonNode item) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("number", item.path("number").asInt());
        out.put("title", untrusted(item.path("title"), "title of #" + item.path("number").asInt() + " by @"
                + login(item.path("user"))));
        out.put("state", item.path("state").asText());
        out.put("author", login(item.path("user")));
        out.put("labels", labels(item.path("labels")));
        out.put("comments", item.path("comments").isNumber() ? item.path("comments").asInt() : null);
        out.put("created_at", item.path("created_at").asText(null));
        out.put("updated_at", item.path("updated_at").asText(null));
        out.put("url", item.path("html_url").asText(null));
        return out;
    }
}
