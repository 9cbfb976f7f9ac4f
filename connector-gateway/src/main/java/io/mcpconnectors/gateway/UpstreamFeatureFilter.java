package io.mcpconnectors.gateway;

import jakarta.inject.Singleton;

import io.mcpconnectors.common.auth.Callers;
import io.mcpconnectors.common.auth.ScopeToolFilter;
import io.mcpconnectors.common.auth.SessionPrincipals;
import io.quarkiverse.mcp.server.FilterContext;
import io.quarkiverse.mcp.server.PromptFilter;
import io.quarkiverse.mcp.server.PromptManager.PromptInfo;
import io.quarkiverse.mcp.server.ResourceFilter;
import io.quarkiverse.mcp.server.ResourceManager.ResourceInfo;
import io.quarkiverse.mcp.server.ResourceTemplateFilter;
import io.quarkiverse.mcp.server.ResourceTemplateManager.ResourceTemplateInfo;

/**
 * An upstream's resources, resource templates and prompts are for callers who hold any of that upstream's scopes,
 * as its tools are per access class: a caller with no scope for an upstream neither lists nor reads anything of it.
 */
@Singleton
public class UpstreamFeatureFilter implements ResourceTemplateFilter, ResourceFilter, PromptFilter {

    private final Callers callers;
    private final ScopeToolFilter tools;

    public UpstreamFeatureFilter(Callers callers, ScopeToolFilter tools) {
        this.callers = callers;
        this.tools = tools;
    }

    @Override
    public boolean test(ResourceTemplateInfo template, FilterContext context) {
        return allowed(template.name(), context);
    }

    @Override
    public boolean test(ResourceInfo resource, FilterContext context) {
        return allowed(resource.name(), context);
    }

    @Override
    public boolean test(PromptInfo prompt, FilterContext context) {
        return allowed(prompt.name(), context);
    }

    private boolean allowed(String name, FilterContext context) {
        if (!callers.authenticated()) {
            return true;
        }
        int dot = name.indexOf('.');
        if (dot < 0) {
            return false;
        }
        return permits(tools.caller(context), name.substring(0, dot));
    }

    /** Whether a caller (of a gateway with authentication) holds any scope of an upstream's. */
    static boolean permits(SessionPrincipals.Caller caller, String upstream) {
        String prefix = upstream + ":";
        return caller != null && caller.scopes().stream().anyMatch(scope -> scope.startsWith(prefix));
    }
}
