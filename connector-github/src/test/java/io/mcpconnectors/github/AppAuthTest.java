package io.mcpconnectors.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.saas.test.SigningKey;
import io.vertx.core.json.JsonObject;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.QueueDispatcher;
import okhttp3.mockwebserver.RecordedRequest;

/** GitHub App authentication: the app JWT, the installation token, and its renewal before expiry. */
class AppAuthTest {

    static MockWebServer github;
    static SigningKey appKey;
    static Path keyFile;

    @BeforeAll
    static void start() throws Exception {
        github = new MockWebServer();
        github.start();
        appKey = SigningKey.create("app");
        keyFile = appKey.file();
    }

    @AfterAll
    static void stop() throws Exception {
        github.shutdown();
    }

    @Test
    void exchangesASignedAppJwtForAnInstallationTokenAndRenewsItBeforeExpiry() throws Exception {
        // The first token expires in 2 minutes, inside the 5-minute renewal margin: the next request renews.
        github.enqueue(token("ghs_first", Instant.now().plusSeconds(120)));
        github.enqueue(token("ghs_second", Instant.now().plusSeconds(3600)));
        GithubAuth auth = new GithubAuth(config(Optional.of(keyFile)), new OkHttpClient(), new ObjectMapper(), new KnownSecrets());
        assertEquals("Bearer ghs_first", auth.authorization());
        assertEquals("Bearer ghs_second", auth.authorization());
        assertEquals("Bearer ghs_second", auth.authorization(), "a fresh token is reused");

        RecordedRequest request = github.takeRequest();
        assertEquals("POST", request.getMethod());
        assertEquals("/app/installations/4242/access_tokens", request.getPath());
        String jwt = request.getHeader("Authorization").substring("Bearer ".length());
        JsonObject claims = SigningKey.claims(jwt);
        assertEquals("123456", claims.getString("iss"));
        long now = Instant.now().getEpochSecond();
        assertTrue(claims.getLong("iat") <= now - 30, "issued in the past against clock drift");
        assertTrue(claims.getLong("exp") - now <= 600, "at most 10 minutes, as GitHub requires");
        assertTrue(appKey.signed(jwt), "signed with the app's private key");
        github.takeRequest();

        assertTrue(auth.invalidate(), "an app token can be dropped after a 401");
    }

    @Test
    void everyCredentialOfTheAppIsKnownBeforeItIsSentAndNoRefusalRelaysOne() throws Exception {
        KnownSecrets secrets = new KnownSecrets();
        github.enqueue(token("ghs_installation_0123456789", Instant.now().plusSeconds(3600)));
        new GithubAuth(config(Optional.of(keyFile)), new OkHttpClient(), new ObjectMapper(), secrets).authorization();
        String jwt = github.takeRequest().getHeader("Authorization").substring("Bearer ".length());
        assertTrue(secrets.appearIn(jwt), "the app JWT");
        assertTrue(secrets.appearIn("ghs_installation_0123456789"), "the installation token");
        String pem = Files.readString(keyFile);
        assertTrue(secrets.appearIn(pem.lines().skip(3).findFirst().orElseThrow()), "a line of the private key");

        // A token endpoint that quotes the request it refuses: the message says why, without the JWT.
        github.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse().setResponseCode(401).setBody(new JsonObject().put("message",
                        "'Expiration time' claim too far in the future: " + request.getHeader("Authorization"))
                        .encode());
            }
        });
        try {
            GithubAuth refused = new GithubAuth(config(Optional.of(keyFile)), new OkHttpClient(), new ObjectMapper(),
                    secrets);
            GithubAuth.AuthenticationException e = assertThrows(GithubAuth.AuthenticationException.class,
                    refused::authorization);
            assertTrue(e.getMessage().startsWith("GitHub refused the app's installation token request (HTTP 401:"
                    + " 'Expiration time' claim too far in the future: Bearer "), e.getMessage());
            assertFalse(e.getMessage().contains("eyJ"), e.getMessage());
        } finally {
            github.setDispatcher(new QueueDispatcher());
        }
    }

    @Test
    void aGithubIssuedPkcs1KeyGetsAnInstructionNotAStackTrace() throws Exception {
        Path pkcs1 = Files.createTempFile("app-pkcs1", ".pem");
        try {
            Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n");
            InvalidSettingException e = assertThrows(InvalidSettingException.class,
                    () -> new GithubAuth(config(Optional.of(pkcs1)), new OkHttpClient(), new ObjectMapper(), new KnownSecrets()));
            assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
        } finally {
            Files.deleteIfExists(pkcs1);
        }
        assertEquals("connector.github.auth.private-key-file", assertThrows(InvalidSettingException.class,
                () -> new GithubAuth(config(Optional.empty()), new OkHttpClient(), new ObjectMapper(), new KnownSecrets())).key());
    }

    static MockResponse token(String token, Instant expires) {
        return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
                .setBody(new JsonObject().put("token", token).put("expires_at", expires.toString()).encode());
    }

    static GithubConnectorConfig config(Optional<Path> key) {
        String api = github.url("/").toString();
        GithubConnectorConfig.Auth auth = new GithubConnectorConfig.Auth() {
            public Optional<String> token() {
                return Optional.empty();
            }

            public Optional<Path> tokenFile() {
                return Optional.empty();
            }

            public Optional<Long> appId() {
                return Optional.of(123456L);
            }

            public Optional<Long> installationId() {
                return Optional.of(4242L);
            }

            public Optional<Path> privateKeyFile() {
                return key;
            }
        };
        return new GithubConnectorConfig() {
            public String apiUrl() {
                return api;
            }

            public Optional<List<String>> repositories() {
                return Optional.of(List.of("octo-org/*"));
            }

            public Auth auth() {
                return auth;
            }

            public Http http() {
                return new Http() {
                    public Duration connectTimeout() {
                        return Duration.ofSeconds(5);
                    }

                    public Duration readTimeout() {
                        return Duration.ofSeconds(5);
                    }

                    public Duration maxRateLimitWait() {
                        return Duration.ofSeconds(1);
                    }
                };
            }

            public int etagCacheSize() {
                return 10;
            }
        };
    }
}
