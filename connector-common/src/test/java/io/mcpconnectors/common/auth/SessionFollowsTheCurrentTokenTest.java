package io.mcpconnectors.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A session is bound to its principal, not to the token that opened it: each request acts with the scopes and the
 * identity-claim values of the token it carries, so a group or scope taken away takes effect at the next request.
 */
@QuarkusTest
@TestProfile(SessionFollowsTheCurrentTokenTest.ByGroupWithWrites.class)
@WithTestResource(TestIssuer.class)
class SessionFollowsTheCurrentTokenTest {

    public static class ByGroupWithWrites extends MappedIdentityTest.ByGroup {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("connector.access.writes", "enabled");
            return config;
        }
    }

    @TestHTTPResource("/mcp")
    URI mcp;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aGroupRemovedFromTheTokenNoLongerGivesItsIdentity() throws Exception {
        String before = TestIssuer.sign(TestIssuer.claims("gina", "testkit:read").claim("groups", List.of("finance")));
        String after = TestIssuer.sign(TestIssuer.claims("gina", "testkit:read").claim("groups", List.of("data-team")));
        String session = open(before);
        String answer = post(after, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"whoami\"}}}").body();
        assertFalse(answer.contains("identity=role_finance"), answer);
        assertTrue(answer.contains("identity=role_data"), answer);
    }

    @Test
    void aScopeRemovedFromTheTokenNoLongerListsItsTools() throws Exception {
        String before = TestIssuer.token("hank", "testkit:read testkit:write testkit:admin");
        String after = TestIssuer.token("hank", "testkit:read");
        String session = open(before);
        String answer = post(after, session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}").body();
        assertFalse(answer.contains("\"touch\"") || answer.contains("\"restructure\""), answer);
    }

    private String open(String token) throws Exception {
        HttpResponse<String> init = post(token, null, OAuthResourceServerTest.INITIALIZE);
        assertEquals(200, init.statusCode(), init.body());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return session;
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
