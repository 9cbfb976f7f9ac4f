package io.mcpconnectors.common.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.mcp.server.PromptCompletionManager;
import io.quarkiverse.mcp.server.PromptManager;

/**
 * Answers the completions of prompt arguments ({@code completion/complete} with a {@code ref/prompt}) that the MCP
 * layer cannot answer, in the names the user knows: it refuses an unknown prompt or argument with its internal key for
 * them ({@code <prompt>_<argument>}), and a prompt without completions (a gateway's, forwarded from an upstream) the
 * same way. Here an unknown prompt or argument is refused naming the prompt, the argument and what exists, and a
 * known argument without completions completes to no values. Only messages that mention {@code completion/complete}
 * are parsed, once more; every other message passes at the cost of a substring search.
 */
// On every call's path: a singleton is injected as itself, with no client proxy to look it up on each use.
@Singleton
public class PromptCompletionScreen {

    static final String METHOD = "completion/complete";
    private static final byte[] METHOD_BYTES = METHOD.getBytes(StandardCharsets.UTF_8);
    private static final int INVALID_PARAMS = -32602;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PromptManager prompts;
    private final PromptCompletionManager completions;

    public PromptCompletionScreen(PromptManager prompts, PromptCompletionManager completions) {
        this.prompts = prompts;
        this.completions = completions;
    }

    /** Null when the MCP layer answers the message; otherwise the answer to send instead. */
    public RequestScreen.Answer screen(byte[] message) {
        return contains(message, METHOD_BYTES) ? screen(new String(message, StandardCharsets.UTF_8)) : null;
    }

    /** The same for a message read as text. */
    public RequestScreen.Answer screen(String message) {
        if (!message.contains(METHOD)) {
            return null;
        }
        JsonNode request;
        try {
            request = JSON.readTree(message);
        } catch (IOException e) {
            return null; // RequestScreen has answered what does not parse
        }
        if (!METHOD.equals(request.path("method").asText()) || !request.has("id")
                || !"ref/prompt".equals(request.at("/params/ref/type").asText())) {
            return null;
        }
        JsonNode id = request.get("id");
        String prompt = request.at("/params/ref/name").asText(null);
        String argument = request.at("/params/argument/name").asText(null);
        if (prompt == null || argument == null) {
            return error(id, "Invalid params: completion/complete of a prompt needs params.ref.name (the prompt) and"
                    + " params.argument.name (its argument).");
        }
        PromptManager.PromptInfo info = prompts.getPrompt(prompt);
        if (info == null) {
            return error(id, "Invalid params: there is no prompt named '" + prompt + "'; prompts/list names the"
                    + " prompts of this server.");
        }
        List<String> arguments = info.arguments().stream().map(PromptManager.PromptArgument::name).toList();
        if (!arguments.contains(argument)) {
            return error(id, "Invalid params: the prompt '" + prompt + "' has no argument '" + argument + "'"
                    + (arguments.isEmpty() ? "; it takes none." : "; its arguments: " + String.join(", ", arguments)
                            + "."));
        }
        if (completions.getCompletion(prompt, argument) == null) {
            ObjectNode answer = envelope(id);
            ObjectNode completion = answer.putObject("result").putObject("completion");
            completion.putArray("values");
            completion.put("total", 0).put("hasMore", false);
            return new RequestScreen.Answer(200, answer.toString());
        }
        return null;
    }

    private static RequestScreen.Answer error(JsonNode id, String message) {
        ObjectNode answer = envelope(id);
        answer.putObject("error").put("code", INVALID_PARAMS).put("message", message);
        return new RequestScreen.Answer(200, answer.toString());
    }

    private static ObjectNode envelope(JsonNode id) {
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", id);
        return answer;
    }

    private static boolean contains(byte[] text, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= text.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (text[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
