package io.mcpconnectors.gateway;

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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpCalls;
import io.mcpconnectors.common.test.McpResources;
import io.mcpconnectors.common.test.McpResources.Listing;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * Resources through the gateway in front of the filesystem connector (spawned over stdio): a caller's
 * {@code resources/list} holds the files the connector lists (its sensitive names left out by the connector), named
 * under the upstream and paged with a cursor that only that caller can continue; completions of the upstream's
 * template are forwarded and keep the connector's deny list; a subscription notifies the subscribing session when
 * the file changes, and no other session.
 */
@QuarkusTest
@TestProfile(ResourcesThroughGatewayTest.Profile.class)
class ResourcesThroughGatewayTest {

    static final String NAME = "resources-through";
    static final String READER = "reader-token-0123456789";
    static final String OTHER = "other-reader-token-0123";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(FilesystemBehindGateway.settings(NAME,
                    Map.of("CONNECTOR_LIMITS_LIST_PAGE_SIZE", "2",
                            "CONNECTOR_LIMITS_SUBSCRIPTION_POLL_INTERVAL", "100ms")));
            try {
                Path root = FilesystemBehindGateway.root(NAME);
                for (String name : List.of("a.txt", "b.txt", "c.txt", "d.txt", ".env", "id_rsa")) {
                    Files.writeString(root.resolve(name), name + "\n");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            config.put("connector.limits.list-page-size", "2");
            config.put("connector.limits.subscription-poll-interval", "200ms");
            config.put("connector.auth.mode", "static");
            McpCalls.staticToken(config, "reader", READER, "fs:read");
            McpCalls.staticToken(config, "other", OTHER, "fs:read");
            return config;
        }
    }

    @Inject
    Gateway gateway;

    private final List<McpStreamableTestClient> clients = new ArrayList<>();

    @BeforeEach
    void upstreamServing() throws Exception {
        assertTrue(gateway.supervisor("fs").awaitFirstAttempt(Duration.ofSeconds(60)));
        assertTrue(gateway.supervisor("fs").status().serving(), gateway.supervisor("fs").status().describe());
    }

    @AfterEach
    void disconnect() {
        clients.forEach(McpStreamableTestClient::disconnect);
        clients.clear();
    }

    private McpStreamableTestClient as(String token) {
        McpStreamableTestClient client = McpResources.connectForNotifications(token);
        clients.add(client);
        return client;
    }

    private static Path root() throws IOException {
        return FilesystemBehindGateway.root(NAME).toRealPath();
    }

