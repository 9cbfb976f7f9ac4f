package io.mcpconnectors.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.mcpconnectors.common.mcp.ManifestDigest;
import io.mcpconnectors.common.mcp.ResourceRequests;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;

/**
 * What an upstream offers, as listed over MCP (every page), and its manifest digest: the same canonical form and
 * SHA-256 that {@code bin/connector <connector> manifest} prints, so an admin pins what the gateway checks.
 *
 * @param server the name the upstream introduced itself with
 */
record UpstreamCatalog(String server, List<McpSchema.Tool> tools, List<McpSchema.Resource> resources,
        List<McpSchema.ResourceTemplate> templates, List<McpSchema.Prompt> prompts, ManifestDigest digest) {

    /** Tool and prompt names a client can tell apart at a glance: plain lower-case ASCII, no lookalike letters. */
    static final Pattern PLAIN_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    /** Resource and template names may also hold '-'. */
    static final Pattern PLAIN_RESOURCE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    private static final TypeRef<Map<String, Object>> OBJECT = new TypeRef<>() {
    };

    static UpstreamCatalog read(McpAsyncClient client, String server, McpJsonMapper json, Duration timeout) {
        McpSchema.ServerCapabilities capabilities = client.getServerCapabilities();
        List<McpSchema.Tool> tools = capabilities.tools() == null ? List.of()
                : pages(cursor -> client.listTools(cursor), McpSchema.ListToolsResult::tools,
                        McpSchema.ListToolsResult::nextCursor, timeout);
        // A connector lists its data (tables, files) as resources for each caller; those are not its manifest, and
        // listed for the gateway's own identity they are not what a caller may see, so only the rest is served.
        List<McpSchema.Resource> resources = capabilities.resources() == null ? List.of()
                : pages(cursor -> client.listResources(cursor), McpSchema.ListResourcesResult::resources,
                        McpSchema.ListResourcesResult::nextCursor, timeout).stream()
                        .filter(resource -> resource.meta() == null
                                || !Boolean.TRUE.equals(resource.meta().get(ResourceRequests.LISTED_DATA)))
                        .toList();
        List<McpSchema.ResourceTemplate> templates = capabilities.resources() == null ? List.of()
                : pages(cursor -> client.listResourceTemplates(cursor),
                        McpSchema.ListResourceTemplatesResult::resourceTemplates,
                        McpSchema.ListResourceTemplatesResult::nextCursor, timeout);
        List<McpSchema.Prompt> prompts = capabilities.prompts() == null ? List.of()
                : pages(cursor -> client.listPrompts(cursor), McpSchema.ListPromptsResult::prompts,
                        McpSchema.ListPromptsResult::nextCursor, timeout);
        ManifestDigest digest = ManifestDigest.of(maps(json, tools), maps(json, resources), maps(json, templates),
                maps(json, prompts));
        return new UpstreamCatalog(server, List.copyOf(tools), List.copyOf(resources), List.copyOf(templates),
                List.copyOf(prompts), digest);
    }

    /**
     * Why this catalog must not be served, or null: a name that is not plain (the mark of a lookalike, refused even
     * when unpinned) or a manifest other than the pinned one.
     */
    String problem(UpstreamSpec spec) {
        for (McpSchema.Tool tool : tools) {
            if (!PLAIN_NAME.matcher(tool.name()).matches()) {
                return "tool name '" + tool.name() + "' is not a plain name ([a-z][a-z0-9_]*), refused as a possible"
                        + " lookalike";
            }
        }
        for (McpSchema.Prompt prompt : prompts) {
            if (!PLAIN_NAME.matcher(prompt.name()).matches()) {
                return "prompt name '" + prompt.name() + "' is not a plain name ([a-z][a-z0-9_]*)";
            }
        }
        for (McpSchema.ResourceTemplate template : templates) {
            if (!PLAIN_RESOURCE_NAME.matcher(template.name()).matches()) {
                return "resource template name '" + template.name() + "' is not a plain name";
            }
        }
        for (McpSchema.Resource resource : resources) {
            if (!PLAIN_RESOURCE_NAME.matcher(resource.name()).matches()) {
                return "resource name '" + resource.name() + "' is not a plain name";
            }
        }
        if (spec.pin() != null && !spec.pin().equals(digest.sha256())) {
            return "manifest sha256 " + digest.sha256() + " does not match the pin " + spec.pin() + " ("
                    + spec.key("manifest-sha256") + ")";
        }
        return null;
    }

    private static <R, T> List<T> pages(Function<String, Mono<R>> list, Function<R, List<T>> items,
            Function<R, String> next, Duration timeout) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            R page = list.apply(cursor).block(timeout);
            if (page == null) {
                break;
            }
            List<T> found = items.apply(page);
            if (found != null) {
                all.addAll(found);
            }
            cursor = next.apply(page);
            if (++pages > 1000) {
                throw new IllegalStateException("more than 1000 pages; the upstream keeps sending cursors");
            }
        } while (cursor != null && !cursor.isEmpty());
        return all;
    }

    private static List<Map<String, Object>> maps(McpJsonMapper json, List<?> items) {
        return items.stream().map(item -> json.convertValue(item, OBJECT)).toList();
    }
}
