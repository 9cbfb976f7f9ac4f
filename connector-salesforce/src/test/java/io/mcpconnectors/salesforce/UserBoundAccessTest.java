package io.mcpconnectors.salesforce;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.approval.ApprovalService;
import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.mcp.ApprovalGate;
import io.mcpconnectors.common.test.AuditTail;
import io.mcpconnectors.common.test.MappedCallers;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * User-bound access on Salesforce: each caller's calls run with an access token the connector obtained for the
 * caller's mapped Salesforce user by the JWT bearer flow (signed with the connected app's key, the user as
 * subject), so the org applies that user's sharing and field-level security. Tokens are held per user and never
 * sent for another; a refused one is renewed for its own user only; a caller without a mapping is refused before
 * anything reaches the org; the MCP client's own token never reaches Salesforce.
 */
@QuarkusTest
@TestProfile(UserBoundAccessTest.Mapped.class)
@WithTestResource(value = FakeSalesforce.class, initArgs = @ResourceArg(name = "flow", value = "jwt-bearer"))
class UserBoundAccessTest extends MappedCallers {

    static final String ALICE_USER = "alice@acme.com";
    static final String BOB_USER = "bob@acme.com";
    static final Path AUDIT = Path.of("target/audit/salesforce-user-bound-audit.jsonl");

