package io.mcpconnectors.github;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.ToolCallException;

/**
 * The repositories each call may reach: the allowlist ({@code connector.github.repositories}) in service mode; with
 * {@code connector.identity.mode=mapped}, the list mapped for the caller, narrowed from the allowlist. The mapped
 * lists are checked when the connector starts and kept, one per distinct mapped value (so as many as the map has).
 */
@Singleton
public class GithubScope {

    private final GithubConnectorConfig config;
    private final Map<String, RepositoryScope> mapped = new ConcurrentHashMap<>();
    private volatile RepositoryScope allowlist;

    public GithubScope(GithubConnectorConfig config) {
        this.config = config;
    }

    /**
     * The allowlist, read on first use (the start's check, when serving) rather than when the bean is made: it is
     * required to serve, not for the admin commands, which only use the store.
     */
    public RepositoryScope allowlist() {
        RepositoryScope scope = allowlist;
        if (scope == null) {
            scope = new RepositoryScope(config.repositories().orElseThrow(() -> new InvalidSettingException(
                    "connector.github.repositories", "is required and not set: the repositories the connector may"
                            + " reach, e.g. acme/api,acme/*")));
            allowlist = scope;
        }
        return scope;
    }

    /** The scope a call runs in: the caller's own repositories when it has a mapped list, else the allowlist. */
    public RepositoryScope of(CallerIdentity caller) {
        if (caller == null || !caller.isMapped()) {
            return allowlist();
        }
        try {
            return mapped.computeIfAbsent(caller.mapped(), this::narrowed);
        } catch (IllegalArgumentException e) {
            // Not reached after a normal start, which checks every mapped value; refuse rather than widen.
            throw new ToolCallException("Refused: the repositories mapped for " + caller.principal() + " cannot be"
                    + " used (" + e.getMessage() + "). Ask an admin to correct connector.identity.map.");
        }
    }

    /** What is wrong with a mapped repository list, or null when it lies within the allowlist. */
    public String mappedProblem(String value) {
        try {
            mapped.computeIfAbsent(value, this::narrowed);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private RepositoryScope narrowed(String value) {
        return allowlist().narrowedTo(CallerIdentity.list(value));
    }
}
