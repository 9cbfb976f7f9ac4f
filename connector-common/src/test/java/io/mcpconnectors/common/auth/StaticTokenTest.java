package io.mcpconnectors.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/** Static bearer tokens, configured only as SHA-256 hashes, for small deployments. */
@QuarkusTest
@TestProfile(StaticTokenTest.Static.class)
class StaticTokenTest {

    static final String READER_TOKEN = "reader-token-0123456789abcdef";
    static final String ADMIN_TOKEN = "admin-token-fedcba9876543210";

    public static class Static implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.application.name", "connector-testkit", "connector.auth.mode", "static",
                    "connector.access.writes", "enabled", "connector.approval.mode", "none",
                    "connector.auth.tokens.reader.sha256", sha256(READER_TOKEN),
                    "connector.auth.tokens.reader.scopes", "testkit:read",
                    "connector.auth.tokens.ops.sha256", sha256(ADMIN_TOKEN),
                    "connector.auth.tokens.ops.scopes", "testkit:read,testkit:write,testkit:admin");
        }
    }

    @TestHTTPResource("/mcp")
    URI mcp;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aConfiguredTokenGetsInWithItsScopes() throws Exception {
        assertEquals(List.of("ask", "echo", "hold", "many", "oversized", "sleep"), tools(READER_TOKEN));
        assertEquals(List.of("ask", "echo", "hold", "many", "oversized", "restructure", "sleep", "touch"), tools(ADMIN_TOKEN));
    }

    @Test
    void bothCallersAreToldTheServerHasTools() throws Exception {
        for (String token : List.of(READER_TOKEN, ADMIN_TOKEN)) {
            HttpResponse<String> init = post(token, null, OAuthResourceServerTest.INITIALIZE);
            assertEquals(200, init.statusCode(), init.body());
            JsonObject result = new JsonObject(OAuthResourceServerTest.json(init.body())).getJsonObject("result");
            assertTrue(result.getJsonObject("capabilities").containsKey("tools"), result.encode());
        }
    }

    @Test
    void anyOtherTokenOrNoneGets401() throws Exception {
        HttpResponse<String> wrong = post("not-a-configured-token", null, OAuthResourceServerTest.INITIALIZE);
        assertEquals(401, wrong.statusCode());
        String refused = wrong.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(refused.startsWith("Bearer realm=\"mcp\", error=\"invalid_token\""), refused);
        assertFalse(refused.contains("not-a-configured-token"), refused);
        HttpResponse<String> none = post(null, null, OAuthResourceServerTest.INITIALIZE);
        assertEquals(401, none.statusCode());
        // Without a token there is no error code (RFC 6750 section 3.1), only the challenge.
        assertEquals("Bearer realm=\"mcp\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
        // The hash of a token is not a token.
        assertEquals(401, post(sha256(READER_TOKEN), null, OAuthResourceServerTest.INITIALIZE).statusCode());
    }

    @Test
    void theSseTransportAndUnknownSessionsAreNotServedToAuthenticatedCallers() throws Exception {
        // The legacy SSE transport cannot bind its connection to the caller, so its scopes could not apply there.
        HttpResponse<String> sse = http.send(HttpRequest.newBuilder(URI.create(mcp + "/sse"))
                .header("Authorization", "Bearer " + READER_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, sse.statusCode(), sse.body());
        HttpResponse<String> messages = post(READER_TOKEN, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                + "\"tools/list\"}", URI.create(mcp + "/messages/abc"));
        assertEquals(404, messages.statusCode(), messages.body());
        // A session id this connector never bound to the caller is unknown, not open to whoever presents it.
        HttpResponse<String> unknown = post(ADMIN_TOKEN, "not-a-session-it-opened", "{\"jsonrpc\":\"2.0\",\"id\":2,"
                + "\"method\":\"tools/list\"}");
        assertEquals(404, unknown.statusCode(), unknown.body());
    }

    private List<String> tools(String token) throws Exception {
        HttpResponse<String> init = post(token, null, OAuthResourceServerTest.INITIALIZE);
        assertEquals(200, init.statusCode(), init.body());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        String body = post(token, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").body();
        return new JsonObject(OAuthResourceServerTest.json(body)).getJsonObject("result").getJsonArray("tools").stream()
                .map(t -> ((JsonObject) t).getString("name")).sorted().toList();
    }

    private HttpResponse<String> post(String token, String session, String body) throws Exception {
        return post(token, session, body, mcp);
    }

    private HttpResponse<String> post(String token, String session, String body, URI to) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(to).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String sha256(String token) {
        return HexFormat.of().formatHex(StaticTokenMechanism.sha256(token));
    }
}
