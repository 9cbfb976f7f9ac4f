package io.mcpconnectors.github.tools;

import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.github.GithubApi;
import io.mcpconnectors.github.GithubScope;
import io.mcpconnectors.github.RepositoryScope;

/**
 * What every GitHub tool has: its spec, the API client and the repository scopes. The tools are singletons (no
 * client proxy, so no no-args constructor needed).
 */
abstract class GithubTool implements ConnectorTool {

    private final ToolSpec spec;
    protected final GithubApi api;
    private final GithubScope scopes;

    GithubTool(ToolSpec spec, GithubApi api, GithubScope scopes) {
        this.spec = spec;
        this.api = api;
        this.scopes = scopes;
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    /** The repositories this call may reach: the caller's own with user-bound access, else the allowlist. */
    protected RepositoryScope scope(ToolCall call) {
        return scopes.of(call.caller());
    }
}
