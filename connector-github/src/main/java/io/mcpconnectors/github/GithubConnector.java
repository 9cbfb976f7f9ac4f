package io.mcpconnectors.github;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Connector;

/**
 * The GitHub connector: an allowlist of repositories, reached with one token or one app installation; with user-bound
 * access, each caller reaches only the repositories mapped for it.
 */
@ApplicationScoped
public class GithubConnector implements Connector {

    private final GithubApi api;
    private final GithubScope scope;

    public GithubConnector(GithubApi api, GithubScope scope) {
        this.api = api;
        this.scope = scope;
    }

    @Override
    public String name() {
        return "github";
    }

    @Override
    public boolean openWorld() {
        return true;
    }

    @Override
    public void verify() {
        // Both are checked at start: the allowlist's form, then the credential against the API.
        scope.allowlist();
        api.apiUrl();
    }

    /**
     * A mapped value is a comma-separated repository list, each entry {@code owner/repo} or {@code owner/*}, that
     * must lie within connector.github.repositories: user-bound access narrows what the connector's token reaches,
     * it cannot widen it.
     */
    @Override
    public String mappedIdentityProblem(String value) {
        return scope.mappedProblem(value);
    }

    @Override
    public String healthProblem() {
        try {
            api.get("/rate_limit");
            return null;
        } catch (RuntimeException e) {
            return "cannot reach GitHub: " + e.getMessage();
        }
    }
}
