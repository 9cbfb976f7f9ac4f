package io.mcpconnectors.salesforce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.config.InvalidSettingException;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Gets and caches the access token through one of three OAuth 2.0 flows: JWT bearer (an RS256 assertion signed
 * with the connected app's private key, no stored password), client credentials, or refresh token. The instance
 * URL comes from the token response. Tokens and secrets are never logged; a refused grant is reported with the
 * endpoint's error code and description only. Every secret (client secret, refresh token, private key, each JWT
 * assertion and access token) is registered with {@link KnownSecrets} as it is read or received, before it is sent,
 * so that an endpoint echoing it (an {@code error_description} quoting the request) cannot relay it.
 *
 * <p>
 * With the JWT bearer flow it also signs in as other users of the org ({@link #signIn(String)}), for user-bound
 * access: the same connected app and key, the mapped user as the assertion's subject. Those tokens are not cached
 * here but per user by {@link SalesforceUserTokens}.
 */
public class SalesforceAuth {

    /** A token and the instance it is valid for. */
    public record Token(String accessToken, String instanceUrl) {
        @Override
        public String toString() {
            return "Token[instance=" + instanceUrl + "]";
        }
    }

    /** The token endpoint refused the grant (or could not be reached). */
    public static class AuthenticationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AuthenticationException(String message) {
            super(message);
        }
    }

    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final String PREFIX = "connector.salesforce.auth.";

    private final SalesforceConnectorConfig config;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final KnownSecrets secrets;
    private final String tokenUrl;
    private final PrivateKey privateKey;
    private final String clientSecret;
    private final String refreshToken;
    private volatile Token token;

    public SalesforceAuth(SalesforceConnectorConfig config, OkHttpClient http, ObjectMapper json,
            KnownSecrets secrets) {
        this.config = config;
        this.http = http;
        this.json = json;
        this.secrets = secrets;
        this.tokenUrl = stripSlash(config.loginUrl()) + "/services/oauth2/token";
        SalesforceConnectorConfig.Auth auth = config.auth();
        this.clientSecret = secret(auth.clientSecret(), auth.clientSecretFile(), "client-secret");
        this.refreshToken = secret(auth.refreshToken(), auth.refreshTokenFile(), "refresh-token");
        secrets.register(PREFIX + "client-secret", clientSecret);
        secrets.register(PREFIX + "refresh-token", refreshToken);
        switch (auth.flow()) {
            case JWT_BEARER -> {
                require(auth.username().isPresent(), "username", "is required for the jwt-bearer flow");
                Path key = auth.privateKeyFile().orElseThrow(() -> new InvalidSettingException(
                        PREFIX + "private-key-file", "is required for the jwt-bearer flow"));
                this.privateKey = readKey(key, secrets);
            }
            case CLIENT_CREDENTIALS -> {
                require(clientSecret != null, "client-secret", "is required for the client-credentials flow"
                        + " (or " + PREFIX + "client-secret-file)");
                this.privateKey = null;
            }
            case REFRESH_TOKEN -> {
                require(refreshToken != null, "refresh-token", "is required for the refresh-token flow (or "
                        + PREFIX + "refresh-token-file)");
                this.privateKey = null;
            }
            default -> throw new IllegalStateException();
        }
    }

    /** The cached token, fetching one first if there is none. */
    public Token token() {
        Token current = token;
        return current != null ? current : refresh(null);
    }

    /**
     * A new token, unless another thread already replaced {@code stale} (the one that was refused), in which case
     * that newer one.
     */
    public synchronized Token refresh(Token stale) {
        if (token != null && token != stale) {
            return token;
        }
        token = fetch();
        return token;
    }

    /**
     * A new access token for another user of the org, by the JWT bearer flow with {@code username} as the
     * assertion's subject. Its assertion and token are registered as secrets under names of their own for that
     * user, so one user's sign-in never pushes another user's token out of {@link KnownSecrets}.
     *
     * @throws AuthenticationException when the token endpoint refuses (a user the connected app does not
     *         pre-authorize: {@code invalid_grant}) or cannot be reached
     */
    public Token signIn(String username) {
        if (privateKey == null) {
            throw new IllegalStateException("signing in as another user needs the jwt-bearer flow");
        }
        FormBody.Builder form = new FormBody.Builder().add("grant_type", JWT_BEARER)
                .add("assertion", assertion(username, "Salesforce JWT assertion for " + username));
        return grant(form, "Salesforce access token for " + username);
    }

    private Token fetch() {
        SalesforceConnectorConfig.Auth auth = config.auth();
        FormBody.Builder form = new FormBody.Builder();
        switch (auth.flow()) {
            case JWT_BEARER -> form.add("grant_type", JWT_BEARER).add("assertion", assertion());
            case CLIENT_CREDENTIALS -> form.add("grant_type", "client_credentials").add("client_id", clientId())
                    .add("client_secret", clientSecret);
            case REFRESH_TOKEN -> {
                form.add("grant_type", "refresh_token").add("client_id", clientId())
                        .add("refresh_token", refreshToken);
                if (clientSecret != null) {
                    form.add("client_secret", clientSecret);
                }
            }
            default -> throw new IllegalStateException();
        }
        return grant(form, "Salesforce access token");
    }

    /** Posts a grant to the token endpoint; the access token it gets is registered as the secret {@code tokenName}. */
    private Token grant(FormBody.Builder form, String tokenName) {
        Request request = new Request.Builder().url(tokenUrl).post(form.build())
                .header("Accept", "application/json").build();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            JsonNode answer = parse(body);
            if (!response.isSuccessful() || answer == null || !answer.hasNonNull("access_token")) {
                String error = answer == null ? "HTTP " + response.code()
                        : answer.path("error").asText("HTTP " + response.code());
                String description = answer == null ? "" : answer.path("error_description").asText("");
                // Reported at start too, outside any tool call: scrubbed here.
                throw new AuthenticationException(secrets.scrubMessage("the token endpoint refused the " + flowName()
                        + " grant: " + error + (description.isEmpty() ? "" : " (" + description + ")")));
            }
            String accessToken = answer.get("access_token").asText();
            secrets.register(tokenName, accessToken);
            return new Token(accessToken, stripSlash(answer.path("instance_url").asText()));
        } catch (IOException e) {
            throw new AuthenticationException("cannot reach the token endpoint " + tokenUrl + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The JWT bearer assertion for the integration user. */
    String assertion() {
        return assertion(config.auth().username().orElseThrow(), "Salesforce JWT assertion");
    }

    /** A JWT bearer assertion: iss = consumer key, sub = the username, aud = login URL, valid for 3 minutes. */
    private String assertion(String username, String secretName) {
        String assertion = Jwt.issuer(clientId()).subject(username)
                .audience(stripSlash(config.loginUrl())).expiresIn(180).jws().algorithm(SignatureAlgorithm.RS256)
                .sign(privateKey);
        secrets.register(secretName, assertion);
        return assertion;
    }

    private String flowName() {
        return config.auth().flow().name().toLowerCase().replace('_', '-');
    }

    private JsonNode parse(String body) {
        try {
            return body.isBlank() ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static PrivateKey readKey(Path file, KnownSecrets secrets) {
        try {
            String pem = Files.readString(file);
            secrets.registerPem(PREFIX + "private-key-file", pem);
            return KeyUtils.decodePrivateKey(pem, SignatureAlgorithm.RS256);
        } catch (IOException e) {
            throw new InvalidSettingException(PREFIX + "private-key-file",
                    "cannot be read (" + e.getClass().getSimpleName() + ")");
        } catch (Exception e) {
            throw new InvalidSettingException(PREFIX + "private-key-file",
                    "is not a PEM RSA private key in PKCS#8 form (-----BEGIN PRIVATE KEY-----)");
        }
    }

    private static String secret(Optional<String> value, Optional<Path> file, String key) {
        if (file.isPresent()) {
            try {
                List<String> lines = Files.readAllLines(file.get());
                return lines.isEmpty() ? "" : lines.get(0).strip();
            } catch (IOException e) {
                throw new InvalidSettingException(PREFIX + key + "-file",
                        "cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        return value.orElse(null);
    }

    private static void require(boolean present, String key, String problem) {
        if (!present) {
            throw new InvalidSettingException(PREFIX + key, problem);
        }
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The connected app's consumer key, required to sign in. */
    private String clientId() {
        return config.auth().clientId().orElseThrow(() -> new InvalidSettingException(
                "connector.salesforce.auth.client-id", "is required and not set: the connected app's consumer key"));
    }
}