    @Test
    void listsTheUpstreamsFilesForTheCallerInPagesUnderTheUpstreamsName() throws Exception {
        McpStreamableTestClient reader = as(READER);
        Listing listing = listAll(reader);
        assertTrue(listing.pageSizes().size() > 2, "several pages: " + listing.pageSizes());
        List<String> uris = listing.uris();
        for (String name : List.of("hello.txt", "a.txt", "d.txt")) {
            assertTrue(uris.contains(root().resolve(name).toUri().toString()), name + " not listed: " + uris);
        }
        assertEquals(uris.size(), uris.stream().distinct().count(), "no file twice across pages: " + uris);
        assertTrue(uris.stream().noneMatch(u -> u.endsWith("/.env") || u.endsWith("/id_rsa")), uris.toString());
        assertTrue(listing.names().stream().allMatch(n -> n.startsWith("fs.")), listing.names().toString());
        JsonObject hello = listing.resources().stream().filter(r -> r.getString("uri").endsWith("/hello.txt"))
                .findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, hello.getJsonObject("_meta").getValue("io.mcpconnectors/listed-data"));
        // A listed resource reads through the gateway, from its upstream.
        JsonObject read = request(reader, "resources/read", new JsonObject().put("uri", hello.getString("uri")));
        assertEquals("hello through the gateway\n", read.getJsonObject("result").getJsonArray("contents")
                .getJsonObject(0).getString("text"), read.encode());
    }

    @Test
    void aCursorContinuesOnlyTheListingOfTheCallerItWasGivenTo() {
        McpStreamableTestClient reader = as(READER);
        String cursor = listPage(reader, null).getJsonObject("result").getString("nextCursor");
        assertNotNull(cursor);
        assertEquals(0, errorCode(listPage(reader, cursor)), "the reader continues its own listing");

        JsonObject stolen = listPage(as(OTHER), cursor);
        assertEquals(-32602, errorCode(stolen), stolen.encode());
        assertTrue(stolen.getJsonObject("error").getString("message").contains("does not belong to this listing"),
                stolen.encode());
        String tampered = (cursor.charAt(0) == 'e' ? 'f' : 'e') + cursor.substring(1);
        assertEquals(-32602, errorCode(listPage(reader, tampered)));
        assertEquals(-32602, errorCode(listPage(reader, "not-a-cursor")));
    }

    @Test
    void completionsAreForwardedAndKeepTheUpstreamsDenyList() throws Exception {
        McpStreamableTestClient reader = as(READER);
        String root = root().toString().substring(1);
        List<String> inRoot = values(complete(reader, "file:///{path}", "path", root + "/", Map.of()));
        assertTrue(inRoot.contains(root + "/hello.txt") && inRoot.contains(root + "/a.txt"), inRoot.toString());
        assertTrue(inRoot.stream().noneMatch(v -> v.endsWith(".env") || v.endsWith("id_rsa")), inRoot.toString());

        JsonObject unknownTemplate = complete(reader, "file:///{nothing}/x", "nothing", "", Map.of());
        assertEquals(-32602, errorCode(unknownTemplate), unknownTemplate.encode());
        JsonObject unknownPrompt = request(reader, "completion/complete", new JsonObject()
                .put("ref", new JsonObject().put("type", "ref/prompt").put("name", "other.prompt"))
                .put("argument", new JsonObject().put("name", "x").put("value", "")));
        assertEquals(-32602, errorCode(unknownPrompt), unknownPrompt.encode());
    }

    @Test
    void aSubscriptionNotifiesTheSubscribingSessionOnly() throws Exception {
        Path watched = Files.writeString(root().resolve("watched.txt"), "first\n");
        String uri = watched.toUri().toString();
        McpStreamableTestClient subscriber = as(READER);
        McpStreamableTestClient bystander = as(OTHER);
        McpStreamableTestClient sameCaller = as(READER);
        assertEquals(0, errorCode(request(subscriber, "resources/subscribe", new JsonObject().put("uri", uri))));

        Files.writeString(watched, "second, longer\n");
        await(() -> updates(subscriber).contains(uri));
        assertEquals(List.of(), updates(bystander), "another caller's session heard nothing");
        assertEquals(List.of(), updates(sameCaller), "another session of the same caller heard nothing");

        assertEquals(0, errorCode(request(subscriber, "resources/unsubscribe", new JsonObject().put("uri", uri))));
        int heard = updates(subscriber).size();
        // The bystander now subscribes to the same file: the next change reaches it, and not the one that left.
        assertEquals(0, errorCode(request(bystander, "resources/subscribe", new JsonObject().put("uri", uri))));
        Files.writeString(watched, "third, longer still\n");
        Files.setLastModifiedTime(watched, FileTime.from(Instant.now().plusSeconds(5)));
        await(() -> updates(bystander).contains(uri));
        assertEquals(heard, updates(subscriber).size(), "no update after unsubscribe: " + updates(subscriber));

        JsonObject notSubscribed = request(subscriber, "resources/unsubscribe", new JsonObject().put("uri", uri));
        assertEquals(-32002, errorCode(notSubscribed), notSubscribed.encode());
        JsonObject outside = request(subscriber, "resources/subscribe", new JsonObject().put("uri",
                "postgres://crm/accounts"));
        assertEquals(-32002, errorCode(outside), outside.encode());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, "not reached in time");
            Thread.sleep(50);
        }
    }
}
