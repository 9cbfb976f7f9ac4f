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

    private final Instance<ConnectorResource> resources;
    private volatile Set<String> unlisted;

    public UnlistedTemplateFilter(Instance<ConnectorResource> resources) {
        this.resources = resources;
    }

    /**
     * The unlisted templates, looked up on the first listing rather than when the MCP layer builds its filters at
     * start: a connector's resources may check the data source's settings when they are made, and the admin commands
     * (approvals, audit), which start the same application, need only the store.
     */
    private Set<String> unlisted() {
        Set<String> names = unlisted;
        if (names == null) {
            names = resources.stream().flatMap(r -> r.templates().stream()).filter(t -> !t.listed())
                    .map(ResourceTemplateSpec::name).collect(Collectors.toUnmodifiableSet());
            unlisted = names;
        }
        return names;
    }

    @Override
    public boolean test(ResourceTemplateInfo template, FilterContext context) {
        return context.method() != McpMethod.RESOURCE_TEMPLATES_LIST || listed(template.name());
    }

    /** Whether resources/templates/list shows the template. */
    boolean listed(String name) {
        return !unlisted().contains(name);
    }
}
