package io.mcpconnectors.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.ConnectorProcess;
import io.mcpconnectors.common.test.StoreOnlyCommands;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The packaged connector, started as a process and spoken to over stdio as an AI host does. */
class StdioEndToEndIT {

    static String root;

    @BeforeAll
    static void fixture() {
        FilesystemFixture fixture = new FilesystemFixture();
        fixture.init(Map.of("name", "stdio"));
        root = fixture.start().get("connector.filesystem.roots");
    }

    private static ConnectorProcess start(Map<String, String> extraEnv) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of("CONNECTOR_FILESYSTEM_ROOTS", root));
        env.putAll(extraEnv);
        return ConnectorProcess.start(ConnectorProcess.jarUnderTest(), env);
    }

    @Test
    void theAdminCommandsNeedOnlyTheStore() throws Exception {
        StoreOnlyCommands.check(ConnectorProcess.jarUnderTest(), "filesystem");
    }

    @Test
    void aFirstRunOnTheUsersOwnDirectoryPrintsNothingUntilAHostSpeaks() throws Exception {
        try (ConnectorProcess connector = start(Map.of())) {
            connector.initialize("2025-11-25", new JsonObject());
            assertEquals("", connector.stderr(), "nothing on the terminal before a call");
        }
    }

    @Test
    void settingsThatCannotWorkStopTheStartInOnePlainLine() throws Exception {
        Map<String, String> cases = Map.of(
                "CONNECTOR_TOOLS_ALLOW", "connector: connector.tools.allow (CONNECTOR_TOOLS_ALLOW) names nosuch_tool,"
                        + " which is not a tool of the filesystem connector; its tools: create_directory,",
                "CONNECTOR_TRANSPORT", "connector: connector.transport (CONNECTOR_TRANSPORT) = \"nosuch_tool\" is not"
                        + " accepted: one of stdio, http.",
                "CONNECTOR_APPROVAL_FOUR_EYES", "connector: connector.approval.four-eyes (CONNECTOR_APPROVAL_FOUR_EYES)"
                        + " = \"nosuch_tool\" is not accepted: true or false.");
        for (Map.Entry<String, String> setting : cases.entrySet()) {
            try (ConnectorProcess connector = start(Map.of(setting.getKey(), "nosuch_tool"))) {
                assertTrue(connector.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "exits");
                assertEquals(1, connector.process().exitValue());
                List<String> stderr = connector.stderr().lines().filter(l -> !l.isBlank()).toList();
                assertEquals(1, stderr.size(), setting.getKey() + ": " + stderr);
                assertTrue(stderr.get(0).startsWith(setting.getValue()), stderr.get(0));
            }
        }
    }

    @Test
    void negotiatesTheProtocolAndAnswersInitializeFirst() throws Exception {
        try (ConnectorProcess connector = start(Map.of())) {
            JsonObject answer = connector.initialize("2025-11-25", new JsonObject());
            JsonObject result = answer.getJsonObject("result");
            assertEquals("2025-11-25", result.getString("protocolVersion"));
            assertEquals("connector-filesystem", result.getJsonObject("serverInfo").getString("name"));
            assertTrue(result.getJsonObject("capabilities").containsKey("tools"));
            // Subscriptions and completions are answered by the runtime, and declared so.
            JsonObject resources = result.getJsonObject("capabilities").getJsonObject("resources");
            assertEquals(Boolean.TRUE, resources.getBoolean("subscribe"), answer.encode());
            assertTrue(result.getJsonObject("capabilities").containsKey("completions"), answer.encode());
            assertEquals(1, new JsonObject(connector.stdoutLines().get(0)).getInteger("id"),
                    "the initialize answer is the first thing on stdout");
        }
    }

    @Test
    void servesReadToolsAndRefusesPathsOutsideTheRoot() throws Exception {
        try (ConnectorProcess connector = start(Map.of())) {
            connector.initialize("2025-11-25", new JsonObject());
            JsonArray tools = connector.request("tools/list", new JsonObject()).getJsonObject("result")
                    .getJsonArray("tools");
            List<String> names = tools.stream().map(t -> ((JsonObject) t).getString("name")).sorted().toList();
            assertEquals(List.of("directory_tree", "get_file_info", "list_directory", "list_roots", "read_media_file",
                    "read_text_file", "search_files"), names);

            JsonObject read = connector.callTool("read_text_file", new JsonObject().put("path", "hello.txt"));
            assertFalse(read.getBoolean("isError"));
            assertEquals("hello world\n", read.getJsonObject("structuredContent").getString("content"));

            JsonObject attack = connector.callTool("read_text_file", new JsonObject().put("path", "../outside/secret.txt"));
            assertTrue(attack.getBoolean("isError"));
            assertFalse(attack.encode().contains("TOP SECRET"));

            JsonObject unknown = connector.request("tools/call",
                    new JsonObject().put("name", "write_file").put("arguments", new JsonObject()));
            assertEquals(-32602, unknown.getJsonObject("error").getInteger("code"));
        }
    }

    @Test
    void narrowsAccessToTheRootsTheClientOffersInsideConfiguredRoots() throws Exception {
        try (ConnectorProcess connector = start(Map.of())) {
            String notes = java.nio.file.Path.of(root, "notes").toUri().toString();
            connector.onServerRequest("roots/list", params -> new JsonObject().put("roots", new JsonArray()
                    .add(new JsonObject().put("uri", notes).put("name", "notes"))
                    .add(new JsonObject().put("uri", "file:///etc").put("name", "outside the configured roots"))));
            connector.initialize("2025-11-25", new JsonObject().put("roots", new JsonObject()));
            JsonArray roots = connector.callTool("list_roots", new JsonObject()).getJsonObject("structuredContent")
                    .getJsonArray("roots");
            assertEquals(1, roots.size(), roots.encode());
            assertEquals("client", roots.getJsonObject(0).getString("source"));
            assertTrue(roots.getJsonObject(0).getString("path").endsWith("/notes"));
            assertFalse(connector.callTool("read_text_file", new JsonObject().put("path", "a.md")).getBoolean("isError"));
            assertTrue(connector.callTool("read_text_file", new JsonObject().put("path", root + "/hello.txt"))
                    .getBoolean("isError"), "outside the client's root");
            assertTrue(connector.callTool("list_directory", new JsonObject().put("path", "/etc")).getBoolean("isError"));
        }
    }

    @Test
    void answersTheRequestsReadBeforeTheInputEnded() throws Exception {
        try (ConnectorProcess connector = start(Map.of())) {
            // A script sends its requests and closes stdin at once, as `printf ... | connector` does.
            connector.sendRaw(new JsonObject().put("jsonrpc", "2.0").put("id", 101).put("method", "initialize")
                    .put("params", new JsonObject().put("protocolVersion", "2025-11-25")
                            .put("capabilities", new JsonObject())
                            .put("clientInfo", new JsonObject().put("name", "script").put("version", "1")))
                    .encode());
            connector.sendRaw("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            connector.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":102,\"method\":\"tools/list\"}");
            connector.sendRaw(new JsonObject().put("jsonrpc", "2.0").put("id", 103).put("method", "tools/call")
                    .put("params", new JsonObject().put("name", "read_text_file")
                            .put("arguments", new JsonObject().put("path", "hello.txt")))
                    .encode());
            assertEquals(0, connector.closeAndWait(Duration.ofSeconds(60)), "exits cleanly after answering");
            assertNotNull(connector.awaitAnswer(101, Duration.ofSeconds(5)), "initialize answered");
            JsonObject list = connector.awaitAnswer(102, Duration.ofSeconds(5));
            assertNotNull(list, "tools/list answered");
            assertFalse(list.getJsonObject("result").getJsonArray("tools").isEmpty(), list.encode());
            JsonObject read = connector.awaitAnswer(103, Duration.ofSeconds(5));
            assertNotNull(read, "tools/call answered");
            assertFalse(read.getJsonObject("result").getBoolean("isError"), read.encode());
        }
    }

    @Test
    void keepsStdoutForJsonRpcAndWritesAuditToStderr() throws Exception {
        try (ConnectorProcess connector = start(Map.of())) {
            connector.initialize("2025-11-25", new JsonObject());
            connector.callTool("list_directory", new JsonObject().put("path", "."));
            connector.callTool("read_text_file", new JsonObject().put("path", "missing.txt"));
            assertEquals(0, connector.closeAndWait(Duration.ofSeconds(20)), "exits cleanly when the host goes away");
            List<String> lines = connector.stdoutLines();
            assertFalse(lines.isEmpty());
            for (String line : lines) {
                JsonObject message = new JsonObject(line);
                assertEquals("2.0", message.getString("jsonrpc"), line);
            }
            String stderr = connector.stderr();
            List<JsonObject> audit = stderr.lines().filter(l -> l.startsWith("{")).map(JsonObject::new).toList();
            assertTrue(audit.stream().anyMatch(r -> "list_directory".equals(r.getString("tool"))
                    && "ok".equals(r.getString("outcome"))), stderr);
            assertTrue(audit.stream().anyMatch(r -> "read_text_file".equals(r.getString("tool"))
                    && "error".equals(r.getString("outcome"))), stderr);
            // One principal everywhere: the person who started the process, as approvals name them.
            String local = "local:" + new com.sun.security.auth.module.UnixSystem().getUsername();
            assertTrue(audit.stream().filter(r -> r.containsKey("tool")).allMatch(r -> local.equals(
                    r.getString("principal"))), stderr);
        }
    }

    @Test
    void answersEveryMalformedShapeAndUnwatchableSubscriptionWithItsJsonRpcError() throws Exception {
        try (ConnectorProcess connector = start(Map.of())) {
            connector.initialize("2025-11-25", new JsonObject());
            for (String line : List.of("[]", "[{\"jsonrpc\":\"2.0\",\"id\":90,\"method\":\"ping\"}]", "\"text\"", "42",
                    "{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"ping\"}", "{\"id\":91,\"method\":\"ping\"}")) {
                connector.sendRaw(line);
            }
            JsonObject badParams = connector.request("tools/list", null);
            assertTrue(badParams.containsKey("result"), "the session still serves: " + badParams);
            connector.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":92,\"method\":\"tools/list\",\"params\":[1]}");
            // resources/subscribe was never answered (the MCP layer threw); now every request gets its answer.
            JsonObject subscribe = connector.request("resources/subscribe", new JsonObject().put("uri",
                    "file:///no/such/watchable/resource"));
            assertEquals(-32002, subscribe.getJsonObject("error").getInteger("code"), subscribe.encode());
            JsonObject unsubscribe = connector.request("resources/unsubscribe", new JsonObject().put("uri",
                    "file:///no/such/watchable/resource"));
            assertEquals(-32002, unsubscribe.getJsonObject("error").getInteger("code"), unsubscribe.encode());
            JsonObject noUri = connector.request("resources/subscribe", new JsonObject());
            assertEquals(-32602, noUri.getJsonObject("error").getInteger("code"), noUri.encode());
            List<JsonObject> errors = connector.stdoutLines().stream().map(JsonObject::new)
                    .filter(m -> m.containsKey("error")).toList();
            assertEquals(6, errors.stream().filter(m -> m.getJsonObject("error").getInteger("code") == -32600).count(),
                    errors.toString());
            assertTrue(errors.stream().anyMatch(m -> Integer.valueOf(92).equals(m.getInteger("id"))
                    && m.getJsonObject("error").getInteger("code") == -32602), errors.toString());
            JsonObject read = connector.callTool("read_text_file", new JsonObject().put("path", "hello.txt"));
            assertFalse(read.getBoolean("isError"), "the session survives malformed input");
        }
    }

    @Test
    void answersParamsAMethodCannotUseWithInvalidParamsNamingTheFieldAndKeepsServing() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("\"method\":\"tools/call\"", "params.name");
        cases.put("\"method\":\"tools/call\",\"params\":{}", "params.name");
        cases.put("\"method\":\"tools/call\",\"params\":{\"name\":null}", "params.name");
        cases.put("\"method\":\"tools/call\",\"params\":{\"name\":\"read_text_file\",\"arguments\":[1]}",
                "params.arguments");
        cases.put("\"method\":\"prompts/get\",\"params\":{}", "params.name");
        cases.put("\"method\":\"resources/read\",\"params\":{\"uri\":5}", "params.uri");
        cases.put("\"method\":\"completion/complete\",\"params\":{\"ref\":\"x\",\"argument\":5}", "params.ref");
        cases.put("\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":\"x\","
                + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}", "params.capabilities");
        cases.put("\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                + "\"clientInfo\":[]}", "params.clientInfo");
        cases.put("\"method\":\"logging/setLevel\",\"params\":{\"level\":5}", "params.level");
        try (ConnectorProcess connector = start(Map.of())) {
            connector.initialize("2025-11-25", new JsonObject());
            long id = 1000;
            for (Map.Entry<String, String> c : cases.entrySet()) {
                String line = "{\"jsonrpc\":\"2.0\",\"id\":" + (++id) + "," + c.getKey() + "}";
                // Before the screen, the first three were never answered and the MCP layer threw on several others.
                JsonObject answer = connector.sendRawAndAwait(line, id, Duration.ofSeconds(5));
                assertNotNull(answer, "no answer within 5 s to " + line);
                JsonObject error = answer.getJsonObject("error");
                assertNotNull(error, line + " -> " + answer);
                assertEquals(-32602, error.getInteger("code"), line + " -> " + answer);
                assertTrue(error.getString("message").contains(c.getValue()), line + " -> " + answer);
            }
            // A response whose id the server never sent (it parses response ids as numbers) is answered with -32600;
            // answers on stdout keep the order of the lines, so it is there before the next request's answer.
            connector.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":5}");
            assertTrue(connector.request("ping", null).containsKey("result"));
            assertTrue(connector.stdoutLines().stream().map(JsonObject::new).anyMatch(m -> m.containsKey("error")
                    && m.getValue("id") == null && m.getJsonObject("error").getInteger("code") == -32600),
                    connector.stdoutLines().toString());
            JsonObject read = connector.callTool("read_text_file", new JsonObject().put("path", "hello.txt"));
            assertFalse(read.getBoolean("isError"), "the session survives malformed input");
        }
    }

    @Test
    void answersAMalformedLineWithAParseErrorAndKeepsServing() throws Exception {
        try (ConnectorProcess connector = start(Map.of())) {
            connector.initialize("2025-11-25", new JsonObject());
            connector.sendRaw("this is not json");
            connector.sendRaw("");
            connector.sendRaw("{\"jsonrpc\": \"2.0\", \"id\": ");
            JsonObject read = connector.callTool("read_text_file", new JsonObject().put("path", "hello.txt"));
            assertFalse(read.getBoolean("isError"), "the session survives malformed input");
            long parseErrors = connector.stdoutLines().stream().map(JsonObject::new)
                    .filter(m -> m.containsKey("error") && m.getJsonObject("error").getInteger("code") == -32700).count();
            assertEquals(2, parseErrors);
        }
    }

    @Test
    void anApprovalSurvivesAKillAndItsCallRunsExactlyOnce() throws Exception {
        java.nio.file.Path dataDir = java.nio.file.Files.createTempDirectory("connector-data");
        Map<String, String> env = Map.of("CONNECTOR_ACCESS_WRITES", "enabled", "CONNECTOR_DATA_DIR",
                dataDir.toString());
        java.nio.file.Path target = java.nio.file.Path.of(root, "approved.txt");
        JsonObject write = new JsonObject().put("path", "approved.txt").put("content", "approved content\n");
        String id;
        try (ConnectorProcess connector = start(env)) {
            // This host cannot elicit, so the write waits for an admin.
            connector.initialize("2025-11-25", new JsonObject());
            JsonArray tools = connector.request("tools/list", new JsonObject()).getJsonObject("result")
                    .getJsonArray("tools");
            assertEquals(12, tools.size(), "seven read tools, four write tools and approval_status");
            JsonObject pending = connector.callTool("write_file", write);
            assertFalse(pending.getBoolean("isError"));
            id = pending.getJsonObject("structuredContent").getJsonObject("approval").getString("id");
            assertFalse(java.nio.file.Files.exists(target), "nothing is written before approval");
            connector.process().destroyForcibly().waitFor();
        }

        ConnectorProcess.CommandResult listed = ConnectorProcess.runCommand(ConnectorProcess.jarUnderTest(), env,
                "approvals", "show", id);
        assertEquals(0, listed.exitCode(), listed.stderr());
        assertTrue(listed.stdout().contains("Creates " + target + " (17 bytes)"), listed.stdout());
        ConnectorProcess.CommandResult approved = ConnectorProcess.runCommand(ConnectorProcess.jarUnderTest(), env,
                "approvals", "approve", id);
        assertEquals(0, approved.exitCode(), approved.stderr());
        assertTrue(approved.stdout().startsWith("Approval " + id + " approved by local:"), approved.stdout());

        try (ConnectorProcess connector = start(env)) {
            connector.initialize("2025-11-25", new JsonObject());
            JsonObject ran = connector.callTool("write_file", write.copy().put("approval_id", id));
            assertFalse(ran.getBoolean("isError"), ran.encode());
            assertEquals("approved content\n", java.nio.file.Files.readString(target));
            connector.process().destroyForcibly().waitFor();
        }
        java.nio.file.Files.writeString(target, "changed since");
        try (ConnectorProcess connector = start(env)) {
            connector.initialize("2025-11-25", new JsonObject());
            JsonObject replayed = connector.callTool("write_file", write.copy().put("approval_id", id));
            assertTrue(replayed.getBoolean("isError"));
            assertTrue(replayed.getJsonArray("content").getJsonObject(0).getString("text").contains("already used"));
            assertEquals("changed since", java.nio.file.Files.readString(target), "an approval runs once");
        } finally {
            java.nio.file.Files.deleteIfExists(target);
        }

        ConnectorProcess.CommandResult verified = ConnectorProcess.runCommand(ConnectorProcess.jarUnderTest(), env,
                "audit", "verify");
        assertEquals(0, verified.exitCode(), verified.stdout() + verified.stderr());
        assertTrue(verified.stdout().startsWith("Audit chain intact"), verified.stdout());
    }

    @Test
    void readsAnsweredJustBeforeTheHostClosesAreInTheAuditChain() throws Exception {
        java.nio.file.Path dataDir = java.nio.file.Files.createTempDirectory("connector-data");
        Map<String, String> env = Map.of("CONNECTOR_DATA_DIR", dataDir.toString());
        int calls = 25;
        try (ConnectorProcess connector = start(env)) {
            connector.initialize("2025-11-25", new JsonObject());
            for (int i = 0; i < calls; i++) {
                assertFalse(connector.callTool("list_roots", new JsonObject()).getBoolean("isError"));
            }
            // The host goes away right after its last answer: the queued chain records are written on the way out.
            connector.closeAndWait(java.time.Duration.ofSeconds(20));
        }
        ConnectorProcess.CommandResult verified = ConnectorProcess.runCommand(ConnectorProcess.jarUnderTest(), env,
                "audit", "verify");
        assertEquals(0, verified.exitCode(), verified.stdout() + verified.stderr());
        java.util.regex.Matcher intact = java.util.regex.Pattern
                .compile("Audit chain intact: (\\d+) records .* Head: #(\\d+) ").matcher(verified.stdout());
        assertTrue(intact.find(), verified.stdout());
        assertTrue(Long.parseLong(intact.group(1)) >= calls, "every call is in the chain: " + verified.stdout());
        assertEquals(intact.group(1), intact.group(2), "the head covers the last record: " + verified.stdout());
    }

    @Test
    void reportsAConfigErrorInOneLineAndExitsNonZero() throws Exception {
        try (ConnectorProcess connector = start(Map.of("CONNECTOR_FILESYSTEM_ROOTS", "/no/such/dir"))) {
            assertTrue(connector.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(1, connector.process().exitValue());
            List<String> stderr = connector.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, stderr.size(), String.join("\n", stderr));
            assertTrue(stderr.get(0).contains("connector.filesystem.roots"), stderr.get(0));
            assertTrue(connector.stdoutLines().isEmpty());
        }
    }

    @Test
    void refusesToMapCallersToRootsOutsideTheConfiguredRootsInOneLine() throws Exception {
        new TeamDirectories().start();
        Path shared = TeamDirectories.shared();
        Map<String, String> refused = Map.of(
                TeamDirectories.base().resolve("shared-evil").toString(), "is not inside connector.filesystem.roots",
                shared.resolve("escape").toString(), "it resolves to " + TeamDirectories.base().resolve("outside"),
                shared.resolve("sales/../../outside").toString(), "is not inside connector.filesystem.roots",
                shared.resolve("missing").toString(), "is not an existing directory");
        for (Map.Entry<String, String> mapped : refused.entrySet()) {
            try (ConnectorProcess connector = start(Map.of("CONNECTOR_FILESYSTEM_ROOTS", shared.toString(),
                    "CONNECTOR_IDENTITY_MODE", "mapped",
                    "CONNECTOR_IDENTITY_MAP_ALICE", TeamDirectories.sales() + "," + mapped.getKey()))) {
                assertTrue(connector.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
                assertEquals(1, connector.process().exitValue());
                List<String> stderr = connector.stderr().lines().filter(l -> !l.isBlank()).toList();
                assertEquals(1, stderr.size(), String.join("\n", stderr));
                assertTrue(stderr.get(0).contains("connector.identity.map.\"alice\"")
                        && stderr.get(0).contains("'" + mapped.getKey() + "'") && stderr.get(0).contains(mapped.getValue()),
                        stderr.get(0));
            }
        }
    }

    @Test
    void writesThatCouldNotBeApprovedStopTheStartInOneLine() throws Exception {
        java.nio.file.Path notADirectory = java.nio.file.Files.createTempFile("data-dir", ".txt");
        try (ConnectorProcess connector = start(Map.of("CONNECTOR_ACCESS_WRITES", "enabled", "CONNECTOR_DATA_DIR",
                notADirectory.resolve("store").toString()))) {
            assertTrue(connector.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(1, connector.process().exitValue());
            List<String> stderr = connector.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, stderr.size(), String.join("\n", stderr));
            assertTrue(stderr.get(0).contains("connector.data-dir (CONNECTOR_DATA_DIR) cannot hold the approval store"), stderr.get(0));
        }
        try (ConnectorProcess connector = start(Map.of("CONNECTOR_STORE_KIND", "postgresql"))) {
            assertTrue(connector.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(1, connector.process().exitValue());
            assertTrue(connector.stderr().contains("connector.store.jdbc-url (CONNECTOR_STORE_JDBC_URL) is required"), connector.stderr());
        }
    }

    @Test
    void reportsAnInvalidLimitInOneLine() throws Exception {
        try (ConnectorProcess connector = start(Map.of("CONNECTOR_LIMITS_MAX_ITEMS", "lots"))) {
            assertTrue(connector.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(1, connector.process().exitValue());
            List<String> stderr = connector.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, stderr.size(), String.join("\n", stderr));
            assertTrue(stderr.get(0).contains("connector.limits.max-items"), stderr.get(0));
        }
    }
}
