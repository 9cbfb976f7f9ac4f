package io.mcpconnectors.common.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Resource requests over real MCP (resources/list with its cursor, completions, subscriptions), for every connector. */
public final class McpResources {

    private McpResources() {
    }

    /** A session that also opens the stream the server's notifications arrive on. */
    public static McpStreamableTestClient connectForNotifications(String bearerToken) {
        McpAssured.McpStreamableTestClient.Builder builder = McpAssured.newStreamableClient().setOpenSubsidiarySse(true);
        if (bearerToken != null) {
            builder.setAdditionalHeaders(message -> MultiMap.caseInsensitiveMultiMap().add("Authorization",
                    "Bearer " + bearerToken));
        }
        McpStreamableTestClient client = builder.build();
        client.connect();
        return client;
    }

    /** Sends one request and returns the whole JSON-RPC response (result or error). */
    public static JsonObject request(McpStreamableTestClient client, String method, JsonObject params) {
        JsonObject message = client.newRequest(method);
        if (params != null) {
            message.put("params", params);
        }
        client.sendAndForget(message);
        return client.waitForResponse(message);
    }

    /** One page of resources/list; the cursor may be null. */
    public static JsonObject listPage(McpStreamableTestClient client, String cursor) {
        return request(client, "resources/list", cursor == null ? new JsonObject() : new JsonObject().put("cursor",
                cursor));
    }

    /** Every listed resource, following nextCursor, with the size of each page. */
    public record Listing(List<JsonObject> resources, List<Integer> pageSizes) {
        public List<String> uris() {
            return resources.stream().map(r -> r.getString("uri")).toList();
        }

        public List<String> names() {
            return resources.stream().map(r -> r.getString("name")).toList();
        }
    }

    public static Listing listAll(McpStreamableTestClient client) {
        List<JsonObject> all = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject response = listPage(client, cursor);
            if (response.containsKey("error")) {
                throw new AssertionError("resources/list failed: " + response.encode());
            }
            JsonObject result = response.getJsonObject("result");
            JsonArray page = result.getJsonArray("resources");
            page.forEach(r -> all.add((JsonObject) r));
            sizes.add(page.size());
            cursor = result.getString("nextCursor");
        } while (cursor != null && sizes.size() < 1000);
        return new Listing(all, sizes);
    }

    /** The URIs of one resources/list page ({@code result}). */
    public static List<String> uris(JsonObject page) {
        return page.getJsonArray("resources").stream().map(r -> ((JsonObject) r).getString("uri")).toList();
    }

    /**
     * Asserts that a listing cursor continues only for the caller it was made for: the next page of {@code owner}'s
     * listing, replayed by {@code other}, is refused as invalid params naming the mismatch, and a cursor altered by
     * one character is refused for its owner too.
     */
    public static void assertCursorOnlyForItsCaller(McpStreamableTestClient owner, McpStreamableTestClient other) {
        String cursor = listPage(owner, null).getJsonObject("result").getString("nextCursor");
        if (cursor == null) {
            throw new AssertionError("the owner's first page has no nextCursor: use a smaller list-page-size");
        }
        JsonObject replayed = listPage(other, cursor);
        if (errorCode(replayed) != -32602
                || !replayed.getJsonObject("error").getString("message").contains("does not belong to this listing")) {
            throw new AssertionError("another caller's cursor was not refused: " + replayed.encode());
        }
        JsonObject altered = listPage(owner, cursor.substring(1));
        if (errorCode(altered) != -32602) {
            throw new AssertionError("an altered cursor was not refused: " + altered.encode());
        }
    }

    /** The completion answer ({@code result.completion}) or the error of one template variable. */
    public static JsonObject complete(McpStreamableTestClient client, String uriTemplate, String variable,
            String typed, Map<String, String> context) {
        JsonObject params = new JsonObject()
                .put("ref", new JsonObject().put("type", "ref/resource").put("uri", uriTemplate))
                .put("argument", new JsonObject().put("name", variable).put("value", typed));
        if (!context.isEmpty()) {
            params.put("context", new JsonObject().put("arguments", new JsonObject(Map.copyOf(context))));
        }
        return request(client, "completion/complete", params);
    }

    /** The values of a successful completion answer. */
    public static List<String> values(JsonObject response) {
        if (response.containsKey("error")) {
            throw new AssertionError("completion/complete failed: " + response.encode());
        }
        return response.getJsonObject("result").getJsonObject("completion").getJsonArray("values").stream()
                .map(Object::toString).toList();
    }

    /** The error code of a response, or 0 when it succeeded. */
    public static int errorCode(JsonObject response) {
        return response.containsKey("error") ? response.getJsonObject("error").getInteger("code") : 0;
    }

    /** The audit records of one method (resources/list, resources/subscribe, completion/complete …) since a mark. */
    public static List<JsonObject> audited(AuditTail tail, String method) {
        return tail.text().lines().filter(l -> !l.isBlank()).map(JsonObject::new)
                .filter(r -> method.equals(r.getString("tool"))).toList();
    }

    /** The resources/updated notifications received so far, as their URIs. */
    public static List<String> updates(McpStreamableTestClient client) {
        return client.snapshot().notifications().stream()
                .filter(n -> "notifications/resources/updated".equals(n.getString("method")))
                .map(n -> n.getJsonObject("params").getString("uri")).toList();
    }
}
