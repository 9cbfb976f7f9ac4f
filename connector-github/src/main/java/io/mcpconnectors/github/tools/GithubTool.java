package io.mcpconnectors.github.tools;

import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.github.GithubApi;
import io.mcpconnectors.github.RepositoryScope;

/**
 * What every GitHub tool has: its spec, the API client and the repository allowlist. The tools are singletons
 * (no client proxy, so no no-args constructor needed).
 */
abstract class GithubTool implements ConnectorTool {

    private final ToolSpec spec;
    protected final GithubApi api;
    protected final RepositoryScope scope;

    GithubTool(ToolSpec spec, GithubApi api, RepositoryScope scope) {
        this.spec = spec;
        this.api = api;
        this.scope = scope;
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }
}
