package io.mcpconnectors.github;

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

/** The packaged connector as a process over stdio: credential checked at start, one-line errors, no token shown. */
class StartupIT {

    @Test
    void theAdminCommandsNeedOnlyTheStore() throws Exception {
        StoreOnlyCommands.check(ConnectorProcess.jarUnderTest(), "github");
    }

    @Test
    void aRejectedTokenStopsTheConnectorInOneLineWithoutTheToken() throws Exception {
        String wrong = "github_pat_wrong_0123456789";
        try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(), Map.of(
                "CONNECTOR_GITHUB_API_URL", FakeGithub.url(), "CONNECTOR_GITHUB_REPOSITORIES", "octo-org/web-app",
                "CONNECTOR_GITHUB_AUTH_TOKEN", wrong))) {
            assertTrue(connector.process().waitFor(60, TimeUnit.SECONDS), "exits");
            assertEquals(1, connector.process().exitValue());
            List<String> stderr = connector.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, stderr.size(), String.join("\n", stderr));
            assertTrue(stderr.get(0).contains("connector.github.auth.token"), stderr.get(0));
            assertFalse(connector.stderr().contains(wrong));
        }
    }

    @Test
    void aMalformedAllowlistIsNamed() throws Exception {
        try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(), Map.of(
                "CONNECTOR_GITHUB_API_URL", FakeGithub.url(), "CONNECTOR_GITHUB_REPOSITORIES", "*",
                "CONNECTOR_GITHUB_AUTH_TOKEN", FakeGithub.TOKEN))) {
            assertTrue(connector.process().waitFor(60, TimeUnit.SECONDS), "exits");
            assertEquals(1, connector.process().exitValue());
            assertTrue(connector.stderr().contains("connector.github.repositories"), connector.stderr());
        }
    }

    @Test
    void refusesToMapCallersToRepositoriesOutsideTheAllowlistInOneLine() throws Exception {
        try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(), Map.of(
                "CONNECTOR_GITHUB_API_URL", FakeGithub.url(), "CONNECTOR_GITHUB_REPOSITORIES", "octo-org/web-app",
                "CONNECTOR_GITHUB_AUTH_TOKEN", FakeGithub.TOKEN, "CONNECTOR_IDENTITY_MODE", "mapped",
                "CONNECTOR_IDENTITY_MAP_ALICE", "octo-org/web-app,octo-org/infra"))) {
            assertTrue(connector.process().waitFor(60, TimeUnit.SECONDS), "exits");
            assertEquals(1, connector.process().exitValue());
            List<String> stderr = connector.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, stderr.size(), String.join("\n", stderr));
            assertTrue(stderr.get(0).contains("connector.identity.map.\"alice\"")
                    && stderr.get(0).contains("'octo-org/infra' is not within connector.github.repositories"),
                    stderr.get(0));
        }
    }

    @Test
    void servesOverStdio() throws Exception {
        try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(), Map.of(
                "CONNECTOR_GITHUB_API_URL", FakeGithub.url(), "CONNECTOR_GITHUB_REPOSITORIES", "octo-org/web-app",
                "CONNECTOR_GITHUB_AUTH_TOKEN", FakeGithub.TOKEN))) {
            JsonObject init = connector.initialize("2025-11-25", new JsonObject());
            assertEquals("connector-github", init.getJsonObject("result").getJsonObject("serverInfo").getString("name"));
            JsonObject result = connector.callTool("get_file_contents", new JsonObject().put("owner", "octo-org")
                    .put("repo", "web-app").put("path", "README.md"));
            assertEquals("# Web app\nRun it with make.\n", result.getJsonObject("structuredContent").getString("text"));
            assertFalse(connector.stderr().contains(FakeGithub.TOKEN));
        }
    }
}
