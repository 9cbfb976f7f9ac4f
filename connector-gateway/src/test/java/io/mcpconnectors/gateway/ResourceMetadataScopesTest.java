package io.mcpconnectors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.TestAuthorizationServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * In {@code oidc} mode the gateway's Protected Resource Metadata lists the scopes its callers can be given: each
 * configured upstream's {@code <name>:read|write|admin|approve}, not the runtime's {@code gateway:*}.
 */
@QuarkusTest
@TestProfile(ResourceMetadataScopesTest.Profile.class)
class ResourceMetadataScopesTest {

    static final String RESOURCE = "https://gateway.example.test/mcp";

    public static class Profile implements QuarkusTestProfile {
        static TestAuthorizationServer issuer;

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                if (issuer == null) {
                    issuer = TestAuthorizationServer.start();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> config = new HashMap<>(FilesystemBehindGateway.settings("metadata-scopes", Map.of()));
            config.put("connector.auth.mode", "oidc");
            config.put("connector.auth.issuer", issuer.issuer());
            config.put("connector.auth.resource", RESOURCE);
            return config;
        }
    }

    @TestHTTPResource("/mcp")
    URI mcp;

    @Test
    void listsTheScopesOfEachConfiguredUpstream() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(mcp).header("Content-Type",
                "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        String challenge = anonymous.headers().firstValue("WWW-Authenticate").orElseThrow();
        URI metadata = mcp.resolve(URI.create(challenge.replaceAll(".*resource_metadata=\"([^\"]+)\".*", "$1"))
                .getPath());
        HttpResponse<String> document = http.send(HttpRequest.newBuilder(metadata).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, document.statusCode(), document.body());
        JsonArray scopes = new JsonObject(document.body()).getJsonArray("scopes_supported");
        assertEquals(Set.of("fs:read", "fs:write", "fs:admin", "fs:approve"), Set.copyOf(scopes.getList()),
                document.body());
        assertTrue(challenge.startsWith("Bearer"), challenge);
    }
}
