package io.mcpconnectors.mongodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.ConnectorProcess;
import io.mcpconnectors.common.test.StoreOnlyCommands;
import io.vertx.core.json.JsonObject;

/** The packaged connector as a process over stdio: start-up checks, one-line errors, no secret in any output. */
class StartupIT {

    @Test
    void theAdminCommandsNeedOnlyTheStore() throws Exception {
        StoreOnlyCommands.check(ConnectorProcess.jarUnderTest(), "mongodb");
    }

    @Test
    void reportsAnUnreachableServerInOneLineWithoutThePassword() throws Exception {
        String secret = "Hunter-Secret-77";
        try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(),
                Map.of("CONNECTOR_MONGODB_CONNECTION_STRING", "mongodb://reader:" + secret
                        + "@127.0.0.1:1/?serverSelectionTimeoutMS=1000"))) {
            assertTrue(connector.process().waitFor(60, TimeUnit.SECONDS), "exits");
            assertEquals(1, connector.process().exitValue());
            List<String> stderr = connector.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, stderr.size(), String.join("\n", stderr));
            assertTrue(stderr.get(0).contains("connector.mongodb.connection-string"), stderr.get(0));
            assertTrue(stderr.get(0).contains("127.0.0.1:1"), stderr.get(0));
            assertFalse(connector.stderr().contains(secret));
            assertTrue(connector.stdoutLines().isEmpty());
        }
    }

    @Test
    void refusesAMalformedConnectionStringWithoutEchoingIt() throws Exception {
        try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(),
                Map.of("CONNECTOR_MONGODB_CONNECTION_STRING", "mongo://user:Pa55word@host"))) {
            assertTrue(connector.process().waitFor(60, TimeUnit.SECONDS), "exits");
            assertEquals(1, connector.process().exitValue());
            assertTrue(connector.stderr().contains("is not a MongoDB connection string"), connector.stderr());
            assertFalse(connector.stderr().contains("Pa55word"));
        }
    }

    @Test
    void refusesToMapCallersToACredentialSetWithoutAUsableConnectionStringFile() throws Exception {
        String secret = "Hunter-Secret-77";
        Path malformed = Files.createTempFile("mongo-credential-set", ".txt");
        Files.writeString(malformed, "mongo://analyst:" + secret + "@db.internal\n");
        try {
            Map<Map<String, String>, String> cases = Map.of(
                    Map.of(), "connector.mongodb.identity.connection-string-file.\"analysts\" is not set",
                    Map.of("CONNECTOR_MONGODB_IDENTITY_CONNECTION_STRING_FILE_ANALYSTS", "/nonexistent/analysts"),
                    "cannot be read (NoSuchFileException)",
                    Map.of("CONNECTOR_MONGODB_IDENTITY_CONNECTION_STRING_FILE_ANALYSTS", malformed.toString()),
                    "is not a MongoDB connection string");
            for (Map.Entry<Map<String, String>, String> wrong : cases.entrySet()) {
                Map<String, String> env = new HashMap<>(wrong.getKey());
                env.put("CONNECTOR_MONGODB_CONNECTION_STRING", InProcessMongoFixture.connectionString());
                env.put("CONNECTOR_IDENTITY_MODE", "mapped");
                env.put("CONNECTOR_IDENTITY_MAP_ALICE", "analysts");
                try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(), env)) {
                    assertTrue(connector.process().waitFor(60, TimeUnit.SECONDS), "exits");
                    assertEquals(1, connector.process().exitValue());
                    List<String> stderr = connector.stderr().lines().filter(l -> !l.isBlank()).toList();
                    assertEquals(1, stderr.size(), String.join("\n", stderr));
                    assertTrue(stderr.get(0).contains("connector.identity.map.\"alice\"")
                            && stderr.get(0).contains(wrong.getValue()), stderr.get(0));
                    assertFalse(connector.stderr().contains(secret));
                    assertTrue(connector.stdoutLines().isEmpty());
                }
            }
        } finally {
            Files.deleteIfExists(malformed);
        }
    }

    @Test
    void servesOverStdioFromASecretFileAndWarnsWithoutAccessControl() throws Exception {
        Path secret = Files.createTempFile("mongo-connection", ".txt");
        Files.writeString(secret, InProcessMongoFixture.connectionString() + "\n");
        try (ConnectorProcess connector = ConnectorProcess.start(ConnectorProcess.jarUnderTest(),
                Map.of("CONNECTOR_MONGODB_CONNECTION_STRING_FILE", secret.toString()))) {
            JsonObject init = connector.initialize("2025-11-25", new JsonObject());
            assertEquals("connector-mongodb", init.getJsonObject("result").getJsonObject("serverInfo").getString("name"));
            JsonObject result = connector.callTool("count", new JsonObject().put("database", "shop")
                    .put("collection", "orders").put("filter", new JsonObject().put("status", "paid")));
            assertEquals(20, result.getJsonObject("structuredContent").getInteger("count"));
            // The in-process server has no access control: anyone who reaches it can write. Say so at start.
            assertTrue(connector.stderr().contains("without authentication"), connector.stderr());
        } finally {
            Files.deleteIfExists(secret);
        }
    }
}
