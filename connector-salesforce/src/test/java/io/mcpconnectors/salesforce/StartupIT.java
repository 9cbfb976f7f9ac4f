package io.mcpconnectors.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.ConnectorProcess;
import io.mcpconnectors.common.test.StoreOnlyCommands;
import io.vertx.core.json.JsonObject;

/** The packaged connector as a process over stdio: sign-in at start, one-line errors, no secret in any output. */
class StartupIT {

    @Test
    void theAdminCommandsNeedOnlyTheStore() throws Exception {
        StoreOnlyCommands.check(ConnectorProcess.jarUnderTest(), "salesforce");
    }

    @Test
    void aRefusedSignInStopsTheConnectorInOneLineWithoutTheSecret() throws Exception {
        try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(), Map.of(
                "CONNECTOR_SALESFORCE_LOGIN_URL", FakeSalesforce.url(),
                "CONNECTOR_SALESFORCE_AUTH_FLOW", "client-credentials",
                "CONNECTOR_SALESFORCE_AUTH_CLIENT_ID", "3MVG9-consumer-key",
                "CONNECTOR_SALESFORCE_AUTH_CLIENT_SECRET", "wrong"))) {
            assertTrue(connector.process().waitFor(60, TimeUnit.SECONDS), "exits");
            assertEquals(1, connector.process().exitValue());
            List<String> stderr = connector.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, stderr.size(), String.join("\n", stderr));
            assertTrue(stderr.get(0).contains("connector.salesforce.auth"), stderr.get(0));
            assertTrue(stderr.get(0).contains("invalid_client"), stderr.get(0));
            assertTrue(connector.stdoutLines().isEmpty());
        }
    }

    @Test
    void refusesUserBoundAccessWithAFlowThatCannotSignInAsEachUser() throws Exception {
        try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(), Map.of(
                "CONNECTOR_SALESFORCE_LOGIN_URL", FakeSalesforce.url(),
                "CONNECTOR_SALESFORCE_AUTH_FLOW", "client-credentials",
                "CONNECTOR_SALESFORCE_AUTH_CLIENT_ID", "3MVG9-consumer-key",
                "CONNECTOR_SALESFORCE_AUTH_CLIENT_SECRET", FakeSalesforce.CLIENT_SECRET,
                "CONNECTOR_IDENTITY_MODE", "mapped", "CONNECTOR_IDENTITY_MAP_ALICE", "alice@acme.com"))) {
            String line = oneLineAndExit(connector);
            assertTrue(line.contains("connector.salesforce.auth.flow") && line.contains("must be jwt-bearer"), line);
            assertFalse(connector.stderr().contains(FakeSalesforce.CLIENT_SECRET));
        }
    }

    @Test
    void refusesToMapCallersToAUserTheConnectedAppDoesNotPreAuthorizeOrToSomethingNotAUsername() throws Exception {
        for (Map.Entry<String, String> mapped : Map.of(FakeSalesforce.NOT_PRE_AUTHORIZED, "invalid_grant (user hasn't"
                + " approved this consumer)", "alice", "is not a Salesforce username", "alice@acme.com,bob@acme.com",
                "is not a Salesforce username").entrySet()) {
            try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(), Map.of(
                    "CONNECTOR_SALESFORCE_LOGIN_URL", FakeSalesforce.url(),
                    "CONNECTOR_SALESFORCE_AUTH_CLIENT_ID", "3MVG9-consumer-key",
                    "CONNECTOR_SALESFORCE_AUTH_USERNAME", FakeSalesforce.INTEGRATION_USER,
                    "CONNECTOR_SALESFORCE_AUTH_PRIVATE_KEY_FILE", ConnectedAppKey.file().toString(),
                    "CONNECTOR_IDENTITY_MODE", "mapped", "CONNECTOR_IDENTITY_MAP_ALICE", mapped.getKey()))) {
                String line = oneLineAndExit(connector);
                assertTrue(line.contains("connector.identity.map.\"alice\"") && line.contains(mapped.getValue()),
                        line);
                assertFalse(line.contains("eyJ"), "no assertion in the message: " + line);
            }
        }
    }

    private static String oneLineAndExit(ConnectorProcess connector) throws Exception {
        assertTrue(connector.process().waitFor(60, TimeUnit.SECONDS), "exits");
        assertEquals(1, connector.process().exitValue());
        List<String> stderr = connector.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, stderr.size(), String.join("\n", stderr));
        assertTrue(connector.stdoutLines().isEmpty());
        return stderr.get(0);
    }

    @Test
    void servesOverStdio() throws Exception {
        try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(), Map.of(
                "CONNECTOR_SALESFORCE_LOGIN_URL", FakeSalesforce.url(),
                "CONNECTOR_SALESFORCE_AUTH_FLOW", "client-credentials",
                "CONNECTOR_SALESFORCE_AUTH_CLIENT_ID", "3MVG9-consumer-key",
                "CONNECTOR_SALESFORCE_AUTH_CLIENT_SECRET", FakeSalesforce.CLIENT_SECRET))) {
            JsonObject init = connector.initialize("2025-11-25", new JsonObject());
            assertEquals("connector-salesforce", init.getJsonObject("result").getJsonObject("serverInfo")
                    .getString("name"));
            JsonObject result = connector.callTool("soql_query", new JsonObject().put("query", "SELECT Id FROM Account"));
            assertEquals(2, result.getJsonObject("structuredContent").getInteger("count"));
            assertFalse(connector.stderr().contains(FakeSalesforce.CLIENT_SECRET));
            assertFalse(connector.stderr().contains(FakeSalesforce.currentToken()));
        }
    }
}
