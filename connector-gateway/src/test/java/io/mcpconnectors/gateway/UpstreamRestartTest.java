package io.mcpconnectors.gateway;

import static io.mcpconnectors.common.test.McpCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * A spawned connector that dies is noticed, its tools are withdrawn, and it is started again: the gateway serves it
 * once more, counts the restart in readiness, and the audit chain records why it went down and that it came back.
 */
@QuarkusTest
@TestProfile(UpstreamRestartTest.Profile.class)
class UpstreamRestartTest extends McpClientTest {

    static final String NAME = "restart";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return FilesystemBehindGateway.settings(NAME, Map.of());
        }
    }

    @Inject
    Gateway gateway;

    @Test
    void aKilledConnectorIsRestartedAndReportedInHealthAndAudit() throws Exception {
        UpstreamSupervisor fs = gateway.supervisor("fs");
        assertTrue(fs.awaitFirstAttempt(Duration.ofSeconds(60)));
        assertTrue(fs.status().serving(), fs.status().describe());
        Process child = ((StdioLink) fs.link()).process();

        child.destroyForcibly();
        child.waitFor();
        JsonObject restarted = awaitAudit("upstream_restarted");

        assertEquals(1, restarted.getInteger("restarts"));
        assertTrue(fs.status().serving(), fs.status().describe());
        assertEquals("serving (restarted 1 time)", fs.status().describe());
        JsonObject down = audit().stream().filter(r -> "upstream_down".equals(r.getString("type"))).findFirst()
                .orElseThrow();
        assertTrue(down.getString("reason").startsWith("exited with code 137"), down.encode());
        assertFalse(((StdioLink) fs.link()).process().pid() == child.pid());
        assertFalse(call(client, "fs.read_text_file", Map.of("path", "hello.txt")).isError());
    }

    private static List<JsonObject> audit() throws IOException {
        return Files.readAllLines(FilesystemBehindGateway.audit(NAME)).stream().map(JsonObject::new).toList();
    }

    /** Waits for an audit event the gateway writes on its own (a restart happens in the background). */
    private static JsonObject awaitAudit(String type) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            var found = audit().stream().filter(r -> type.equals(r.getString("type"))).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + type + " event in the audit trail: " + audit());
    }
}
