package io.mcpconnectors.common.mcp;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.mcpconnectors.common.spi.Connector;
import io.quarkiverse.mcp.server.FeatureManager;
import io.quarkiverse.mcp.server.PromptManager;
import io.quarkiverse.mcp.server.ResourceManager;
import io.quarkiverse.mcp.server.ResourceTemplateManager;
import io.quarkiverse.mcp.server.ToolManager;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.QuarkusApplication;

/**
 * {@code bin/connector <connector> manifest [--sha256]}: the connector's manifest (what a client lists from it with
 * these settings: tools, resources, resource templates, prompts) and its SHA-256, for pinning in a gateway
 * ({@code connector.gateway.upstreams.<name>.manifest-sha256}). The tools are registered as for serving, but the data
 * source is not reached and nothing is served.
 */
public class ManifestCommand implements QuarkusApplication {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    @Override
    public int run(String... args) {
        ManifestDigest digest = current();
        PrintStream out = System.out;
        if (List.of(args).contains("--sha256")) {
            out.println(digest.sha256());
            return 0;
        }
        ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        try {
            out.println(pretty.writeValueAsString(Map.of("connector",
                    Arc.container().instance(Connector.class).get().name(), "sha256", digest.sha256(), "manifest",
                    digest.manifest())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return 0;
    }

    /** The manifest of what this process registered, as a client would list it. */
    static ManifestDigest current() {
        ObjectMapper json = new ObjectMapper();
        return ManifestDigest.of(listed(json, Arc.container().instance(ToolManager.class).get()),
                listed(json, Arc.container().instance(ResourceManager.class).get()),
                listedTemplates(json, Arc.container().instance(ResourceTemplateManager.class).get()),
                listed(json, Arc.container().instance(PromptManager.class).get()));
    }

    private static List<Map<String, Object>> listed(ObjectMapper json, FeatureManager<?> manager) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (FeatureManager.FeatureInfo info : manager) {
            items.add(parse(json, info.asJson().encode()));
        }
        return items;
    }

    /** Templates a connector marked unlisted are not listed to clients, so they are not in the manifest either. */
    private static List<Map<String, Object>> listedTemplates(ObjectMapper json, ResourceTemplateManager manager) {
        UnlistedTemplateFilter filter = Arc.container().instance(UnlistedTemplateFilter.class).get();
        List<Map<String, Object>> items = new ArrayList<>();
        for (ResourceTemplateManager.ResourceTemplateInfo info : manager) {
            if (filter.listed(info.name())) {
                items.add(parse(json, info.asJson().encode()));
            }
        }
        return items;
    }

    private static Map<String, Object> parse(ObjectMapper json, String text) {
        try {
            return json.readValue(text, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
