package io.mcpconnectors.common.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.auth.Callers;
import io.mcpconnectors.common.cli.AdminCommands;
import io.mcpconnectors.common.store.ChainVerification;
import io.mcpconnectors.common.store.StoreProvider;
import io.mcpconnectors.common.testkit.TestkitTools.SourceState;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

/**
 * Writes approved by an admin: the client cannot elicit, so a write is stored as a pending approval bound to the
 * principal and the exact arguments, decided on the admin endpoint or with the admin command, and re-submitted
 * once. Four-eyes is on.
 */
@QuarkusTest
@TestProfile(ApprovalByAdminTest.Profile.class)
class ApprovalByAdminTest {

    static final String ALICE = "alice-token-0123456789abcdef";
    static final String BOB = "bob-token-0123456789abcdef00";
    static final String CAROL = "carol-token-0123456789abcdef";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("quarkus.application.name", "connector-testkit"),
                    Map.entry("connector.access.writes", "enabled"),
                    Map.entry("connector.approval.mode", "admin"),
                    Map.entry("connector.approval.four-eyes", "true"),
                    Map.entry("connector.data-dir", "target/connector-data/approval-by-admin"),
                    Map.entry("connector.auth.mode", "static"),
                    // alice may also approve, so four-eyes has something to refuse
                    Map.entry("connector.auth.tokens.alice.sha256", sha256(ALICE)),
                    Map.entry("connector.auth.tokens.alice.scopes", "testkit:read,testkit:write,testkit:approve"),
                    Map.entry("connector.auth.tokens.bob.sha256", sha256(BOB)),
                    Map.entry("connector.auth.tokens.bob.scopes", "testkit:read,testkit:write"),
                    Map.entry("connector.auth.tokens.carol.sha256", sha256(CAROL)),
                    Map.entry("connector.auth.tokens.carol.scopes", "testkit:read,testkit:approve"));
        }
    }

    @Inject
    SourceState state;

    @Inject
    ApprovalService approvals;

    @Inject
    StoreProvider stores;

    @Inject
    AdminCommands commands;

    @TestHTTPResource("/admin/approvals")
    URI admin;

    final HttpClient http = HttpClient.newHttpClient();
    McpStreamableTestClient alice;
    McpStreamableTestClient bob;

    @AfterEach
    void disconnect() {
        for (McpStreamableTestClient client : new McpStreamableTestClient[] {alice, bob}) {
            if (client != null) {
                client.disconnect();
            }
        }
    }

    McpStreamableTestClient connect(String token) {
        return McpAssured.newStreamableClient()
                .setAdditionalHeaders(m -> MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token))
                .build().connect();
    }

    static ToolResponse call(McpStreamableTestClient client, String tool, Map<String, Object> args) {
        AtomicReference<ToolResponse> response = new AtomicReference<>();
        client.when().toolsCall(tool).withArguments(args).withAssert(response::set).send().thenAssertResults();
        return response.get();
    }

    static String text(ToolResponse response) {
        return ((TextContent) response.content().get(0)).text();
    }

    /** Alice asks for a write; it does not run and names its approval. */
    String requestAsAlice(String note) {
        alice = alice == null ? connect(ALICE) : alice;
        int before = state.writes.get();
        ToolResponse response = call(alice, "touch", Map.of("note", note));
        assertFalse(response.isError(), text(response));
        assertTrue(text(response).startsWith("NOT RUN YET"), text(response));
        assertEquals(before, state.writes.get(), "nothing may run before approval");
        JsonObject approval = ((JsonObject) response.structuredContent()).getJsonObject("approval");
        assertEquals("pending", approval.getString("status"));
        return approval.getString("id");
    }

    HttpResponse<String> decide(String token, String id, String decision, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(admin + "/" + id + "/" + decision))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String token, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(admin + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void writeToolsTakeAnApprovalIdAndTheStatusToolIsListed() {
        alice = connect(ALICE);
        List<String> names = McpCallsView.toolNames(alice);
        assertTrue(names.contains("approval_status"), names.toString());
        assertTrue(McpCallsView.inputProperties(alice, "touch").contains("approval_id"));
    }

    @Test
    void anApprovedCallRunsOnceWithTheIdenticalArgumentsOfItsRequester() throws Exception {
        String id = requestAsAlice("approved once");
        HttpResponse<String> approved = decide(CAROL, id, "approve", "{\"reason\":\"change ticket 42\"}");
        assertEquals(200, approved.statusCode(), approved.body());
        assertEquals("approved", new JsonObject(approved.body()).getString("status"));
        assertEquals("carol", new JsonObject(approved.body()).getString("decided_by"));

        ToolResponse statusResponse = call(alice, "approval_status", Map.of("approval_id", id));
        assertFalse(statusResponse.isError(), text(statusResponse));
        assertEquals("approved", ((JsonObject) statusResponse.structuredContent()).getString("status"));

        // Another principal cannot use it, nor even see it.
        bob = connect(BOB);
        int before = state.writes.get();
        String foreign = text(call(bob, "touch", Map.of("note", "approved once", "approval_id", id)));
        assertTrue(foreign.startsWith("Not run: no approval " + id + " exists for you"), foreign);
        assertTrue(call(bob, "approval_status", Map.of("approval_id", id)).isError());

        // Tampered arguments are refused.
        ToolResponse tampered = call(alice, "touch", Map.of("note", "something else", "approval_id", id));
        assertTrue(tampered.isError());
        assertTrue(text(tampered).contains("the arguments differ"), text(tampered));
        assertEquals(before, state.writes.get());

        // The identical call runs, once.
        ToolResponse ran = call(alice, "touch", Map.of("note", "approved once", "approval_id", id));
        assertFalse(ran.isError(), text(ran));
        assertEquals(before + 1, state.writes.get());
        ToolResponse replayed = call(alice, "touch", Map.of("note", "approved once", "approval_id", id));
        assertTrue(replayed.isError());
        assertTrue(text(replayed).contains("was already used"), text(replayed));
        assertEquals(before + 1, state.writes.get());
        assertEquals(ApprovalStatus.EXECUTED, approvals.find(id).orElseThrow().status());
    }

    @Test
    void theRequesterCannotApproveTheirOwnCallUnderFourEyes() throws Exception {
        String id = requestAsAlice("self approval");
        HttpResponse<String> own = decide(ALICE, id, "approve", "");
        assertEquals(409, own.statusCode(), own.body());
        assertTrue(own.body().contains("four-eyes"), own.body());
        assertEquals(ApprovalStatus.PENDING, approvals.find(id).orElseThrow().status());
        String early = text(call(alice, "touch", Map.of("note", "self approval", "approval_id", id)));
        assertTrue(early.contains("still waiting for an admin's decision"), early);
    }

    @Test
    void aDeniedCallNeverRuns() throws Exception {
        String id = requestAsAlice("denied");
        assertEquals(200, decide(CAROL, id, "deny", "{\"reason\":\"not during the freeze\"}").statusCode());
        int before = state.writes.get();
        String refused = text(call(alice, "touch", Map.of("note", "denied", "approval_id", id)));
        assertEquals("Not run: approval " + id + " was denied by carol: not during the freeze", refused);
        assertEquals(before, state.writes.get());
        assertEquals(409, decide(CAROL, id, "approve", "").statusCode(), "a decision is final");
    }

    @Test
    void anExpiredApprovalIsRefused() {
        alice = connect(ALICE);
        Instant past = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        String id = "apr_expired" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> args = Map.of("note", "too late");
        stores.store().create(new Approval(id, "testkit", "touch", "WRITE", "alice",
                approvals.argumentsHash(args), args, null, ApprovalStatus.APPROVED, past, past.plusSeconds(3600),
                "carol", past, null, null, null));
        int before = state.writes.get();
        String refused = text(call(alice, "touch", Map.of("note", "too late", "approval_id", id)));
        assertTrue(refused.startsWith("Not run: approval " + id + " expired at"), refused);
        assertEquals(before, state.writes.get());
        JsonObject status = (JsonObject) call(alice, "approval_status", Map.of("approval_id", id)).structuredContent();
        assertEquals("expired", status.getString("status"));
    }

    @Test
    void theAdminEndpointNeedsTheApproveScope() throws Exception {
        String id = requestAsAlice("endpoint");
        assertEquals(401, get(null, "").statusCode());
        HttpResponse<String> bobs = get(BOB, "");
        assertEquals(403, bobs.statusCode());
        assertTrue(bobs.body().contains("testkit:approve"), bobs.body());
        assertEquals(403, decide(BOB, id, "approve", "").statusCode());
        HttpResponse<String> listed = get(CAROL, "");
        assertEquals(200, listed.statusCode());
        assertTrue(listed.body().contains(id), listed.body());
        HttpResponse<String> shown = get(CAROL, "/" + id);
        assertEquals(200, shown.statusCode());
        JsonObject view = new JsonObject(shown.body());
        assertEquals("endpoint", view.getJsonObject("arguments").getString("note"));
        assertTrue(view.getString("preview").startsWith("Would write note 'endpoint'"), view.getString("preview"));
        assertEquals(404, get(CAROL, "/apr_doesnotexist").statusCode());
        assertEquals(400, decide(CAROL, id, "approve", "not json").statusCode());
        assertEquals(400, decide(CAROL, id, "approve", "{\"reason\": \"ok\", \"decided_by\": \"dave\"}").statusCode());
        assertEquals(400, decide(CAROL, id, "approve", "{\"reason\": 4711}").statusCode());
        HttpResponse<String> multipart = http.send(HttpRequest.newBuilder(URI.create(admin + "/" + id + "/approve"))
                .header("Authorization", "Bearer " + CAROL)
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"reason\"\r\n\r\n"
                        + "ok\r\n--b--\r\n"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, multipart.statusCode(), multipart.body());
        assertEquals("pending", new JsonObject(get(CAROL, "/" + id).body()).getString("status"), "nothing decided");
    }

    @Test
    void theAdminCommandListsShowsAndDecides() throws Exception {
        String id = requestAsAlice("from the command line");
        AdminCommandRun list = run("approvals", "list");
        assertEquals(0, list.code());
        assertTrue(list.out().contains(id), list.out());
        AdminCommandRun show = run("approvals", "show", id);
        assertEquals(0, show.code());
        assertTrue(show.out().contains("\"note\" : \"from the command line\""), show.out());
        assertTrue(show.out().contains("requested by: alice"), show.out());
        AdminCommandRun approve = run("approvals", "approve", id, "--reason", "looked at it");
        assertEquals(0, approve.code(), approve.err());
        assertTrue(approve.out().contains("approved by " + Callers.localUser()), approve.out());
        AdminCommandRun again = run("approvals", "deny", id);
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already decided"), again.err());
        assertEquals(1, run("approvals", "show", "apr_nope").code());
        assertEquals(2, run("approvals", "launch").code());

        ToolResponse ran = call(alice, "touch", Map.of("note", "from the command line", "approval_id", id));
        assertFalse(ran.isError(), text(ran));
    }

    @Test
    void theAuditChainHoldsTheApprovalLifeAndVerifies() throws Exception {
        String id = requestAsAlice("audited");
        assertEquals(200, decide(CAROL, id, "approve", "").statusCode());
        assertFalse(call(alice, "touch", Map.of("note", "audited", "approval_id", id)).isError());
        AdminCommandRun verify = run("audit", "verify");
        assertEquals(0, verify.code(), verify.out());
        assertTrue(verify.out().startsWith("Audit chain intact"), verify.out());
        ChainVerification chain = stores.store().verify();
        assertTrue(chain.intact(), chain.problem());
        String file = java.nio.file.Files.readString(java.nio.file.Path.of(
                "target/connector-data/approval-by-admin/audit-chain.jsonl"));
        for (String type : List.of("approval_requested", "approval_approved", "approval_used")) {
            assertTrue(file.contains(type + "\\\",\\\"at\\\"") && file.contains(id), type);
        }
    }

    AdminCommandRun run(String... args) {
        return AdminCommandRun.of(commands, args);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
