package io.mcpconnectors.gateway;

import static io.mcpconnectors.common.test.McpCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpCalls;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Approvers decide the pending writes of the gateway's upstreams at the gateway's /admin/approvals, with the
 * gateway's authentication and the per-upstream {@code <upstream>:approve} scope. The HTTP upstream is asked as the
 * approver (an assertion the gateway signs; the approver's token stays at the gateway), so its own rules hold: an
 * approved write runs once, a denied one never, nobody approves their own request. A caller without the scope of an
 * upstream sees nothing of it; malformed requests get a JSON 4xx; every decision is in the gateway's audit chain.
 */
@QuarkusTest
@WithTestResource(ApprovalsBehindGateway.class)
class ApprovalsThroughGatewayTest {

    @Inject
    Gateway gateway;

    @TestHTTPResource("/admin/approvals")
    URI admin;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<McpStreamableTestClient> clients = new ArrayList<>();

    @BeforeEach
    void upstreamsServing() throws Exception {
        for (String name : List.of("fs", "docs")) {
            UpstreamSupervisor upstream = gateway.supervisor(name);
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!upstream.status().serving() && !upstream.status().describe().startsWith("refused")
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(upstream.status().serving(), upstream.status().describe());
        }
    }

    @AfterEach
    void disconnect() {
        clients.forEach(McpStreamableTestClient::disconnect);
        clients.clear();
    }

    @Test
    void aWriteApprovedThroughTheGatewayRunsOnceAndTheUpstreamRecordsTheApprover() throws Exception {
        Path file = ApprovalsBehindGateway.root.resolve("approved.txt");
        String id = requestWrite(file, "approved content");

        JsonObject listed = json(send(ApprovalsBehindGateway.BOB, "GET", "", null), 200);
        JsonObject entry = listed.getJsonArray("approvals").stream().map(JsonObject.class::cast)
                .filter(a -> id.equals(a.getString("id"))).findFirst().orElseThrow(() -> new AssertionError(listed));
        assertEquals("fs", entry.getString("upstream"));
        assertEquals("alice", entry.getString("requested_by"));
        assertEquals("write_file", entry.getString("tool"));
        assertEquals("approved content", json(send(ApprovalsBehindGateway.BOB, "GET", "/fs/" + id, null), 200)
                .getJsonObject("arguments").getString("content"));

        JsonObject decided = json(send(ApprovalsBehindGateway.BOB, "POST", "/fs/" + id + "/approve",
                "{\"reason\": \"change 4711\"}"), 200);
        assertEquals("approved", decided.getString("status"));
        assertEquals("bob", decided.getString("decided_by"), "the upstream recorded the approver, not the gateway");
        assertEquals("change 4711", decided.getString("reason"));
        assertEquals("fs", decided.getString("upstream"));
        assertFalse(Files.exists(file), "approving runs nothing");

        JsonObject again = json(send(ApprovalsBehindGateway.BOB, "POST", "/fs/" + id + "/approve", ""), 409);
        assertTrue(again.getString("error").contains("already decided"), again.encode());

        ToolResponse ran = call(as(ApprovalsBehindGateway.ALICE), "fs.write_file", Map.of("path", file.toString(),
                "content", "approved content", "approval_id", id));
        assertFalse(ran.isError(), text(ran));
        assertEquals("approved content", Files.readString(file));
        ToolResponse replay = call(as(ApprovalsBehindGateway.ALICE), "fs.write_file", Map.of("path",
                file.toString(), "content", "approved content", "approval_id", id));
        assertTrue(replay.isError() && text(replay).contains("already used"), text(replay));
        assertEquals("executed", json(send(ApprovalsBehindGateway.BOB, "GET", "/fs/" + id, null), 200)
                .getString("status"));
        // A second use would write again: the file changed since stays as it is.
        Files.writeString(file, "changed since");
        ToolResponse late = call(as(ApprovalsBehindGateway.ALICE), "fs.write_file", Map.of("path", file.toString(),
                "content", "approved content", "approval_id", id));
        assertTrue(late.isError(), text(late));
        assertEquals("changed since", Files.readString(file), "the approved write ran exactly once");

        JsonObject event = decisions().stream().filter(e -> id.equals(e.getString("approval_id"))
                && "approved".equals(e.getString("outcome"))).findFirst().orElseThrow(() -> new AssertionError(
                        "no audited decision for " + id));
        assertEquals("bob", event.getString("principal"));
        assertEquals("fs", event.getString("upstream"));
        assertEquals("approve", event.getString("decision"));
    }

    @Test
    void aWriteDeniedThroughTheGatewayNeverRuns() throws Exception {
        Path file = ApprovalsBehindGateway.root.resolve("denied.txt");
        String id = requestWrite(file, "never");
        JsonObject denied = json(send(ApprovalsBehindGateway.BOB, "POST", "/fs/" + id + "/deny",
                "{\"reason\": \"not during the freeze\"}"), 200);
        assertEquals("denied", denied.getString("status"));
        assertEquals("bob", denied.getString("decided_by"));
        ToolResponse refused = call(as(ApprovalsBehindGateway.ALICE), "fs.write_file", Map.of("path",
                file.toString(), "content", "never", "approval_id", id));
        assertTrue(refused.isError() && text(refused).contains("denied by bob"), text(refused));
        assertFalse(Files.exists(file));
        assertTrue(decisions().stream().anyMatch(e -> id.equals(e.getString("approval_id"))
                && "denied".equals(e.getString("outcome")) && "bob".equals(e.getString("principal"))));
    }

    @Test
    void nobodyApprovesTheirOwnRequestThroughTheGateway() throws Exception {
        String id = requestWrite(ApprovalsBehindGateway.root.resolve("own.txt"), "mine");
        JsonObject refused = json(send(ApprovalsBehindGateway.ALICE, "POST", "/fs/" + id + "/approve", ""), 409);
        assertTrue(refused.getString("error").contains("four-eyes"), refused.encode());
        assertEquals("pending", status(id));
        assertTrue(decisions().stream().anyMatch(e -> id.equals(e.getString("approval_id"))
                && "alice".equals(e.getString("principal")) && "refused".equals(e.getString("outcome"))
                && e.getInteger("status") == 409));
    }

    @Test
    void aCallerWithoutTheApproveScopeOfAnUpstreamSeesNothingOfIt() throws Exception {
        String id = requestWrite(ApprovalsBehindGateway.root.resolve("hidden.txt"), "hidden");

        HttpResponse<String> carolList = send(ApprovalsBehindGateway.CAROL, "GET", "", null);
        json(carolList, 403);
        assertFalse(carolList.body().contains("fs") || carolList.body().contains("docs"), carolList.body());
        json(send(ApprovalsBehindGateway.CAROL, "GET", "/fs/" + id, null), 404);
        json(send(ApprovalsBehindGateway.CAROL, "POST", "/fs/" + id + "/approve", ""), 404);

        HttpResponse<String> malloryList = send(ApprovalsBehindGateway.MALLORY, "GET", "", null);
        JsonObject mallorys = json(malloryList, 200);
        assertTrue(mallorys.getJsonArray("approvals").isEmpty(), malloryList.body());
        assertFalse(malloryList.body().contains(id) || malloryList.body().contains("\"fs\""), malloryList.body());
        HttpResponse<String> unscoped = send(ApprovalsBehindGateway.MALLORY, "POST", "/fs/" + id + "/approve", "");
        HttpResponse<String> unknown = send(ApprovalsBehindGateway.MALLORY, "POST", "/nosuch/" + id + "/approve",
                "");
        json(unscoped, 404);
        json(unknown, 404);
        assertEquals(unknown.body().replace("nosuch", "U"), unscoped.body().replace("upstream fs ", "upstream U ")
                .replace("the fs:approve", "the U:approve"), "an unscoped upstream looks exactly like an unknown one");
        assertEquals("pending", status(id), "nothing was decided by callers without the scope");
    }

    @Test
    void theApproversTokenNeverReachesTheUpstreamOnlyAnAssertionWithTheApproveScope() throws Exception {
        json(send(ApprovalsBehindGateway.BOB, "GET", "", null), 200);
        String sent = ApprovalsBehindGateway.proxy.sent();
        for (String token : List.of(ApprovalsBehindGateway.ALICE, ApprovalsBehindGateway.BOB,
                ApprovalsBehindGateway.CAROL, ApprovalsBehindGateway.MALLORY)) {
            assertFalse(sent.contains(token), "a caller's token reached the upstream");
        }
        Matcher request = Pattern.compile("GET (/admin/approvals\\S*) HTTP/1.1\\r\\n(?:[^\\r\\n]+\\r\\n)*?"
                + "(?i:authorization): Bearer ([A-Za-z0-9_.-]+)").matcher(sent);
        JsonObject assertion = null;
        while (request.find()) {
            String[] parts = request.group(2).split("\\.");
            assertEquals(3, parts.length);
            JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8));
            if ("bob".equals(claims.getString("sub"))) {
                assertion = claims;
            }
        }
        assertNotNull(assertion, "the admin request carried an assertion for bob");
        assertEquals("filesystem:approve", assertion.getString("scope"), "the approve scope, and nothing else");
        assertTrue(assertion.getLong("exp") - assertion.getLong("iat") <= 60, assertion.encode());
    }

    @Test
    void malformedRequestsGetAClearJsonErrorAndDecideNothing() throws Exception {
        String id = requestWrite(ApprovalsBehindGateway.root.resolve("malformed.txt"), "x");
        String bob = ApprovalsBehindGateway.BOB;
        json(send(bob, "GET", "/fs/not-an-id", null), 400);
        json(send(bob, "GET", "/FS/" + id, null), 400);
        json(send(bob, "GET", "/fs/apr_UPPER", null), 400);
        json(send(bob, "POST", "/fs/" + id + "/approve", "not json"), 400);
        json(send(bob, "POST", "/fs/" + id + "/approve", "[\"reason\"]"), 400);
        json(send(bob, "POST", "/fs/" + id + "/approve", "{\"reason\": 5}"), 400);
        json(send(bob, "POST", "/fs/" + id + "/approve", "{\"reason\": \"ok\", \"decided_by\": \"carol\"}"), 400);
        json(send(bob, "POST", "/fs/" + id + "/approve", "{\"reason\": \"" + "r".repeat(70 * 1024) + "\"}"), 413);
        json(send(bob, "POST", "/fs/" + id + "/maybe", ""), 404);
        json(send(bob, "POST", "/fs/" + id + "/approve/now", ""), 404);
        json(send(bob, "GET", "/fs/" + id + "/approve", null), 405);
        json(send(bob, "DELETE", "", null), 405);
        json(send(null, "GET", "", null), 401);
        assertEquals(401, send("not-a-known-token-0123456789", "GET", "/fs/" + id, null).statusCode());
        assertEquals("pending", status(id));
    }

    @Test
    void aSpawnedUpstreamsApprovalsAreDecidedAtTheConnectorNotAsTheGateway() throws Exception {
        JsonObject refused = json(send(ApprovalsBehindGateway.BOB, "POST", "/docs/apr_abcdefghijkmnpqrstuv/approve",
                ""), 409);
        assertTrue(refused.getString("error").contains("admin command"), refused.encode());
        JsonObject listed = json(send(ApprovalsBehindGateway.BOB, "GET", "", null), 200);
        JsonArray unavailable = listed.getJsonArray("unavailable");
        assertEquals("docs", unavailable.getJsonObject(0).getString("upstream"), listed.encode());
        assertEquals(1, unavailable.size(), listed.encode());
    }

    @Test
    void lookalikeScopesAndPathTricksDecideNothingAtAnotherUpstream() throws Exception {
        String id = requestWrite(ApprovalsBehindGateway.root.resolve("lookalike.txt"), "lookalike");

        // Scopes that contain, extend or differ in case from fs:approve are not fs:approve.
        String eve = ApprovalsBehindGateway.EVE;
        HttpResponse<String> eveList = send(eve, "GET", "", null);
        json(eveList, 403);
        assertFalse(eveList.body().contains("\"fs") || eveList.body().contains("docs"), eveList.body());
        json(send(eve, "GET", "/fs/" + id, null), 404);
        for (String path : List.of("/fs/" + id + "/approve", "/%66s/" + id + "/approve", "/fs2/../fs/" + id
                + "/approve", "/fs/" + id + "/deny")) {
            json(send(eve, "POST", path, ""), 404);
        }

        // Mallory approves at docs only: no path leads from docs into fs.
        String mallory = ApprovalsBehindGateway.MALLORY;
        json(send(mallory, "POST", "/docs/../fs/" + id + "/approve", ""), 404);
        json(send(mallory, "POST", "/docs/%2e%2e/fs/" + id + "/approve", ""), 404);
        json(send(mallory, "POST", "/docs%2F..%2Ffs/" + id + "/approve", ""), 400);
        json(send(mallory, "POST", "/docs/" + id + "%2F..%2F..%2Ffs%2F" + id + "/approve", ""), 400);
        json(send(mallory, "POST", "/fs/" + id + "/approve?upstream=docs", ""), 404);
        // The id of an fs approval at docs is not carried over to fs: docs decides nothing through the gateway.
        json(send(mallory, "POST", "/docs/" + id + "/approve", ""), 409);

        assertEquals("pending", status(id), "no lookalike scope or path decided fs's approval");
        assertTrue(decisions().stream().anyMatch(e -> id.equals(e.getString("approval_id"))
                && "eve".equals(e.getString("principal")) && "fs".equals(e.getString("upstream"))
                && "refused".equals(e.getString("outcome")) && e.getInteger("status") == 404));
        assertTrue(decisions().stream().anyMatch(e -> id.equals(e.getString("approval_id"))
                && "mallory".equals(e.getString("principal")) && "docs".equals(e.getString("upstream"))
                && "refused".equals(e.getString("outcome")) && e.getInteger("status") == 409));
    }

    @Test
    void anAssertionOpensAtTheUpstreamOnlyWhatItWasSignedFor() throws Exception {
        // Alice holds fs:approve at the gateway too; the assertion of her tool call carries no :approve.
        requestWrite(ApprovalsBehindGateway.root.resolve("purpose.txt"), "purpose");
        json(send(ApprovalsBehindGateway.BOB, "GET", "", null), 200);
        String call = lastAssertion("POST /mcp", "alice");
        String approval = lastAssertion("GET /admin/approvals", "bob");
        assertFalse(claims(call).getString("scope").contains("approve"), claims(call).encode());

        HttpResponse<String> callAtAdmin = direct("GET", "/admin/approvals", call, null);
        assertEquals(403, callAtAdmin.statusCode(), "a tool call's assertion does not open the admin endpoint: "
                + callAtAdmin.body());
        HttpResponse<String> approvalAtMcp = direct("POST", "/mcp", approval, "{\"jsonrpc\":\"2.0\",\"id\":1,"
                + "\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"replay\",\"version\":\"1\"}}}");
        assertEquals(403, approvalAtMcp.statusCode(), "an approver's assertion calls no tools: "
                + approvalAtMcp.body());
    }

    @Test
    void oddBodiesAndIdsGetAJsonClientErrorNeverAServerError() throws Exception {
        String id = requestWrite(ApprovalsBehindGateway.root.resolve("odd.txt"), "odd");
        String bob = ApprovalsBehindGateway.BOB;
        // A body without a length (chunked) is capped all the same.
        byte[] huge = ("{\"reason\": \"" + "r".repeat(200 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create(admin + "/fs/" + id + "/approve"))
                .header("Authorization", "Bearer " + bob).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build(),
                HttpResponse.BodyHandlers.ofString());
        json(chunked, 413);
        json(send(bob, "POST", "/fs/" + id + "/approve", "[".repeat(5000) + "]".repeat(5000)), 400);
        json(send(bob, "POST", "/fs/" + id + "/approve", "{\"reason\": {\"reason\": \"nested\"}}"), 400);
        HttpResponse<String> badUtf8 = http.send(HttpRequest.newBuilder(URI.create(admin + "/fs/" + id + "/approve"))
                .header("Authorization", "Bearer " + bob).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { '{', '"', 'r', (byte) 0xC3, '"', ':', '1',
                        '}' })).build(), HttpResponse.BodyHandlers.ofString());
        json(badUtf8, 400);
        for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "text/plain")) {
            HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(admin + "/fs/" + id
                    + "/approve")).header("Authorization", "Bearer " + bob).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("reason=because&decided_by=carol")).build(),
                    HttpResponse.BodyHandlers.ofString());
            json(form, 400);
        }
        json(send(bob, "GET", "/fs/apr_" + "a".repeat(65), null), 400);
        json(send(bob, "GET", "/fs/apr_%00", null), 400);
        json(send(bob, "GET", "/" + "f".repeat(1000) + "/" + id, null), 400);
        for (String path : List.of("/fs/apr_%zz", "/fs/apr_%", "/fs/" + id + "%2", "/fs%ZZ/" + id + "/approve")) {
            String answer = raw("POST " + admin.getPath() + path + " HTTP/1.1\r\nHost: " + admin.getHost() + ":"
                    + admin.getPort() + "\r\nAuthorization: Bearer " + bob + "\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 4"), answer);
            assertFalse(answer.contains("Exception") || answer.contains("\tat "), answer);
        }
        assertEquals("pending", status(id));
    }

    @Test
    void aPageOfAnotherOriginCannotDecide() throws Exception {
        String id = requestWrite(ApprovalsBehindGateway.root.resolve("csrf.txt"), "csrf");
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(admin + "/fs/" + id
                + "/approve")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
                preflight.headers().toString());
        // What a form on that page can send: no Authorization header, a form body.
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(admin + "/fs/" + id + "/approve"))
                .header("Origin", "https://evil.example").header("Cookie", "session=whatever")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("reason=csrf")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(form.statusCode() == 401 || form.statusCode() == 403, form.statusCode() + " " + form.body());
        assertEquals("pending", status(id));
    }

    // --- helpers

    /** The last assertion the gateway sent its upstream on requests starting so, for the principal. */
    private static String lastAssertion(String request, String principal) {
        Matcher sent = Pattern.compile(Pattern.quote(request) + "\\S* HTTP/1.1\\r\\n(?:[^\\r\\n]+\\r\\n)*?"
                + "(?i:authorization): Bearer ([A-Za-z0-9_.-]+)").matcher(ApprovalsBehindGateway.proxy.sent());
        String last = null;
        while (sent.find()) {
            if (principal.equals(claims(sent.group(1)).getString("sub"))) {
                last = sent.group(1);
            }
        }
        assertNotNull(last, "no " + request + " for " + principal + " reached the upstream");
        return last;
    }

    /** A request written as bytes (for what an HTTP client refuses to send), and the whole answer. */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket(admin.getHost(), admin.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static JsonObject claims(String jwt) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    /** A request straight to the upstream (through the relay), with the given bearer token. */
    private HttpResponse<String> direct(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + ApprovalsBehindGateway.proxy.port() + path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, text/event-stream")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private McpStreamableTestClient as(String token) {
        McpStreamableTestClient client = McpCalls.connect(token);
        clients.add(client);
        return client;
    }

    /** Alice asks for a write through the gateway; it does not run and names its approval. */
    private String requestWrite(Path file, String content) {
        ToolResponse response = call(as(ApprovalsBehindGateway.ALICE), "fs.write_file", Map.of("path",
                file.toString(), "content", content));
        assertFalse(response.isError(), text(response));
        assertTrue(text(response).startsWith("NOT RUN YET"), text(response));
        assertFalse(Files.exists(file));
        JsonObject approval = ((JsonObject) response.structuredContent()).getJsonObject("approval");
        assertEquals("pending", approval.getString("status"));
        return approval.getString("id");
    }

    private String status(String id) throws Exception {
        return json(send(ApprovalsBehindGateway.BOB, "GET", "/fs/" + id, null), 200).getString("status");
    }

    private HttpResponse<String> send(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(admin + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The answer's JSON, after checking its status, that it is JSON, and that it holds no stack trace. */
    private static JsonObject json(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().toString());
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), response.body());
        JsonObject body = new JsonObject(response.body());
        if (status >= 400) {
            assertFalse(body.getString("error", "").isBlank(), response.body());
        }
        return body;
    }

    private static List<JsonObject> decisions() throws Exception {
        return Files.readAllLines(ApprovalsBehindGateway.gatewayAudit).stream().filter(l -> l.startsWith("{"))
                .map(JsonObject::new).filter(e -> "upstream_approval_decision".equals(e.getString("type"))).toList();
    }

    private static String text(ToolResponse response) {
        return response.content().isEmpty() ? "" : ((TextContent) response.content().get(0)).text();
    }
}
