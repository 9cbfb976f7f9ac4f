package io.mcpconnectors.github;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.config.InvalidSettingException;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The credential for API requests: a fine-grained personal access token, or a GitHub App installation token
 * (an RS256 app JWT exchanged for an installation token, renewed five minutes before it expires). Tokens are kept
 * in memory only and never logged; each one (the configured token, the app key, every app JWT and installation
 * token) is registered with {@link KnownSecrets} before it is first sent, so the runtime removes it from anything
 * that leaves the connector, such as an error body that echoes the request.
 */
public class GithubAuth {

    /** The credential could not be obtained. */
    public static class AuthenticationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AuthenticationException(String message) {
            super(message);
        }
    }

    static final String PREFIX = "connector.github.auth.";
    static final long RENEW_BEFORE_SECONDS = 300;

    private final String apiUrl;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final KnownSecrets secrets;
    private final String staticToken;
    private final Long appId;
    private final Long installationId;
    private final PrivateKey appKey;
    private String installationToken;
    private Instant installationExpiry = Instant.EPOCH;

    public GithubAuth(GithubConnectorConfig config, OkHttpClient http, ObjectMapper json, KnownSecrets secrets) {
        this.apiUrl = config.apiUrl().replaceAll("/+$", "");
        this.http = http;
        this.json = json;
        this.secrets = secrets;
        GithubConnectorConfig.Auth auth = config.auth();
        if (auth.appId().isPresent()) {
            this.staticToken = null;
            this.appId = auth.appId().get();
            this.installationId = auth.installationId().orElseThrow(() -> new InvalidSettingException(
                    PREFIX + "installation-id", "is required with app-id"));
            this.appKey = readKey(auth.privateKeyFile().orElseThrow(() -> new InvalidSettingException(
                    PREFIX + "private-key-file", "is required with app-id")), secrets);
        } else {
            this.appId = null;
            this.installationId = null;
            this.appKey = null;
            this.staticToken = token(auth);
            secrets.register(PREFIX + (auth.tokenFile().isPresent() ? "token-file" : "token"), staticToken);
        }
    }

    /** The Authorization header value for API requests. */
    public synchronized String authorization() {
        if (staticToken != null) {
            return "Bearer " + staticToken;
        }
        if (installationToken == null || Instant.now().plusSeconds(RENEW_BEFORE_SECONDS).isAfter(installationExpiry)) {
            renew();
        }
        return "Bearer " + installationToken;
    }

    /** Forgets an installation token the API refused, so the next request gets a new one. */
    public synchronized boolean invalidate() {
        if (staticToken != null) {
            return false;
        }
        installationToken = null;
        return true;
    }

    public boolean isApp() {
        return appId != null;
    }

    private void renew() {
        String jwt = Jwt.issuer(String.valueOf(appId)).issuedAt(Instant.now().minusSeconds(60))
                .expiresAt(Instant.now().plusSeconds(540)).jws().algorithm(SignatureAlgorithm.RS256).sign(appKey);
        secrets.register("GitHub App JWT", jwt);
        Request request = new Request.Builder().url(apiUrl + "/app/installations/" + installationId + "/access_tokens")
                .post(RequestBody.create(new byte[0], MediaType.get("application/json")))
                .header("Authorization", "Bearer " + jwt).header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", GithubApi.API_VERSION).header("User-Agent", GithubApi.USER_AGENT)
                .build();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            JsonNode answer = body.isBlank() ? null : json.readTree(body);
            if (!response.isSuccessful() || answer == null || !answer.hasNonNull("token")) {
                String message = answer == null ? "" : answer.path("message").asText("");
                // Reported at start and in the health check, outside any tool call: scrubbed here.
                throw new AuthenticationException(secrets.scrubMessage("GitHub refused the app's installation token"
                        + " request (HTTP " + response.code() + (message.isEmpty() ? "" : ": " + message) + ")"));
            }
            String token = answer.get("token").asText();
            secrets.register("GitHub App installation token", token);
            installationToken = token;
            installationExpiry = Instant.parse(answer.path("expires_at").asText(Instant.now().plusSeconds(3600)
                    .toString()));
        } catch (IOException e) {
            throw new AuthenticationException("cannot reach " + apiUrl + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String token(GithubConnectorConfig.Auth auth) {
        if (auth.tokenFile().isPresent()) {
            try {
                List<String> lines = Files.readAllLines(auth.tokenFile().get());
                String token = lines.isEmpty() ? "" : lines.get(0).strip();
                if (!token.isEmpty()) {
                    return token;
                }
                throw new InvalidSettingException(PREFIX + "token-file", "is empty");
            } catch (IOException e) {
                throw new InvalidSettingException(PREFIX + "token-file",
                        "cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        return auth.token().filter(t -> !t.isBlank()).orElseThrow(() -> new InvalidSettingException(PREFIX + "token",
                "is required (or " + PREFIX + "token-file, or a GitHub App: app-id, installation-id and"
                        + " private-key-file)"));
    }

    private static PrivateKey readKey(Path file, KnownSecrets secrets) {
        String pem;
        try {
            pem = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidSettingException(PREFIX + "private-key-file",
                    "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        secrets.registerPem(PREFIX + "private-key-file", pem);
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new InvalidSettingException(PREFIX + "private-key-file", "is in PKCS#1 form as GitHub issues it;"
                    + " convert it once: openssl pkcs8 -topk8 -nocrypt -in app.pem -out app-pkcs8.pem");
        }
        try {
            return KeyUtils.decodePrivateKey(pem, SignatureAlgorithm.RS256);
        } catch (Exception e) {
            throw new InvalidSettingException(PREFIX + "private-key-file",
                    "is not a PEM RSA private key (-----BEGIN PRIVATE KEY-----)");
        }
    }
}
