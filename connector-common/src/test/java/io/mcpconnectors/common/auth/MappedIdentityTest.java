package io.mcpconnectors.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * Mapped identities from a token claim: a caller's groups are looked up in connector.identity.map, and only what
 * an admin wrote there is ever used. No mapping, or two different ones, is a refusal; a claim value that happens to
 * spell an identity is not one.
 */
@QuarkusTest
@TestProfile(MappedIdentityTest.ByGroup.class)
@WithTestResource(TestIssuer.class)
class MappedIdentityTest {

    public static class ByGroup implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.application.name", "connector-testkit", "connector.identity.mode", "mapped",
                    "connector.identity.claim", "groups",
                    "connector.identity.map.\"data-team\"", "role_data",
                    "connector.identity.map.finance", "role_finance",
                    "connector.identity.map.\"svc.reporting@example.com\"", "role_reporting",
                    "connector.identity.map.auditors", "role_data");
        }
    }

    @TestHTTPResource("/mcp")
    URI mcp;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aGroupWrittenInTheMapGivesItsIdentity() throws Exception {
        assertEquals("principal=alice identity=role_data", whoami("alice", List.of("data-team", "unmapped")));
        assertEquals("principal=dave identity=role_reporting", whoami("dave", List.of("svc.reporting@example.com")));
        // Two groups that map to the same identity are not a conflict.
        assertEquals("principal=frank identity=role_data", whoami("frank", List.of("data-team", "auditors")));
    }

    @Test
    void twoDifferentIdentitiesAreRefusedWithoutGuessing() throws Exception {
        String answer = whoami("bob", List.of("finance", "data-team"));
        assertTrue(answer.contains("maps to more than one data-source identity (role_data, role_finance)"), answer);
    }

    @Test
    void aCallerWithoutAMappingIsRefusedAndARawClaimValueIsNeverAnIdentity() throws Exception {
        assertTrue(whoami("carol", List.of()).contains("has no data-source identity"), "no groups claim at all");
        String raw = whoami("erin", List.of("role_data", "role_finance"));
        assertTrue(raw.contains("has no data-source identity in connector.identity.map"), raw);
    }

    /** The echo tool's answer to "whoami" for a token with these groups, or the refusal. */
    private String whoami(String subject, List<String> groups) throws Exception {
        String token = TestIssuer.sign(groups.isEmpty() ? TestIssuer.claims(subject, "testkit:read")
                : TestIssuer.claims(subject, "testkit:read").claim("groups", groups));
        HttpResponse<String> init = post(token, null, OAuthResourceServerTest.INITIALIZE);
        assertEquals(200, init.statusCode(), init.body());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        HttpResponse<String> call = post(token, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"whoami\"}}}");
        JsonObject result = new JsonObject(OAuthResourceServerTest.json(call.body())).getJsonObject("result");
        return result.getJsonArray("content").getJsonObject(0).getString("text").replaceAll(".*\"text\":\"([^\"]*)\".*",
                "$1");
    }

    private HttpResponse<String> post(String token, String session, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(mcp).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
