package io.mcpconnectors.gateway;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.ConnectorProcess;
import io.mcpconnectors.common.test.McpCalls;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * A spawned connector sees every caller of the gateway as the gateway's local account, so it cannot keep an approval
 * to the caller who requested it: the gateway does. Alice's pending write is approved at the connector (its admin
 * command); Mallory, who may write at the same upstream, re-submitting the call with Alice's approval id is refused at
 * the gateway and nothing runs, while Alice's re-submission runs once. Nobody looks up another's approval with
 * approval_status. The gateway remembers at most {@link #PER_CALLER} approvals of one caller: a caller requesting more
 * forgets its own oldest, never another caller's.
 */
@QuarkusTest
@TestProfile(ApprovalIdsBoundToCallersTest.Profile.class)
class ApprovalIdsBoundToCallersTest {

    static final String NAME = "approval-ids";
    static final String ALICE = "alice-bound-approvals-token-0123";
    static final String MALLORY = "mallory-bound-approvals-token-01";
    static final int PER_CALLER = 3;
    static final Map<String, String> UPSTREAM_ENV = Map.of("CONNECTOR_ACCESS_WRITES", "enabled",
            "CONNECTOR_APPROVAL_MODE", "admin");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(FilesystemBehindGateway.settings(NAME, UPSTREAM_ENV));
            config.put("connector.access.writes", "enabled");
            config.put("connector.auth.mode", "static");
            config.put("connector.gateway.max-approvals-per-caller", String.valueOf(PER_CALLER));
            McpCalls.staticToken(config, "alice", ALICE, "fs:read,fs:write");
            McpCalls.staticToken(config, "mallory", MALLORY, "fs:read,fs:write");
            return config;
        }
    }

    @Inject
    Gateway gateway;

    private final List<McpStreamableTestClient> clients = new ArrayList<>();

    @BeforeEach
    void upstreamServing() throws Exception {
        assertTrue(gateway.supervisor("fs").awaitFirstAttempt(Duration.ofSeconds(60)));
        assertTrue(gateway.supervisor("fs").status().serving(), gateway.supervisor("fs").status().describe());
    }

    @AfterEach
    void disconnect() {
        clients.forEach(McpStreamableTestClient::disconnect);
        clients.clear();
    }

    @Test
    void anApprovalRunsOnlyForItsRequesterNotForAnotherCallerWithItsId() throws Exception {
        Path file = FilesystemBehindGateway.root(NAME).resolve("alices.txt");
        Map<String, Object> write = Map.of("path", "alices.txt", "content", "alice's change");
        String id = requestWrite(ALICE, write);
        approveAtTheConnector(id);
        assertEquals("approved", status(ALICE, id));

        Map<String, Object> resubmitted = new HashMap<>(write);
        resubmitted.put("approval_id", id);
        ToolResponse stolen = call(as(MALLORY), "fs.write_file", resubmitted);
        assertTrue(stolen.isError(), text(stolen));
        assertTrue(text(stolen).startsWith("Refused: this approval_id was not issued to you"), text(stolen));
        assertFalse(Files.exists(file), "another caller's re-submission runs nothing");
        assertEquals("approved", status(ALICE, id), "the refused call did not use up the approval");
        JsonObject refused = audit().stream().filter(r -> "fs.write_file".equals(r.getString("tool"))
                && "mallory".equals(r.getString("principal"))).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no audit record of the refused call"));
        assertEquals("refused", refused.getString("outcome"));
        assertEquals(id, refused.getJsonObject("arguments").getString("approval_id"));

        ToolResponse ran = call(as(ALICE), "fs.write_file", resubmitted);
        assertFalse(ran.isError(), text(ran));
        assertEquals("alice's change", Files.readString(file));
        Files.writeString(file, "changed since");
        ToolResponse replay = call(as(ALICE), "fs.write_file", resubmitted);
        assertTrue(replay.isError() && text(replay).contains("already used"), text(replay));
        assertEquals("changed since", Files.readString(file), "the approved write ran exactly once");
    }

    @Test
    void approvalStatusAnswersOnlyAboutTheCallersOwnApprovals() throws Exception {
        String alices = requestWrite(ALICE, Map.of("path", "status-a.txt", "content", "a"));
        String mallorys = requestWrite(MALLORY, Map.of("path", "status-m.txt", "content", "m"));
        assertEquals("pending", status(ALICE, alices));
        assertEquals("pending", status(MALLORY, mallorys));

        ToolResponse snooped = call(as(MALLORY), "fs.approval_status", Map.of("approval_id", alices));
        assertTrue(snooped.isError(), text(snooped));
        assertTrue(text(snooped).startsWith("Refused: this approval_id was not issued to you"), text(snooped));
        assertFalse(text(snooped).contains("status-a.txt"), text(snooped));
        ToolResponse guessed = call(as(ALICE), "fs.approval_status", Map.of("approval_id",
                "apr_abcdefghijkmnpqrstuv"));
        assertTrue(guessed.isError() && text(guessed).startsWith("Refused:"), text(guessed));
        ToolResponse other = call(as(ALICE), "fs.approval_status", Map.of("approval_id", mallorys));
        assertTrue(other.isError() && text(other).startsWith("Refused:"), text(other));
    }

    @Test
    void oneCallersFloodOfWriteRequestsForgetsOnlyItsOwnOldestApprovals() throws Exception {
        String alices = requestWrite(ALICE, Map.of("path", "flood-a.txt", "content", "a"));
        List<String> mallorys = new ArrayList<>();
        for (int i = 0; i < PER_CALLER + 2; i++) {
            mallorys.add(requestWrite(MALLORY, Map.of("path", "flood-m" + i + ".txt", "content", "m" + i)));
        }
        assertEquals("pending", status(ALICE, alices), "another caller's flood does not push Alice's approval out");
        for (String kept : mallorys.subList(mallorys.size() - PER_CALLER, mallorys.size())) {
            assertEquals("pending", status(MALLORY, kept));
        }
        for (String forgotten : mallorys.subList(0, mallorys.size() - PER_CALLER)) {
            ToolResponse refused = call(as(MALLORY), "fs.approval_status", Map.of("approval_id", forgotten));
            assertTrue(refused.isError() && text(refused).startsWith("Refused: this approval_id was not issued to you"),
                    text(refused));
        }
    }

    /** The caller asks for a write; the connector stores it as pending, and the answer names its approval. */
    private String requestWrite(String token, Map<String, Object> arguments) {
        ToolResponse response = call(as(token), "fs.write_file", arguments);
        assertFalse(response.isError(), text(response));
        assertTrue(text(response).startsWith("NOT RUN YET"), text(response));
        return ((JsonObject) response.structuredContent()).getJsonObject("approval").getString("id");
    }

    private String status(String token, String id) {
        ToolResponse response = call(as(token), "fs.approval_status", Map.of("approval_id", id));
        assertFalse(response.isError(), text(response));
        return ((JsonObject) response.structuredContent()).getString("status");
    }

    /** An admin approves at the connector, with its admin command and the upstream's settings. */
    private static void approveAtTheConnector(String id) throws Exception {
        Path dir = Path.of("target", "gateway-tests", NAME).toAbsolutePath().toRealPath();
        Map<String, String> env = new HashMap<>(UPSTREAM_ENV);
        env.put("CONNECTOR_FILESYSTEM_ROOTS", dir.resolve("root").toString());
        env.put("CONNECTOR_DATA_DIR", dir.resolve("fs-data").toString());
        ConnectorProcess.CommandResult approved = ConnectorProcess.runCommand(Upstreams.filesystemJar(), env,
                "approvals", "approve", id);
        assertEquals(0, approved.exitCode(), approved.stderr());
    }

    private McpStreamableTestClient as(String token) {
        McpStreamableTestClient client = McpCalls.connect(token);
        clients.add(client);
        return client;
    }

    private static List<JsonObject> audit() throws Exception {
        return Files.readAllLines(FilesystemBehindGateway.audit(NAME)).stream().filter(l -> l.startsWith("{"))
                .map(JsonObject::new).toList();
    }
}
