package io.mcpconnectors.salesforce;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.mcpconnectors.saas.HttpSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the Salesforce connector. Secrets (client secret, refresh token, private key) come from the
 * environment or files and are never logged or shown.
 */
@ConfigMapping(prefix = "connector.salesforce")
public interface SalesforceConnectorConfig {

    /** Where tokens are requested: https://login.salesforce.com, https://test.salesforce.com or My Domain. */
    @WithDefault("https://login.salesforce.com")
    String loginUrl();

    /** REST API version, e.g. v62.0. */
    @WithDefault("v62.0")
    String apiVersion();

    Auth auth();

    Http http();

    /** Whether soql_query may use queryAll (deleted and archived records) when a call asks for it. */
    @WithDefault("false")
    boolean queryAll();

    /** How long a describe result is reused (describe_object and the resource). */
    @WithDefault("10m")
    Duration describeCacheTtl();

    /** User-bound access ({@code connector.identity.mode=mapped}): each caller acts as its own Salesforce user. */
    Identity identity();

    interface Auth {
        /** jwt-bearer (server-to-server, recommended), client-credentials or refresh-token. */
        @WithDefault("jwt-bearer")
        Flow flow();

        /** The connected app's consumer key (required to serve; not for the admin commands). */
        Optional<String> clientId();

        /** The connected app's consumer secret (client-credentials; optional for refresh-token). */
        Optional<String> clientSecret();

        Optional<Path> clientSecretFile();

        /** The integration user's username (jwt-bearer). */
        Optional<String> username();

        /** PEM (PKCS#8) private key whose certificate is uploaded to the connected app (jwt-bearer). */
        Optional<Path> privateKeyFile();

        /** A refresh token issued to the connected app (refresh-token). */
        Optional<String> refreshToken();

        Optional<Path> refreshTokenFile();
    }

    interface Http extends HttpSettings {
        /** Retries of a request answered with 503 or REQUEST_LIMIT_EXCEEDED, with exponential backoff. */
        @WithDefault("3")
        int maxRetries();

        /** First retry delay; it doubles for each further retry. */
        @WithDefault("500ms")
        Duration retryDelay();
    }

    interface Identity {
        /**
         * How long a mapped user's access token is reused before the connector signs in for that user again;
         * a token Salesforce refuses earlier (session timeout, revoked) is replaced at once.
         */
        @WithDefault("1h")
        Duration tokenTtl();

        /** Most users whose access tokens are kept at once; one dropped beyond it is signed in again when needed. */
        @WithDefault("1000")
        int tokenCacheSize();

        /**
         * Sign in once as each mapped user at start, so that a user the connected app does not pre-authorize
         * stops the start instead of failing that user's first call.
         */
        @WithDefault("true")
        boolean signInAtStart();
    }

    enum Flow {
        JWT_BEARER,
        CLIENT_CREDENTIALS,
        REFRESH_TOKEN
    }
}
