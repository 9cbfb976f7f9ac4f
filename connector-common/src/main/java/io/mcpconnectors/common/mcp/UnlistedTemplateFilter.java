package io.mcpconnectors.common.mcp;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.mcpconnectors.common.spi.ConnectorResource;
import io.mcpconnectors.common.spi.ResourceTemplateSpec;
import io.quarkiverse.mcp.server.FilterContext;
import io.quarkiverse.mcp.server.McpMethod;
import io.quarkiverse.mcp.server.ResourceTemplateFilter;
import io.quarkiverse.mcp.server.ResourceTemplateManager.ResourceTemplateInfo;

/** Hides templates a connector marked unlisted from resources/templates/list; they still answer reads. */
@Singleton
public class UnlistedTemplateFilter implements ResourceTemplateFilter {

    private final Set<String> unlisted;

    public UnlistedTemplateFilter(Instance<ConnectorResource> resources) {
        this.unlisted = resources.stream().flatMap(r -> r.templates().stream()).filter(t -> !t.listed())
                .map(ResourceTemplateSpec::name).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean test(ResourceTemplateInfo template, FilterContext context) {
        return context.method() != McpMethod.RESOURCE_TEMPLATES_LIST || listed(template.name());
    }

    /** Whether resources/templates/list shows the template. */
    boolean listed(String name) {
        return !unlisted.contains(name);
    }
}
