package io.mcpconnectors.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.ConnectorProcess;
import io.vertx.core.json.JsonObject;

/** The packaged connector as a process: start-up checks, one-line errors, no secret in any output. */
class StartupIT {

    @Test
    void reportsABadPasswordInOneLineWithoutTheSecret() throws Exception {
        String wrong = "Wrong-Secret-987";
        try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(),
                Map.of("CONNECTOR_POSTGRES_URL", EmbeddedPostgresFixture.url(), "CONNECTOR_POSTGRES_USERNAME", "analyst",
                        "CONNECTOR_POSTGRES_PASSWORD", wrong))) {
            assertTrue(connector.process().waitFor(60, TimeUnit.SECONDS), "exits");
            assertEquals(1, connector.process().exitValue());
            List<String> stderr = connector.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, stderr.size(), String.join("\n", stderr));
            assertTrue(stderr.get(0).contains("connector.postgres.password"), stderr.get(0));
            assertTrue(stderr.get(0).contains("28P01"), stderr.get(0));
            assertFalse(connector.stderr().contains(wrong));
            assertTrue(connector.stdoutLines().isEmpty());
        }
    }

    @Test
    void refusesToMapCallersToARoleRowLevelSecurityCannotApplyToOrThatDoesNotExist() throws Exception {
        String identity = EmbeddedPostgresFixture.url().replace("/postgres", "/identity");
        for (Map.Entry<String, String> mapped : Map.of("rls_bypasser", "BYPASSRLS", "no_such_role", "no role no_such_role")
                .entrySet()) {
            try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(), Map.of(
                    "CONNECTOR_POSTGRES_URL", identity, "CONNECTOR_POSTGRES_USERNAME", "mcp_login",
                    "CONNECTOR_POSTGRES_PASSWORD", EmbeddedPostgresFixture.LOGIN_PASSWORD,
                    "CONNECTOR_IDENTITY_MODE", "mapped", "CONNECTOR_IDENTITY_MAP_ALICE", mapped.getKey()))) {
                assertTrue(connector.process().waitFor(60, TimeUnit.SECONDS), "exits");
                assertEquals(1, connector.process().exitValue());
                List<String> stderr = connector.stderr().lines().filter(l -> !l.isBlank()).toList();
                assertEquals(1, stderr.size(), String.join("\n", stderr));
                assertTrue(stderr.get(0).contains("connector.identity.map.\"alice\"")
                        && stderr.get(0).contains(mapped.getValue()), stderr.get(0));
            }
        }
    }

    @Test
    void refusesUserBoundAccessWhereMappedRolesMayRunSetConfig() throws Exception {
        // In the default database set_config() is executable by PUBLIC: a query could change its role or principal.
        try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(), Map.of(
                "CONNECTOR_POSTGRES_URL", EmbeddedPostgresFixture.url(), "CONNECTOR_POSTGRES_USERNAME", "analyst",
                "CONNECTOR_POSTGRES_PASSWORD", EmbeddedPostgresFixture.ANALYST_PASSWORD,
                "CONNECTOR_IDENTITY_MODE", "mapped", "CONNECTOR_IDENTITY_MAP_ALICE", "analyst"))) {
            assertTrue(connector.process().waitFor(60, TimeUnit.SECONDS), "exits");
            assertEquals(1, connector.process().exitValue());
            List<String> stderr = connector.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, stderr.size(), String.join("\n", stderr));
            assertTrue(stderr.get(0).contains("REVOKE EXECUTE ON FUNCTION pg_catalog.set_config"), stderr.get(0));
        }
    }

    @Test
    void theAdminCommandNeedsOnlyTheStoreNotTheDatabase() throws Exception {
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("connector-data");
        ConnectorProcess.CommandResult listed = ConnectorProcess.runCommand(ConnectorProcess.jarUnderTest(),
                Map.of("CONNECTOR_DATA_DIR", data.toString()), "approvals", "list");
        assertEquals(0, listed.exitCode(), listed.stderr());
        assertFalse(listed.stderr().contains("connector.postgres.url"), listed.stderr());
        // Serving still needs it, and says so in one line.
        try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(), Map.of())) {
            assertTrue(connector.process().waitFor(60, TimeUnit.SECONDS), "exits");
            assertEquals(1, connector.process().exitValue());
            List<String> stderr = connector.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, stderr.size(), String.join("\n", stderr));
            assertTrue(stderr.get(0).startsWith("connector: connector.postgres.url (CONNECTOR_POSTGRES_URL) is required"),
                    stderr.get(0));
        }
    }

    @Test
    void reportsAnUnreachableServerInOneLine() throws Exception {
        try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(),
                Map.of("CONNECTOR_POSTGRES_URL", "postgresql://127.0.0.1:1/postgres", "CONNECTOR_POSTGRES_PASSWORD", "x"))) {
            assertTrue(connector.process().waitFor(60, TimeUnit.SECONDS), "exits");
            assertEquals(1, connector.process().exitValue());
            List<String> stderr = connector.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, stderr.size(), String.join("\n", stderr));
            assertTrue(stderr.get(0).contains("connector.postgres.url"), stderr.get(0));
        }
    }

    @Test
    void warnsLoudlyWhenTheRoleCanWriteWhileWritesAreOffAndServesOverStdio() throws Exception {
        try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(),
                Map.of("CONNECTOR_POSTGRES_URL", EmbeddedPostgresFixture.url(), "CONNECTOR_POSTGRES_USERNAME", "postgres",
                        "CONNECTOR_POSTGRES_PASSWORD", "postgres"))) {
            JsonObject init = connector.initialize("2025-11-25", new JsonObject());
            assertEquals("connector-postgres", init.getJsonObject("result").getJsonObject("serverInfo").getString("name"));
            JsonObject result = connector.callTool("query", new JsonObject().put("sql", "SELECT count(*) FROM shop.t"));
            assertEquals(3, result.getJsonObject("structuredContent").getJsonArray("rows").getJsonArray(0).getInteger(0));
            assertTrue(connector.stderr().contains("SUPERUSER"), connector.stderr());
            assertFalse(connector.stderr().contains("password=postgres"));
        }
    }

    @Test
    void startsQuietlyAsAReadOnlyRole() throws Exception {
        try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(),
                Map.of("CONNECTOR_POSTGRES_URL", EmbeddedPostgresFixture.url(), "CONNECTOR_POSTGRES_USERNAME", "analyst",
                        "CONNECTOR_POSTGRES_PASSWORD", EmbeddedPostgresFixture.ANALYST_PASSWORD))) {
            connector.initialize("2025-11-25", new JsonObject());
            assertFalse(connector.stderr().contains("can write"), connector.stderr());
        }
    }
}
