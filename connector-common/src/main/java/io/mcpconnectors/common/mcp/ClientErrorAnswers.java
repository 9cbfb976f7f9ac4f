package io.mcpconnectors.common.mcp;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Singleton;

import io.quarkiverse.mcp.server.Meta;
import io.quarkiverse.mcp.server.runtime.ServerRequests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Lets a client's JSON-RPC error answer to one of the server's own requests ({@code sampling/createMessage},
 * {@code elicitation/create}, {@code roots/list}) end the waiting call at once. quarkus-mcp-server (1.10 and 1.13 alike) reads
 * only the {@code result} of such an answer: on an error its response handler throws ({@code IllegalStateException:
 * Invalid sampling response}, {@code ServerRequests.handleResponse} logs it) after taking itself off the list, and
 * the request's future is never completed, so the tool waited until its deadline. Before the library sees the
 * answer, both transports hand it here; an error answer to a request still waiting for one is rewritten into a
 * result every one of those handlers reads without failing, with the client's error in its {@code _meta}
 * ({@link #refusal}) and, for a roots request, as a root named by it at {@link #ROOT_URI}. {@link McpCallClient}, the
 * approval gate and the roots reader recognise it and end the call with the client's message.
 */
// On every call's path: a singleton is injected as itself, with no client proxy to look it up on each use.
@Singleton
public class ClientErrorAnswers {

    static final String META_KEY = "io.mcpconnectors/client-error";
    static final String ROOT_URI = "urn:io.mcpconnectors:client-error";
    private static final byte[] ERROR_MEMBER = "\"error\"".getBytes(StandardCharsets.US_ASCII);

    private final ServerRequests pending;

    public ClientErrorAnswers(ServerRequests pending) {
        this.pending = pending;
    }

    /** The message to pass on instead, or null to pass this one on unchanged. */
    public byte[] rewrite(byte[] message) {
        if (!contains(message, ERROR_MEMBER)) {
            return null;
        }
        String rewritten = rewrite(new String(message, StandardCharsets.UTF_8));
        return rewritten == null ? null : rewritten.getBytes(StandardCharsets.UTF_8);
    }

    /** The same for a message read as text (a stdio line). */
    public String rewrite(String message) {
        if (!message.contains("\"error\"")) {
            return null;
        }
        JsonObject answer;
        try {
            answer = new JsonObject(message);
        } catch (RuntimeException e) {
            return null;
        }
        // RequestScreen has already refused error answers without an integer id or a code and message.
        if (answer.containsKey("method") || !(answer.getValue("error") instanceof JsonObject error)
                || !(answer.getValue("id") instanceof Number id) || !pending.hasResponseHandler(id.longValue())) {
            return null;
        }
        String text = String.valueOf(error.getValue("message"));
        JsonObject result = new JsonObject()
                // What the sampling handler reads.
                .put("model", "client-error").put("role", "assistant")
                .put("content", new JsonObject().put("type", "text").put("text", ""))
                // What the elicitation handler reads.
                .put("action", "cancel")
                // What the roots handler reads.
                .put("roots", new JsonArray().add(new JsonObject().put("uri", ROOT_URI).put("name", text)))
                .put("_meta", new JsonObject().put(META_KEY, new JsonObject().put("code", error.getValue("code"))
                        .put("message", text)));
        return new JsonObject().put("jsonrpc", "2.0").put("id", answer.getValue("id")).put("result", result)
                .encode();
    }

    /** The client's error message when this answer stands for an error answer; null for a real answer. */
    static String refusal(Meta meta) {
        if (meta == null) {
            return null;
        }
        JsonObject error = meta.asJsonObject().getJsonObject(META_KEY);
        return error == null ? null : String.valueOf(error.getValue("message"));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
