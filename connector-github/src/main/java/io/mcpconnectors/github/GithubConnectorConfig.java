package io.mcpconnectors.github;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.mcpconnectors.saas.HttpSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the GitHub connector. Tokens and keys come from the environment or files and are never logged. */
@ConfigMapping(prefix = "connector.github")
public interface GithubConnectorConfig {

    /** REST API base: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server. */
    @WithDefault("https://api.github.com")
    String apiUrl();

    /**
     * The repositories the connector may reach, as {@code owner/repo} or {@code owner/*}. Nothing else is
     * reachable through any tool, search included.
     */
    Optional<List<String>> repositories();

    Auth auth();

    Http http();

    /** GET answers kept with their ETag for conditional requests (a 304 costs no rate limit). */
    @WithDefault("2000")
    int etagCacheSize();

    interface Auth {
        /** A fine-grained personal access token (read-only on the allowed repositories is enough to read). */
        Optional<String> token();

        Optional<Path> tokenFile();

        /** GitHub App id: set it (with installation-id and private-key-file) to authenticate as an app. */
        Optional<Long> appId();

        Optional<Long> installationId();

        /** The app's private key, PEM PKCS#8 (convert GitHub's with openssl pkcs8 -topk8 -nocrypt). */
        Optional<Path> privateKeyFile();
    }

    interface Http extends HttpSettings {
        /** A rate-limited request waits and retries when GitHub asks for at most this long; beyond, it fails. */
        @WithDefault("10s")
        Duration maxRateLimitWait();
    }
}
