package io.mcpconnectors.salesforce;

import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.SchemaCheckedCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.AuditTail;
import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Salesforce errors that quote the request (a gateway echoing the session, a token endpoint quoting the client
 * secret) reach neither the caller nor the audit trail with the secret in them.
 */
@QuarkusTest
@WithTestResource(FakeSalesforce.class)
class SecretsNotRelayedTest extends McpClientTest {

    static final Path AUDIT = Path.of("target/audit/salesforce-audit.jsonl");

    AuditTail audit;

    @BeforeEach
    void markAudit() {
        audit = AuditTail.from(AUDIT);
    }

    @AfterEach
    void endpointHonestAgain() {
        FakeSalesforce.tokenEndpointEchoes = false;
    }

    @Test
    void anErrorQuotingTheAccessTokenIsRelayedWithoutIt() throws Exception {
        String token = FakeSalesforce.currentToken();
        String message = error(call(client, "soql_query", Map.of("query", "SELECT Id FROM EchoSession")));
        assertEquals("Salesforce refused the request: INVALID_QUERY_FILTER_OPERATOR: session [REDACTED] may not query"
                + " EchoSession (Authorization: Bearer ***).", message);
        assertFalse(message.contains(token.substring(token.indexOf('!'))), "not even the part after the '!'");
        String audited = audit.text();
        assertTrue(audited.contains("may not query EchoSession"), "the refusal is audited");
        assertFalse(audited.contains(token), "no access token in the audit trail");
    }

    @Test
    void aTokenEndpointQuotingTheClientSecretIsRelayedWithoutIt() throws Exception {
        FakeSalesforce.revoked.add(FakeSalesforce.currentToken());
        FakeSalesforce.tokenEndpointEchoes = true;
        String message = error(call(client, "org_limits", Map.of()));
        assertTrue(message.startsWith("Salesforce ended the session and a new one could not be started: the token"
                + " endpoint refused the client-credentials grant: invalid_client (client secret [REDACTED]"), message);
        assertFalse(message.contains(FakeSalesforce.CLIENT_SECRET), message);
        assertFalse(audit.text().contains(FakeSalesforce.CLIENT_SECRET), "no client secret in the audit");
        FakeSalesforce.tokenEndpointEchoes = false;
        call(client, "org_limits", Map.of());
    }
}
