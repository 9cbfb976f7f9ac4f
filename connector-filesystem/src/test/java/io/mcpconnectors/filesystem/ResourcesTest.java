package io.mcpconnectors.filesystem;

import static io.mcpconnectors.common.test.McpResources.complete;
import static io.mcpconnectors.common.test.McpResources.errorCode;
import static io.mcpconnectors.common.test.McpResources.listAll;
import static io.mcpconnectors.common.test.McpResources.listPage;
import static io.mcpconnectors.common.test.McpResources.request;
import static io.mcpconnectors.common.test.McpResources.updates;
import static io.mcpconnectors.common.test.McpResources.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpResources;
import io.mcpconnectors.common.test.McpResources.Listing;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * The files under the root as MCP resources: listed in pages with a signed nextCursor (no sensitive names, nothing
 * outside the root, no symbolic links), paths completed within the root, and subscriptions that notify when a file
 * is written and stop with unsubscribe.
 */
@QuarkusTest
@TestProfile(ResourcesTest.SmallPages.class)
@WithTestResource(value = FilesystemFixture.class, initArgs = @ResourceArg(name = "name", value = "resources"))
class ResourcesTest {

    public static class SmallPages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.limits.list-page-size", "3", "connector.limits.subscription-poll-interval",
                    "100ms", "connector.limits.max-subscriptions", "2");
        }
    }

    private static Path root() throws Exception {
        return FilesystemFixture.root("resources").toRealPath();
    }

    @Test
    void listsTheFilesUnderTheRootInPagesWithoutSensitiveNamesOrLinks() throws Exception {
        McpStreamableTestClient client = McpCalls.connect();
        Listing listing = listAll(client);
        assertTrue(listing.pageSizes().size() > 2, "several pages: " + listing.pageSizes());
        assertTrue(listing.pageSizes().stream().allMatch(n -> n <= 3), listing.pageSizes().toString());
        Path root = root();
        List<String> uris = listing.uris();
        assertTrue(uris.contains(root.resolve("hello.txt").toUri().toString()), uris.toString());
        assertTrue(uris.contains(root.resolve("notes/deep/c.md").toUri().toString()), uris.toString());
        assertEquals(uris.size(), uris.stream().distinct().count(), "no file twice across pages: " + uris);
        for (String hidden : List.of(".env", "id_rsa", ".git", "link-out", "abs-link-out", "link-in", "secret",
                "data-evil")) {
            assertTrue(uris.stream().noneMatch(u -> u.contains(hidden)), hidden + " listed: " + uris);
        }
        JsonObject hello = listing.resources().stream()
                .filter(r -> r.getString("uri").endsWith("/hello.txt")).findFirst().orElseThrow();
        assertEquals(12, hello.getLong("size"));
        JsonObject pixel = listing.resources().stream()
                .filter(r -> r.getString("uri").endsWith("/pixel.png")).findFirst().orElseThrow();
        assertEquals("image/png", pixel.getString("mimeType"));
        // A listed resource reads.
        JsonObject read = request(client, "resources/read", new JsonObject().put("uri", hello.getString("uri")));
        assertEquals("hello world\n", read.getJsonObject("result").getJsonArray("contents").getJsonObject(0)
                .getString("text"), read.encode());
        client.disconnect();
    }

    @Test
    void refusesATamperedCursorWithInvalidParams() {
        McpStreamableTestClient client = McpCalls.connect();
        String cursor = listPage(client, null).getJsonObject("result").getString("nextCursor");
        assertNotNull(cursor);
        String tampered = (cursor.charAt(0) == 'A' ? 'B' : 'A') + cursor.substring(1);
        JsonObject refused = listPage(client, tampered);
        assertEquals(-32602, errorCode(refused), refused.encode());
        assertTrue(refused.getJsonObject("error").getString("message").contains("does not belong to this listing"),
                refused.encode());
        assertEquals(-32602, errorCode(listPage(client, "not-a-cursor")));
        client.disconnect();
    }

    @Test
    void completesPathsWithinTheRootOnly() throws Exception {
        McpStreamableTestClient client = McpCalls.connect();
        String root = root().toString().substring(1);
        List<String> top = values(complete(client, "file:///{path}", "path", "", Map.of()));
        assertEquals(List.of(root + "/"), top);
        List<String> inRoot = values(complete(client, "file:///{path}", "path", root + "/", Map.of()));
        assertTrue(inRoot.contains(root + "/notes/") && inRoot.contains(root + "/hello.txt"), inRoot.toString());
        assertTrue(inRoot.stream().noneMatch(v -> v.endsWith(".env") || v.endsWith("id_rsa")), inRoot.toString());
        assertEquals(List.of(root + "/notes/a.md", root + "/notes/b.md"),
                values(complete(client, "file:///{path}", "path", root + "/notes/", Map.of())).stream()
                        .filter(v -> v.endsWith(".md")).toList());
        // Outside the root: only the root itself is offered.
        String outside = FilesystemFixture.base("resources").resolve("outside").toRealPath().toString().substring(1);
        List<String> out = values(complete(client, "file:///{path}", "path", outside + "/", Map.of()));
        assertTrue(out.stream().noneMatch(v -> v.contains("secret")), out.toString());
        JsonObject unknown = complete(client, "file:///{nothing}", "nothing", "", Map.of());
        assertEquals(-32602, errorCode(unknown), unknown.encode());
        client.disconnect();
    }

    @Test
    void notifiesASubscriberWhenTheFileIsWrittenAndNotAfterUnsubscribe() throws Exception {
        Path watched = Files.writeString(root().resolve("watched.txt"), "first\n");
        Path other = Files.writeString(root().resolve("other.txt"), "first\n");
        String uri = watched.toUri().toString();
        McpStreamableTestClient client = McpResources.connectForNotifications(null);
        assertEquals(0, errorCode(request(client, "resources/subscribe", new JsonObject().put("uri", uri))));

        Files.writeString(watched, "second, longer\n");
        await(() -> updates(client).contains(uri));
        assertEquals(1, updates(client).stream().filter(uri::equals).count());

        assertEquals(0, errorCode(request(client, "resources/unsubscribe", new JsonObject().put("uri", uri))));
        Files.writeString(watched, "third, longer still\n");
        Files.setLastModifiedTime(watched, FileTime.from(Instant.now().plusSeconds(5)));
        // A change to another subscribed file is noticed by a later round of checks than the write above.
        String otherUri = other.toUri().toString();
        assertEquals(0, errorCode(request(client, "resources/subscribe", new JsonObject().put("uri", otherUri))));
        Files.writeString(other, "second, longer\n");
        await(() -> updates(client).contains(otherUri));
        assertEquals(1, updates(client).stream().filter(uri::equals).count(), "no update after unsubscribe: "
                + updates(client));
        client.disconnect();
    }

    @Test
    void refusesSubscriptionsOutsideTheRootAndBeyondTheCap() throws Exception {
        McpStreamableTestClient client = McpCalls.connect();
        Path secret = FilesystemFixture.base("resources").resolve("outside/secret.txt");
        JsonObject outside = request(client, "resources/subscribe", new JsonObject().put("uri",
                secret.toUri().toString()));
        assertEquals(-32002, errorCode(outside), outside.encode());
        assertTrue(outside.getJsonObject("error").getString("message").startsWith("Access denied:"),
                outside.encode());
        assertTrue(outside.getJsonObject("error").getString("message").contains("outside"), outside.encode());
        JsonObject denied = request(client, "resources/subscribe", new JsonObject().put("uri",
                root().resolve(".env").toUri().toString()));
        assertEquals(-32002, errorCode(denied), denied.encode());
        for (String name : List.of("hello.txt", "lines.txt")) {
            assertEquals(0, errorCode(request(client, "resources/subscribe", new JsonObject().put("uri",
                    root().resolve(name).toUri().toString()))));
        }
        JsonObject third = request(client, "resources/subscribe", new JsonObject().put("uri",
                root().resolve("latin1.txt").toUri().toString()));
        assertEquals(-32602, errorCode(third), third.encode());
        assertTrue(third.getJsonObject("error").getString("message").contains("connector.limits.max-subscriptions"));
        JsonObject notSubscribed = request(client, "resources/unsubscribe", new JsonObject().put("uri",
                root().resolve("latin1.txt").toUri().toString()));
        assertEquals(-32002, errorCode(notSubscribed), notSubscribed.encode());
        client.disconnect();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, "not reached in time");
            Thread.sleep(50);
        }
    }
}
