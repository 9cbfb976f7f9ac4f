package io.mcpconnectors.github;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Connector;

/** The GitHub connector: an allowlist of repositories, reached with one token or one app installation. */
@ApplicationScoped
public class GithubConnector implements Connector {

    private final GithubApi api;
    private final RepositoryScope scope;

    public GithubConnector(GithubApi api, RepositoryScope scope) {
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
        scope.describe();
        api.apiUrl();
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