    public static class Mapped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return mappedSettings("salesforce", Map.of("alice", ALICE_USER, "bob", BOB_USER), AUDIT);
        }
    }

    @Inject
    ApprovalService approvals;

    @Inject
    KnownSecrets secrets;

    private int mark;

    @BeforeEach
    void markRequests() {
        mark = FakeSalesforce.requests().size();
    }

    @Test
    void eachMappedUserWasSignedInAtStartWithAnAssertionForThatUser() {
        Set<String> subjects = new LinkedHashSet<>();
        for (String assertion : FakeSalesforce.assertions) {
            JsonObject claims = claims(assertion);
            assertTrue(ConnectedAppKey.signed(assertion), "signed with the connected app's key");
            assertEquals("3MVG9-consumer-key", claims.getString("iss"));
            subjects.add(claims.getString("sub"));
        }
        assertTrue(subjects.containsAll(List.of(FakeSalesforce.INTEGRATION_USER, ALICE_USER, BOB_USER)),
                subjects.toString());
    }

    @Test
    void twoCallersGetWhatTheirOwnSalesforceUserMaySeeFromTheSameQuery() {
        Map<String, Object> query = Map.of("query", "SELECT Id, Name FROM Account");
        assertEquals(List.of("Acme"), names(ok(call(as(ALICE), "soql_query", query))));
        assertEquals(List.of("Globex"), names(ok(call(as(BOB), "soql_query", query))));
    }

    @Test
    void requestsCarryTheTokenIssuedForTheCallersOwnUser() {
        McpStreamableTestClient alice = as(ALICE);
        McpStreamableTestClient bob = as(BOB);
        Set<String> aliceTokens = tokensSent(() -> {
            ok(call(alice, "list_objects", Map.of()));
            ok(call(alice, "soql_query", Map.of("query", "SELECT Id FROM Opportunity")));
            ok(call(alice, "org_limits", Map.of()));
        }, ALICE_USER);
        Set<String> bobTokens = tokensSent(() -> {
            ok(call(bob, "get_record", Map.of("object", "Account", "id", FakeSalesforce.ACCOUNT_ID)));
            ok(call(bob, "sosl_search", Map.of("search", "FIND {Acme} RETURNING Account(Id, Name)")));
        }, BOB_USER);
        assertEquals(1, aliceTokens.size(), "one token for alice's user, reused: " + aliceTokens);
        assertEquals(1, bobTokens.size(), "one token for bob's user, reused: " + bobTokens);
        assertNotEquals(aliceTokens, bobTokens, "never the same token for two users");
        for (String token : List.of(aliceTokens.iterator().next(), bobTokens.iterator().next())) {
            assertTrue(secrets.appearIn("session " + token), "each user's token is a known secret");
        }
        for (String user : List.of(ALICE_USER, BOB_USER)) {
            String latest = FakeSalesforce.assertions.stream().filter(a -> user.equals(FakeSalesforce.subject(a)))
                    .reduce((a, b) -> b).orElseThrow();
            assertTrue(secrets.appearIn(latest), "each user's assertion is a known secret");
        }
    }

    @Test
    void describesAreNotSharedBetweenUsersWhoseFieldLevelSecurityDiffers() {
        assertTrue(fields(ok(call(as(ALICE), "describe_object", Map.of("name", "Account")))).contains("Tier__c"));
        List<String> bobs = fields(ok(call(as(BOB), "describe_object", Map.of("name", "Account"))));
        assertTrue(bobs.contains("Name") && !bobs.contains("Tier__c"), "bob's own describe: " + bobs);
    }

    @Test
    void aRefusedTokenIsRenewedForItsOwnUserOnly() {
        McpStreamableTestClient alice = as(ALICE);
        McpStreamableTestClient bob = as(BOB);
        String bobsToken = tokensSent(() -> ok(call(bob, "org_limits", Map.of())), BOB_USER).iterator().next();
        String alicesToken = tokensSent(() -> ok(call(alice, "org_limits", Map.of())), ALICE_USER).iterator().next();
        FakeSalesforce.revoked.add(alicesToken);

        int assertions = FakeSalesforce.assertions.size();
        assertEquals(List.of("Acme"), names(ok(call(alice, "soql_query", Map.of("query",
                "SELECT Id, Name FROM Account")))));
        List<String> renewed = FakeSalesforce.assertions.subList(assertions, FakeSalesforce.assertions.size());
        assertEquals(List.of(ALICE_USER), renewed.stream().map(FakeSalesforce::subject).toList(),
                "one new sign-in, as alice's user");
        assertEquals(Set.of(bobsToken), tokensSent(() -> ok(call(bob, "org_limits", Map.of())), BOB_USER),
                "bob's token is untouched");
    }

    @Test
    void aUserNoLongerPreAuthorizedIsRefusedWithTheReasonAndNeverGetsAnotherUsersToken() {
        McpStreamableTestClient bob = as(BOB);
        String bobsToken = tokensSent(() -> ok(call(bob, "org_limits", Map.of())), BOB_USER).iterator().next();
        FakeSalesforce.revoked.add(bobsToken);
        FakeSalesforce.unapproved.add(BOB_USER);
        try {
            int before = FakeSalesforce.requests().size();
            String ended = error(call(bob, "org_limits", Map.of()));
            assertTrue(ended.startsWith("Salesforce ended the session and a new one could not be started")
                    && ended.contains("invalid_grant (user hasn't approved this consumer)"), ended);
            String refused = error(call(bob, "org_limits", Map.of()));
            assertTrue(refused.startsWith("Salesforce did not let the connector sign in as bob@acme.com, the user"
                    + " mapped for bob"), refused);
            for (RecordedRequest request : FakeSalesforce.requests().subList(before, FakeSalesforce.requests().size())) {
                if (!request.getPath().startsWith("/services/oauth2/token")) {
                    assertEquals("Bearer " + bobsToken, request.getHeader("Authorization"), "only bob's own token");
                }
            }
        } finally {
            FakeSalesforce.unapproved.remove(BOB_USER);
        }
        assertEquals(List.of("Globex"), names(ok(call(bob, "soql_query", Map.of("query",
                "SELECT Id, Name FROM Account")))), "signed in again once approved");
    }

    @Test
    void writesAndTheirApprovalsRunAsTheRequestersUser() {
        McpStreamableTestClient alice = as(ALICE);
        Map<String, Object> create = Map.of("object", "Account", "fields", Map.of("Name", "Written by alice"));
        String id = ok(call(alice, "create_record", create)).getJsonObject("approval").getString("id");
        approvals.decide(id, true, "admin", null);
        Map<String, Object> resubmitted = new HashMap<>(create);
        resubmitted.put(ApprovalGate.APPROVAL_ID, id);
        int before = FakeSalesforce.requests().size();
        ok(call(alice, "create_record", resubmitted));
        RecordedRequest post = FakeSalesforce.requests().subList(before, FakeSalesforce.requests().size()).stream()
                .filter(r -> r.getMethod().equals("POST") && r.getPath().endsWith("/sobjects/Account")).findFirst()
                .orElseThrow();
        assertEquals(ALICE_USER, FakeSalesforce.userOf(post));
    }

    @Test
    void aCallerWithoutAMappingIsRefusedBeforeAnythingReachesTheOrg() {
        String refusal = error(call(as(MALLORY), "soql_query", Map.of("query", "SELECT Id FROM Account")));
        assertTrue(refusal.contains("principal mallory has no data-source identity in connector.identity.map"),
                refusal);
        assertEquals(mark, FakeSalesforce.requests().size(), "no request reached the org");
    }

    @Test
    void theAuditNamesThePrincipalAndTheSalesforceUser() {
        AuditTail audit = AuditTail.from(AUDIT);
        ok(call(as(BOB), "soql_query", Map.of("query", "SELECT Id FROM Account WHERE Name = 'audited-as-bob'")));
        error(call(as(MALLORY), "soql_query", Map.of("query", "SELECT Id FROM Account WHERE Name = 'mallory'")));
        List<JsonObject> records = audit.text().lines().map(JsonObject::new).toList();
        JsonObject bobs = records.stream().filter(r -> r.encode().contains("audited-as-bob")).findFirst().orElseThrow();
        assertEquals("bob", bobs.getString("principal"));
        assertEquals(BOB_USER, bobs.getString("identity"));
        JsonObject mallorys = records.stream().filter(r -> "mallory".equals(r.getString("principal"))).findFirst()
                .orElseThrow();
        assertEquals("refused", mallorys.getString("outcome"));
    }

    @Test
    void theClientsOwnTokenNeverReachesSalesforce() {
        ok(call(as(ALICE), "soql_query", Map.of("query", "SELECT Id FROM Account")));
        ok(call(as(BOB), "describe_object", Map.of("name", "Account")));
        for (RecordedRequest request : FakeSalesforce.requests()) {
            String sent = request.getRequestLine() + "\n" + request.getHeaders() + "\n"
                    + request.getBody().clone().readUtf8();
            for (String token : List.of(ALICE, BOB, MALLORY)) {
                assertFalse(sent.contains(token), "the MCP client's token was forwarded: " + request.getRequestLine());
            }
        }
    }

    /** The bearer tokens of the API requests made while running the calls; each must be one issued to the user. */
    private static Set<String> tokensSent(Runnable calls, String user) {
        int before = FakeSalesforce.requests().size();
        calls.run();
        Set<String> tokens = new LinkedHashSet<>();
        for (RecordedRequest request : FakeSalesforce.requests().subList(before, FakeSalesforce.requests().size())) {
            if (request.getPath().startsWith("/services/oauth2/token")) {
                continue;
            }
            assertEquals(user, FakeSalesforce.userOf(request), request.getRequestLine() + " was sent with a token"
                    + " issued to " + FakeSalesforce.userOf(request));
            tokens.add(request.getHeader("Authorization").substring("Bearer ".length()));
        }
        assertFalse(tokens.isEmpty(), "the calls reached the org");
        return tokens;
    }

    private static JsonObject claims(String jwt) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static List<String> names(JsonObject result) {
        return result.getJsonArray("records").stream().map(r -> ((JsonObject) r).getString("Name")).toList();
    }

    private static List<String> fields(JsonObject describe) {
        return describe.getJsonArray("fields").stream().map(f -> ((JsonObject) f).getString("name")).toList();
    }
}
