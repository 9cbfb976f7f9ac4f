package io.mcpconnectors.gateway;

import static io.mcpconnectors.common.test.McpResources.errorCode;
import static io.mcpconnectors.common.test.McpResources.request;
import static io.mcpconnectors.common.test.McpResources.updates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpResources;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * A subscription through the gateway to an HTTP connector (each caller on its own session there, with the gateway's
 * assertion): the connector's update reaches the subscribing gateway session over the session's notification
 * stream, and when that gateway session ends, the gateway ends the subscription at the connector.
 */
@QuarkusTest
@WithTestResource(FilesystemOverHttp.class)
@TestProfile(HttpUpstreamSubscriptionTest.OwnConnector.class)
class HttpUpstreamSubscriptionTest {

    /** A gateway and connector of this test's own: other tests with the same connector restart it with other settings. */
    public static class OwnConnector implements QuarkusTestProfile {
    }

    @Inject
    Gateway gateway;

    @BeforeEach
    void upstreamServing() throws Exception {
        UpstreamSupervisor fs = gateway.supervisor("fs");
        await(() -> fs.status().serving(), Duration.ofSeconds(90));
    }

    @Test
    void anUpdateReachesTheSubscriberAndTheSubscriptionEndsWithItsSession() throws Exception {
        Path watched = Files.writeString(FilesystemOverHttp.dir.resolve("root").toRealPath().resolve("watched.txt"),
                "first\n");
        String uri = watched.toUri().toString();
        McpStreamableTestClient subscriber = McpResources.connectForNotifications(null);
        McpStreamableTestClient bystander = McpResources.connectForNotifications(null);
        try {
            JsonObject subscribed = request(subscriber, "resources/subscribe", new JsonObject().put("uri", uri));
            assertEquals(0, errorCode(subscribed), subscribed.encode());
            Files.writeString(watched, "second, longer\n");
            await(() -> updates(subscriber).contains(uri), Duration.ofSeconds(20));
            assertEquals(List.of(), updates(bystander), "a session that did not subscribe heard nothing");
        } finally {
            subscriber.terminateSession();
            subscriber.disconnect();
            bystander.disconnect();
        }
        // The subscriber's session ended (DELETE): the gateway ends its subscription at the connector.
        await(() -> audited("resources/unsubscribe"), Duration.ofSeconds(20));
    }

    /** Whether the connector's audit trail has a successful request of this method. */
    private static boolean audited(String method) {
        try {
            Path audit = FilesystemOverHttp.audit(1);
            return Files.exists(audit) && Files.readAllLines(audit).stream().filter(l -> !l.isBlank())
                    .map(JsonObject::new).anyMatch(r -> method.equals(r.getString("tool"))
                            && "ok".equals(r.getString("outcome")));
        } catch (Exception e) {
            return false;
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, "not reached in time");
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean());
    }
}
