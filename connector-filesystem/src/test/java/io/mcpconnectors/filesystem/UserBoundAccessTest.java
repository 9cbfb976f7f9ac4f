package io.mcpconnectors.filesystem;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.error;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.approval.ApprovalService;
import io.mcpconnectors.common.mcp.ApprovalGate;
import io.mcpconnectors.common.test.MappedCallers;
import io.quarkiverse.mcp.server.ClientCapability;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.McpError;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * User-bound access on the filesystem: the connector's root is {@code shared}, and each caller reaches only the
 * directories mapped for it, alice {@code shared/sales} and bob {@code shared/sales-emea}, through every tool, the
 * file resource and list_roots. Paths aimed at the other's directory (climbing out, absolute, by a name that starts
 * like one's own, through symbolic links) are refused; a caller without a mapping is refused; writes, approved by an
 * admin, land only in the requester's directories; roots the client offers only narrow a caller's own.
 */
@QuarkusTest
@TestProfile(UserBoundAccessTest.Mapped.class)
@WithTestResource(TeamDirectories.class)
class UserBoundAccessTest extends MappedCallers {

    static final Path AUDIT = Path.of("target/audit/filesystem-user-bound-audit.jsonl");
    static final List<String> READ_TOOLS = List.of("read_text_file", "get_file_info", "read_media_file");
    static final List<String> DIRECTORY_TOOLS = List.of("list_directory", "directory_tree", "search_files");

