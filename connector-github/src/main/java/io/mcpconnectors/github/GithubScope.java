package io.mcpconnectors.github;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the configured allowlist available to the tools. */
@ApplicationScoped
public class GithubScope {

    @Produces
    @Singleton
    RepositoryScope scope(GithubConnectorConfig config) {
        return new RepositoryScope(config.repositories());
    }
}
