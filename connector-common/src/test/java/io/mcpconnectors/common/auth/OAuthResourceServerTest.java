package io.mcpconnectors.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.JsonObject;

/**
 * The connector as an OAuth 2.1 resource server on Streamable HTTP, with tokens minted by the test against a JWKS
 * it serves: what gets in, what is refused and how, and what each caller may see and do.
 */
@QuarkusTest
@TestProfile(OAuthResourceServerTest.Oidc.class)
@WithTestResource(TestIssuer.class)
class OAuthResourceServerTest {

    public static class Oidc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.application.name", "connector-testkit", "connector.access.writes", "enabled",
                    "connector.approval.mode", "none", "connector.http.rate-per-minute", "40",
                    "connector.http.max-body-size", "64K", "connector.audit.file", "target/audit/oauth-audit.jsonl",
                    "connector.http.max-sessions-per-principal", "6");
        }
    }

    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";

    @TestHTTPResource("/mcp")
    URI mcp;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aValidTokenOpensASessionAndTheAuditNamesThePrincipal() throws Exception {
        String token = TestIssuer.token("alice", "testkit:read");
        HttpResponse<String> init = post(token, null, INITIALIZE);
        assertEquals(200, init.statusCode(), init.body());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        initialized(token, session);
        HttpResponse<String> call = post(token, session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"audited-call-alice\"}}}");
        assertEquals(200, call.statusCode());
        assertTrue(call.body().contains("audited-call-alice"), call.body());
        String audit = Files.readString(Path.of("target/audit/oauth-audit.jsonl"));
        JsonObject line = audit.lines().filter(l -> l.contains("audited-call-alice")).map(JsonObject::new)
                .reduce((a, b) -> b).orElseThrow();
        assertEquals("alice", line.getString("principal"));
        assertFalse(audit.contains(token), "the token never reaches the audit trail");
    }

    @Test
    void noTokenGets401NamingTheResourceMetadata() throws Exception {
        HttpResponse<String> response = post(null, null, INITIALIZE);
        assertEquals(401, response.statusCode());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("Bearer"), challenge);
        assertTrue(challenge.contains("resource_metadata="), challenge);
        String metadataUrl = challenge.replaceAll(".*resource_metadata=\"([^\"]+)\".*", "$1");
        // Fetch the metadata from this server, whatever host the URL names.
        URI metadata = mcp.resolve(URI.create(metadataUrl).getPath());
        HttpResponse<String> document = http.send(HttpRequest.newBuilder(metadata).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, document.statusCode(), metadata.toString());
        JsonObject json = new JsonObject(document.body());
        assertEquals(TestIssuer.RESOURCE, json.getString("resource"));
        assertTrue(json.getJsonArray("authorization_servers").contains(TestIssuer.issuer), json.encode());
        assertTrue(json.getJsonArray("scopes_supported").contains("testkit:read"), json.encode());
    }

    @Test
    void invalidTokensAreRefused() throws Exception {
        Map<String, String> bad = Map.of(
                "expired", TestIssuer.claims("alice", "testkit:read").expiresAt(Instant.now().minusSeconds(600))
                        .issuedAt(Instant.now().minusSeconds(900)).jws().keyId("k1").sign(TestIssuer.KEY.getPrivate()),
                "wrong audience", TestIssuer.claims("alice", "testkit:read").audience("https://other.example/mcp")
                        .jws().keyId("k1").sign(TestIssuer.KEY.getPrivate()),
                "wrong issuer", TestIssuer.claims("alice", "testkit:read").issuer("https://evil.example")
                        .jws().keyId("k1").sign(TestIssuer.KEY.getPrivate()),
                "bad signature", TestIssuer.claims("alice", "testkit:read").jws().keyId("k1").sign(TestIssuer.OTHER_KEY.getPrivate()),
                "alg none", unsigned(TestIssuer.claims("alice", "testkit:read").jws().keyId("k1").sign(TestIssuer.KEY.getPrivate())),
                "garbage", "not-a-jwt");
        for (Map.Entry<String, String> token : bad.entrySet()) {
            HttpResponse<String> response = post(token.getValue(), null, INITIALIZE);
            assertEquals(401, response.statusCode(), token.getKey() + ": " + response.body());
        }
    }

    @Test
    void aTokenWithoutThisConnectorsScopesGets403InsufficientScope() throws Exception {
        HttpResponse<String> response = post(TestIssuer.token("bob", "postgres:read"), null, INITIALIZE);
        assertEquals(403, response.statusCode());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.contains("error=\"insufficient_scope\""), challenge);
        assertTrue(challenge.contains("scope=\"testkit:read\""), challenge);
    }

    @Test
    void scopesDecideWhichToolsACallerSeesAndCalls() throws Exception {
        assertEquals(List.of("ask", "echo", "hold", "many", "oversized", "sleep"), toolNames("testkit:read"));
        assertEquals(List.of("ask", "echo", "hold", "many", "oversized", "sleep", "touch"), toolNames("testkit:read testkit:write"));
        assertEquals(List.of("restructure"), toolNames("testkit:admin"));

        String token = TestIssuer.token("carol", "testkit:read");
        String session = open(token);
        HttpResponse<String> write = post(token, session, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"touch\",\"arguments\":{}}}");
        assertTrue(write.body().contains("\"error\""), write.body());
        assertFalse(write.body().contains("touched"), write.body());
    }

    @Test
    void aSessionIsBoundToThePrincipalThatOpenedIt() throws Exception {
        String alice = TestIssuer.token("alice", "testkit:read");
        String session = open(alice);
        HttpResponse<String> mallory = post(TestIssuer.token("mallory", "testkit:read"), session,
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}");
        assertEquals(404, mallory.statusCode(), mallory.body());
        assertEquals(200, post(alice, session, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/list\"}").statusCode());
        HttpResponse<String> ended = http.send(request(alice, session).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(ended.statusCode() < 300, "DELETE ends the session: " + ended.statusCode());
        assertEquals(404, post(alice, session, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}").statusCode());
    }

    @Test
    void everyCallerWithAToolItMayUseIsToldTheServerHasTools() throws Exception {
        for (String scopes : List.of("testkit:read", "testkit:read testkit:write", "testkit:admin")) {
            HttpResponse<String> init = post(TestIssuer.token("capable-" + scopes.hashCode(), scopes), null,
                    INITIALIZE);
            assertEquals(200, init.statusCode(), init.body());
            JsonObject capabilities = new JsonObject(json(init.body())).getJsonObject("result")
                    .getJsonObject("capabilities");
            assertNotNull(capabilities.getJsonObject("tools"), scopes + ": " + capabilities.encode());
        }
    }

    @Test
    void everyRefusedSessionUseIsAuditedWithThePresentingPrincipal() throws Exception {
        String alice = TestIssuer.token("alice", "testkit:read");
        String session = open(alice);
        assertEquals(404, post(TestIssuer.token("trudy", "testkit:read"), session,
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}").statusCode());
        assertEquals(404, post(TestIssuer.token("trudy", "testkit:read"), "never-opened-by-anyone",
                "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/list\"}").statusCode());
        http.send(request(alice, session).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, post(alice, session, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}")
                .statusCode());
        List<JsonObject> refused = Files.readAllLines(Path.of("target/audit/oauth-audit.jsonl")).stream()
                .filter(l -> l.contains("\"session_refused\"")).map(JsonObject::new).toList();
        assertTrue(refused.stream().anyMatch(e -> e.getString("principal").equals("trudy")
                && session.equals(e.getString("session")) && e.getString("reason").equals("foreign")), refused.toString());
        assertTrue(refused.stream().anyMatch(e -> e.getString("principal").equals("trudy")
                && e.getString("reason").equals("unknown")), refused.toString());
        assertTrue(refused.stream().anyMatch(e -> e.getString("principal").equals("alice")
                && session.equals(e.getString("session")) && e.getString("reason").equals("ended")), refused.toString());
    }

    @Test
    void aPrincipalOpensNoMoreThanItsShareOfSessions() throws Exception {
        String token = TestIssuer.token("frank", "testkit:read");
        String last = null;
        for (int i = 0; i < 6; i++) {
            last = open(token);
        }
        HttpResponse<String> refused = post(token, null, INITIALIZE);
        assertEquals(429, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("connector.http.max-sessions-per-principal"), refused.body());
        // Ending one makes room for another; other principals are not affected.
        http.send(request(token, last).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, post(token, null, INITIALIZE).statusCode());
        assertEquals(200, post(TestIssuer.token("grace", "testkit:read"), null, INITIALIZE).statusCode());
    }

    @Test
    void tokensInTheQueryStringAreNotAccepted() throws Exception {
        String token = TestIssuer.token("alice", "testkit:read");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(mcp + "?access_token=" + token))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
    }

    @Test
    void perPrincipalRateLimitAnswers429WithRetryAfter() throws Exception {
        String token = TestIssuer.token("dave", "testkit:read");
        String session = open(token);
        int status = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 45 && status != 429; i++) {
            last = post(token, session, "{\"jsonrpc\":\"2.0\",\"id\":" + (10 + i) + ",\"method\":\"ping\"}");
            status = last.statusCode();
        }
        assertEquals(429, status);
        assertNotNull(last.headers().firstValue("Retry-After").orElse(null));
        // Another principal is not affected.
        assertEquals(200, post(TestIssuer.token("erin", "testkit:read"), null, INITIALIZE).statusCode());
    }

    @Test
    void oversizeBodiesForeignOriginsAndHostsAreRefused() throws Exception {
        String token = TestIssuer.token("alice", "testkit:read");
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(100_000)
                + "\"}}";
        assertEquals(413, post(token, null, big).statusCode());
        HttpResponse<String> origin = http.send(request(token, null).header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, origin.statusCode());
        // Host cannot be set on java.net.http requests; a raw socket sends a rebinding-style Host.
        try (java.net.Socket socket = new java.net.Socket(mcp.getHost(), mcp.getPort())) {
            socket.getOutputStream().write(("POST /mcp HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Length: " + INITIALIZE.length()
                    + "\r\nConnection: close\r\n\r\n" + INITIALIZE).getBytes(StandardCharsets.UTF_8));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        }
    }

    private List<String> toolNames(String scopes) throws Exception {
        String token = TestIssuer.token("lister-" + scopes.hashCode(), scopes);
        String session = open(token);
        String body = post(token, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").body();
        JsonObject answer = new JsonObject(json(body));
        return answer.getJsonObject("result").getJsonArray("tools").stream()
                .map(t -> ((JsonObject) t).getString("name")).sorted().toList();
    }

    private String open(String token) throws Exception {
        HttpResponse<String> init = post(token, null, INITIALIZE);
        assertEquals(200, init.statusCode(), init.body());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        initialized(token, session);
        return session;
    }

    private void initialized(String token, String session) throws Exception {
        HttpResponse<String> response = post(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertTrue(response.statusCode() < 300, response.statusCode() + " " + response.body());
    }

    private HttpResponse<String> post(String token, String session, String body) throws Exception {
        return http.send(request(token, session).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String token, String session) {
        HttpRequest.Builder request = HttpRequest.newBuilder(mcp).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return request;
    }

    /** The JSON of an answer sent as plain JSON or as one server-sent event. */
    static String json(String body) {
        String trimmed = body.trim();
        if (trimmed.startsWith("{")) {
            return trimmed;
        }
        return trimmed.lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).trim()).findFirst()
                .orElse(trimmed);
    }

    /** The same claims with the signature removed and the header saying alg none. */
    static String unsigned(String jwt) {
        String payload = jwt.split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    static {
        // Touch the builder class early so a missing test dependency fails clearly.
        Jwt.class.getName();
    }
}
