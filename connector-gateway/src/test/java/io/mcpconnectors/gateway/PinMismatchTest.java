package io.mcpconnectors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * An upstream whose manifest is not the pinned one exposes nothing. Here the filesystem connector was pinned as
 * read-only but runs with its write tools on: four extra tools, a different manifest. Nothing of it is listed or
 * callable, readiness says which upstream and why (with the digest it offers now, for an admin to review and pin),
 * and the refusal is in the audit chain.
 */
@QuarkusTest
@TestProfile(PinMismatchTest.Profile.class)
class PinMismatchTest extends McpClientTest {

    static final String NAME = "pin-mismatch";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return FilesystemBehindGateway.settings(NAME, Map.of("CONNECTOR_ACCESS_WRITES", "enabled"), Map.of());
        }
    }

    @Inject
    Gateway gateway;

    @TestHTTPResource("/q/health/ready")
    URI readiness;

    @Test
    void anUpstreamOfferingMoreThanItsPinExposesNothingAndReadinessSaysWhy() throws Exception {
        assertTrue(gateway.supervisor("fs").awaitFirstAttempt(Duration.ofSeconds(60)));
        UpstreamStatus status = gateway.supervisor("fs").status();
        assertEquals(UpstreamStatus.State.REFUSED, status.state());

        assertEquals(List.of(), McpCalls.toolNames(client));
        var error = McpCalls.callExpectingProtocolError(client, "fs.read_text_file", Map.of("path", "hello.txt"));
        assertEquals(-32602, error.code());

        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(readiness).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(503, ready.statusCode(), ready.body());
        String reason = new JsonObject(ready.body()).getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("name").equals("gateway-upstreams")).findFirst().orElseThrow()
                .getJsonObject("data").getString("fs");
        assertTrue(reason.startsWith("refused: manifest sha256 " + status.manifestSha256() + " does not match the pin"),
                reason);
        assertTrue(reason.contains("connector.gateway.upstreams.fs.manifest-sha256"), reason);

        JsonObject refused = Files.readAllLines(FilesystemBehindGateway.audit(NAME)).stream().map(JsonObject::new)
                .filter(r -> "upstream_refused".equals(r.getString("type"))).findFirst().orElseThrow();
        assertEquals("fs", refused.getString("upstream"));
        assertEquals(status.manifestSha256(), refused.getString("manifest_sha256"));
    }
}