    public static class Mapped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return mappedSettings("filesystem", Map.of(), AUDIT);
        }
    }

    @Inject
    ApprovalService approvals;

    @Test
    void eachCallerSeesOnlyItsOwnRoots() throws Exception {
        McpStreamableTestClient alice = as(ALICE);
        McpStreamableTestClient bob = as(BOB);
        JsonArray aliceRoots = ok(call(alice, "list_roots", Map.of())).getJsonArray("roots");
        assertEquals(1, aliceRoots.size(), aliceRoots.encode());
        assertEquals(TeamDirectories.sales().toRealPath().toString(), aliceRoots.getJsonObject(0).getString("path"));
        assertEquals("mapped", aliceRoots.getJsonObject(0).getString("source"));
        JsonArray bobRoots = ok(call(bob, "list_roots", Map.of())).getJsonArray("roots");
        assertEquals(List.of(TeamDirectories.salesEmea().toRealPath().toString()),
                bobRoots.stream().map(r -> ((JsonObject) r).getString("path")).toList());

        // Relative paths resolve against the caller's own root.
        assertEquals(TeamDirectories.FORECAST, ok(call(alice, "read_text_file", Map.of("path", "forecast.txt")))
                .getString("content"));
        assertEquals(TeamDirectories.PIPELINE, ok(call(bob, "read_text_file", Map.of("path", "pipeline.txt")))
                .getString("content"));
        assertTrue(error(call(bob, "read_text_file", Map.of("path", "forecast.txt"))).contains("does not exist"));

        String aliceListing = ok(call(alice, "list_directory", Map.of("path", "."))).encode();
        assertTrue(aliceListing.contains("forecast.txt") && !aliceListing.contains("pipeline.txt"), aliceListing);
        // Searches and trees do not follow the links into bob's directory.
        Map<String, Object> search = Map.of("path", ".", "pattern", "*", "content", "EMEA pipeline");
        assertEquals(0, ok(call(alice, "search_files", search)).getJsonArray("matches").size());
        assertEquals(1, ok(call(bob, "search_files", search)).getJsonArray("matches").size());
        String tree = ok(call(alice, "directory_tree", Map.of("path", ".", "depth", 3))).encode();
        assertFalse(tree.contains("pipeline.txt"), tree);
    }

    @Test
    void pathsTowardTheOtherCallersRootAreRefused() {
        Path sales = TeamDirectories.sales();
        Path emea = TeamDirectories.salesEmea();
        Map<String, String> towardBob = new HashMap<>();
        towardBob.put("../sales-emea/pipeline.txt", "outside the allowed roots");
        towardBob.put("notes/../../sales-emea/pipeline.txt", "outside the allowed roots");
        towardBob.put(sales + "/../sales-emea/pipeline.txt", "outside the allowed roots");
        // ".../shared/sales" is a string prefix of ".../shared/sales-emea": compared by segments, it is not inside.
        towardBob.put(emea.resolve("pipeline.txt").toString(), "outside the allowed roots");
        towardBob.put(emea.resolve("pipeline.txt").toUri().toString(), "outside the allowed roots");
        towardBob.put("emea-file", "symbolic link");
        towardBob.put("emea-abs", "symbolic link");
        towardBob.put("emea-dir/pipeline.txt", "symbolic link");
        // Inside the connector's root, but mapped to no one.
        towardBob.put("../common.txt", "outside the allowed roots");
        towardBob.put(TeamDirectories.shared().resolve("common.txt").toString(), "outside the allowed roots");
        assertRefused(as(ALICE), towardBob);
        assertRefused(as(BOB), Map.of("../sales/forecast.txt", "outside the allowed roots",
                sales.resolve("forecast.txt").toString(), "outside the allowed roots"));

        McpStreamableTestClient alice = as(ALICE);
        for (String directory : List.of("../sales-emea", emea.toString(), "emea-dir", "..")) {
            for (String tool : DIRECTORY_TOOLS) {
                Map<String, Object> args = tool.equals("search_files") ? Map.of("path", directory, "pattern", "*")
                        : Map.of("path", directory);
                String refused = error(call(alice, tool, args));
                assertTrue(refused.contains("outside the allowed roots"), tool + " " + directory + ": " + refused);
                assertFalse(refused.contains("pipeline.txt"), refused);
            }
        }
    }

    private static void assertRefused(McpStreamableTestClient client, Map<String, String> attacks) {
        attacks.forEach((path, expected) -> {
            for (String tool : READ_TOOLS) {
                String refused = error(call(client, tool, Map.of("path", path)));
                assertTrue(refused.contains(expected), tool + " " + path + ": " + refused);
                assertFalse(refused.contains(TeamDirectories.PIPELINE) || refused.contains(TeamDirectories.FORECAST)
                        || refused.contains(TeamDirectories.COMMON), tool + " leaked: " + refused);
            }
        });
    }

    @Test
    void theFileResourceServesOnlyTheCallersRoots() {
        String forecast = "file://" + TeamDirectories.sales().resolve("forecast.txt");
        String pipeline = "file://" + TeamDirectories.salesEmea().resolve("pipeline.txt");
        AtomicReference<String> text = new AtomicReference<>();
        as(ALICE).when().resourcesRead(forecast, r -> text.set(r.contents().get(0).asText().text())).thenAssertResults();
        assertEquals(TeamDirectories.FORECAST, text.get());
        for (String uri : List.of(pipeline, "file://" + TeamDirectories.sales() + "/emea-file")) {
            AtomicReference<McpError> refused = new AtomicReference<>();
            as(ALICE).when().resourcesRead(uri).withErrorAssert(refused::set).send().thenAssertResults();
            assertTrue(refused.get().message().contains("outside the allowed roots"), refused.get().message());
        }
        AtomicReference<McpError> bobRefused = new AtomicReference<>();
        as(BOB).when().resourcesRead(forecast).withErrorAssert(bobRefused::set).send().thenAssertResults();
        assertTrue(bobRefused.get().message().contains("outside the allowed roots"), bobRefused.get().message());
    }

    @Test
    void aCallerWithoutAMappingIsRefused() {
        McpStreamableTestClient mallory = as(MALLORY);
        for (String tool : List.of("list_roots", "read_text_file")) {
            String refused = error(call(mallory, tool, tool.equals("list_roots") ? Map.of()
                    : Map.of("path", TeamDirectories.shared().resolve("common.txt").toString())));
            assertTrue(refused.contains("principal mallory has no data-source identity in connector.identity.map"),
                    refused);
        }
        AtomicReference<McpError> refused = new AtomicReference<>();
        mallory.when().resourcesRead("file://" + TeamDirectories.shared().resolve("common.txt"))
                .withErrorAssert(refused::set).send().thenAssertResults();
        assertTrue(refused.get().message().contains("principal mallory"), refused.get().message());
    }

    @Test
    void writesLandOnlyInTheRequestersRootsAndAreRefusedBeforeApprovalOtherwise() throws Exception {
        McpStreamableTestClient alice = as(ALICE);
        Path emea = TeamDirectories.salesEmea();
        List<Map.Entry<String, Map<String, Object>>> outOfReach = List.of(
                Map.entry("write_file", Map.of("path", "../sales-emea/pipeline.txt", "content", "overwritten")),
                Map.entry("write_file", Map.of("path", "emea-dir/planted.txt", "content", "planted")),
                Map.entry("write_file", Map.of("path", emea.resolve("planted.txt").toString(), "content", "x")),
                Map.entry("create_directory", Map.of("path", emea.resolve("planted").toString())),
                Map.entry("move_file", Map.of("source", "forecast.txt", "destination",
                        emea.resolve("forecast.txt").toString())),
                Map.entry("move_file", Map.of("source", emea.resolve("pipeline.txt").toString(), "destination",
                        "stolen.txt")),
                Map.entry("edit_file", Map.of("path", "emea-file", "edits", List.of(Map.of("old_text", "EMEA",
                        "new_text", "APAC")))));
        for (Map.Entry<String, Map<String, Object>> write : outOfReach) {
            String refused = error(call(alice, write.getKey(), write.getValue()));
            assertTrue(refused.startsWith("Not run: ") && refused.contains("outside the allowed roots"),
                    write + ": " + refused);
        }
        try (Stream<Path> left = Files.list(emea)) {
            assertEquals(List.of("pipeline.txt"), left.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(TeamDirectories.PIPELINE, Files.readString(emea.resolve("pipeline.txt")));
        assertTrue(Files.exists(TeamDirectories.sales().resolve("forecast.txt")));

        Map<String, Object> draft = Map.of("path", "draft.txt", "content", "alice's draft");
        String id = ok(call(alice, "write_file", draft)).getJsonObject("approval").getString("id");
        approvals.decide(id, true, "admin", null);
        Map<String, Object> resubmitted = new HashMap<>(draft);
        resubmitted.put(ApprovalGate.APPROVAL_ID, id);
        assertTrue(ok(call(alice, "write_file", resubmitted)).getBoolean("created"));
        assertEquals("alice's draft", Files.readString(TeamDirectories.sales().resolve("draft.txt")));
        assertTrue(error(call(as(BOB), "read_text_file", Map.of("path", TeamDirectories.sales().resolve("draft.txt")
                .toString()))).contains("outside the allowed roots"));
    }

    @Test
    void clientRootsOnlyNarrowTheCallersOwn() throws Exception {
        JsonArray offered = new JsonArray()
                .add(root(TeamDirectories.sales().resolve("notes")))
                .add(root(TeamDirectories.salesEmea()))
                .add(root(TeamDirectories.shared()))
                .add(root(Path.of("/etc")));
        JsonArray roots = listRootsOffering(ALICE, offered);
        assertEquals(1, roots.size(), roots.encode());
        assertEquals(TeamDirectories.sales().resolve("notes").toRealPath().toString(),
                roots.getJsonObject(0).getString("path"));
        assertEquals("client", roots.getJsonObject(0).getString("source"));

        // Offering only someone else's directory, or a wider one, gives the caller its own roots, nothing more.
        JsonArray others = listRootsOffering(ALICE, new JsonArray().add(root(TeamDirectories.salesEmea()))
                .add(root(TeamDirectories.shared())));
        assertEquals(List.of(TeamDirectories.sales().toRealPath().toString()),
                others.stream().map(r -> ((JsonObject) r).getString("path")).toList());
    }

    private static JsonObject root(Path path) {
        return new JsonObject().put("uri", path.toUri().toString()).put("name", path.getFileName().toString());
    }

    /** list_roots on a session whose client offers these MCP roots when the connector asks. */
    private JsonArray listRootsOffering(String token, JsonArray offered) {
        McpStreamableTestClient client = McpAssured.newStreamableClient()
                .setAdditionalHeaders(message -> MultiMap.caseInsensitiveMultiMap().add("Authorization",
                        "Bearer " + token))
                .setClientCapabilities(new ClientCapability(ClientCapability.ROOTS, Map.of()))
                .build();
        client.connect();
        closedAfterTest(client);
        JsonObject call = client.newRequest("tools/call").put("params", new JsonObject().put("name", "list_roots")
                .put("arguments", new JsonObject()));
        client.sendAndForget(call);
        JsonObject asked = client.waitForRequests(1).requests().get(0);
        assertEquals("roots/list", asked.getString("method"));
        client.sendAndForget(new JsonObject().put("jsonrpc", "2.0").put("id", asked.getValue("id"))
                .put("result", new JsonObject().put("roots", offered)));
        JsonObject response = client.waitForResponse(call);
        return response.getJsonObject("result").getJsonObject("structuredContent").getJsonArray("roots");
    }

    @Test
    void theAuditNamesThePrincipalAndItsRoots() throws Exception {
        call(as(BOB), "get_file_info", Map.of("path", "audited-as-bob.txt"));
        JsonObject record = Files.readAllLines(AUDIT).stream().filter(l -> l.contains("audited-as-bob"))
                .map(JsonObject::new).reduce((a, b) -> b).orElseThrow();
        assertEquals("bob", record.getString("principal"));
        assertEquals(TeamDirectories.salesEmea() + "/", record.getString("identity"));
    }
}
