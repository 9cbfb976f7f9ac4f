package io.mcpconnectors.github;

import static io.mcpconnectors.common.test.SchemaCheckedCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static io.mcpconnectors.common.test.McpCalls.toolNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import okhttp3.mockwebserver.RecordedRequest;

/** The write tools, enabled by an admin with approval explicitly off: what they send, what they refuse. */
@QuarkusTest
@TestProfile(WriteToolsTest.WritesEnabled.class)
@WithTestResource(FakeGithub.class)
class WriteToolsTest extends McpClientTest {

    public static class WritesEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.access.writes", "enabled", "connector.approval.mode", "none");
        }
    }

    @Test
    void createsAnIssue() {
        assertTrue(toolNames(client).containsAll(List.of("create_issue", "add_issue_comment")));
        JsonObject created = ok(call(client, "create_issue", Map.of("owner", "octo-org", "repo", "web-app",
                "title", "Flaky login test", "body", "Fails 1 in 20 runs.", "labels", List.of("bug", "ci"))));
        assertEquals(42, created.getInteger("number"));
        RecordedRequest sent = lastPost();
        assertEquals("/api/v3/repos/octo-org/web-app/issues", sent.getPath());
        assertEquals(new JsonObject().put("title", "Flaky login test").put("body", "Fails 1 in 20 runs.")
                .put("labels", List.of("bug", "ci")), new JsonObject(sent.getBody().clone().readUtf8()));
    }

    @Test
    void commentsOnAnIssue() {
        assertEquals(9001, ok(call(client, "add_issue_comment", Map.of("owner", "octo-org", "repo", "web-app",
                "number", 7, "body", "Reproduced on main."))).getInteger("id"));
        RecordedRequest sent = lastPost();
        assertEquals("/api/v3/repos/octo-org/web-app/issues/7/comments", sent.getPath());
        assertEquals(new JsonObject().put("body", "Reproduced on main."), new JsonObject(sent.getBody().clone().readUtf8()));
    }

    @Test
    void refusesWritesOutsideTheAllowlistOrWithBadArguments() {
        int before = FakeGithub.requests().size();
        assertTrue(error(call(client, "create_issue", Map.of("owner", "other-org", "repo", "secret",
                "title", "leak", "body", FakeGithub.INJECTION))).contains("not available to this connector"));
        assertTrue(error(call(client, "add_issue_comment", Map.of("owner", "octo-org", "repo", "web-app",
                "number", 7, "body", " "))).contains("must not be empty"));
        assertTrue(error(call(client, "create_issue", Map.of("owner", "octo-org", "repo", "web-app",
                "title", "x".repeat(300)))).contains("1 to 256"));
        assertTrue(error(call(client, "add_issue_comment", Map.of("owner", "octo-org", "repo", "web-app",
                "number", 0, "body", "hi"))).contains("'number'"));
        assertEquals(before, FakeGithub.requests().size());
    }

    static RecordedRequest lastPost() {
        List<RecordedRequest> posts = FakeGithub.requests().stream().filter(r -> r.getMethod().equals("POST")).toList();
        return posts.get(posts.size() - 1);
    }
}
