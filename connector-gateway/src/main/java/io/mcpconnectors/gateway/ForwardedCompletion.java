package io.mcpconnectors.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A {@code completion/complete} for a namespaced prompt ({@code <upstream>.<prompt>}) or for a resource template
 * (URI templates keep their upstream's URI), forwarded to that upstream under the upstream's own name for it, on the
 * session the caller's tool calls use: the upstream completes within that caller's identity and allow lists. The
 * values come back as the upstream gave them, at most {@link #MAX_VALUES} (MCP's cap). A ref the gateway does not
 * serve to the caller (unknown, or of an upstream the caller holds no scope of) is refused with invalid params, the
 * same for both, so a caller learns nothing of upstreams it may not use.
 */
final class ForwardedCompletion {

    static final int MAX_VALUES = 100;

    private final KnownSecrets secrets;
    private final Duration timeout;

    ForwardedCompletion(KnownSecrets secrets, Duration timeout) {
        this.secrets = secrets;
        this.timeout = timeout;
    }

    /** The upstream a completion is for: found by {@code ref}, and its own reference to forward. */
    record Target(GatewayRegistry.Served upstream, McpSchema.CompleteReference ref) {
    }

    Target target(JsonObject params, GatewayRegistry registry, Predicate<String> permitted) {
        JsonObject ref = params.getValue("ref") instanceof JsonObject r ? r : null;
        JsonObject argument = params.getValue("argument") instanceof JsonObject a ? a : null;
        if (ref == null || argument == null || !(argument.getValue("name") instanceof String)) {
            throw new UpstreamRequestError(UpstreamRequestError.INVALID_PARAMS, "Invalid params: completion/complete"
                    + " needs params.ref (a ref/prompt with its name, or a ref/resource with its URI template) and"
                    + " params.argument.name.");
        }
        String type = String.valueOf(ref.getValue("type"));
        if ("ref/prompt".equals(type) && ref.getValue("name") instanceof String name) {
            GatewayRegistry.Served upstream = registry.ofPrompt(name);
            if (upstream == null || !permitted.test(upstream.name())) {
                throw new UpstreamRequestError(UpstreamRequestError.INVALID_PARAMS, "Invalid params: there is no"
                        + " prompt named '" + name + "'; prompts/list names the prompts of this server.");
            }
            return new Target(upstream, new McpSchema.PromptReference(name.substring(upstream.name().length() + 1)));
        }
        if ("ref/resource".equals(type) && ref.getValue("uri") instanceof String uri) {
            GatewayRegistry.Served upstream = registry.ofTemplate(uri);
            if (upstream == null || !permitted.test(upstream.name())) {
                throw new UpstreamRequestError(UpstreamRequestError.INVALID_PARAMS, "Invalid params: there is no"
                        + " resource template " + uri + "; resources/templates/list names the templates of this"
                        + " server.");
            }
            return new Target(upstream, new McpSchema.ResourceReference(uri));
        }
        throw new UpstreamRequestError(UpstreamRequestError.INVALID_PARAMS, "Invalid params: params.ref must be a"
                + " ref/prompt with a name or a ref/resource with a uri.");
    }

    /** The upstream's completion, as the {@code result} of the answer. */
    JsonObject complete(Target target, JsonObject params, Function<UpstreamSupervisor, UpstreamSession> sessions) {
        JsonObject argument = params.getJsonObject("argument");
        String value = argument.getValue("value") instanceof String v ? v : "";
        Map<String, String> context = new LinkedHashMap<>();
        if (params.getValue("context") instanceof JsonObject c && c.getValue("arguments") instanceof JsonObject given) {
            given.forEach(e -> {
                if (e.getValue() instanceof String text) {
                    context.put(e.getKey(), text);
                }
            });
        }
        McpSchema.CompleteRequest request = new McpSchema.CompleteRequest(target.ref(),
                new McpSchema.CompleteRequest.CompleteArgument(argument.getString("name"), value),
                context.isEmpty() ? null : new McpSchema.CompleteRequest.CompleteContext(context));
        UpstreamSession session = sessions.apply(target.upstream().upstream());
        McpSchema.CompleteResult result = UpstreamRequestError.await(target.upstream().name(), "completion/complete",
                session.client().completeCompletion(request), timeout, secrets);
        List<String> values = result == null || result.completion() == null || result.completion().values() == null
                ? List.of() : result.completion().values();
        boolean cut = values.size() > MAX_VALUES;
        JsonObject completion = new JsonObject()
                .put("values", new JsonArray(List.copyOf(cut ? values.subList(0, MAX_VALUES) : values)));
        Boolean more = result == null || result.completion() == null ? null : result.completion().hasMore();
        if (cut || Boolean.TRUE.equals(more)) {
            completion.put("hasMore", true);
        } else if (more != null) {
            completion.put("hasMore", false);
        }
        if (result != null && result.completion() != null && result.completion().total() != null) {
            completion.put("total", result.completion().total());
        }
        return new JsonObject().put("completion", completion);
    }
}
