package io.mcpconnectors.github;

import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.SchemaCheckedCalls.call;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.AuditTail;
import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** An API error that echoes the request does not carry the connector's token to the caller or the audit trail. */
@QuarkusTest
@WithTestResource(FakeGithub.class)
class SecretsNotRelayedTest extends McpClientTest {

    static final Path AUDIT = Path.of("target/audit/github-audit.jsonl");

    AuditTail audit;

    @BeforeEach
    void markAudit() {
        audit = AuditTail.from(AUDIT);
    }

    @Test
    void anErrorEchoingTheTokenIsRelayedWithoutIt() throws Exception {
        String message = error(call(client, "get_issue", Map.of("owner", "octo-org", "repo", "web-app", "number", 13)));
        assertTrue(message.startsWith("GitHub could not process the request: Validation Failed for GET"), message);
        assertFalse(message.contains(FakeGithub.TOKEN), message);
        assertFalse(message.contains("11AAAAAA0test"), message);
        String audited = audit.text();
        assertTrue(audited.contains("Validation Failed for GET"), "the refusal is audited");
        assertFalse(audited.contains(FakeGithub.TOKEN), "no token in the audit trail");
    }
}
