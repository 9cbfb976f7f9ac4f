package io.mcpconnectors.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.saas.test.SigningKey;
import io.vertx.core.json.JsonObject;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.QueueDispatcher;
import okhttp3.mockwebserver.RecordedRequest;

/** Each OAuth flow against a token endpoint: what is sent, what comes back, and how a refusal reads. */
class AuthFlowsTest {

    static MockWebServer tokenEndpoint;
    static SigningKey appKey;
    static Path keyFile;

    @BeforeAll
    static void start() throws Exception {
        tokenEndpoint = new MockWebServer();
        tokenEndpoint.start();
        appKey = SigningKey.create("connected-app");
        keyFile = appKey.file();
    }

    /**
     * Each test reads the requests it caused and the answers it queued; one that reads none (or fails half-way)
     * leaves nothing for the next.
     */
    @BeforeEach
    void forgetEarlierRequests() throws Exception {
        tokenEndpoint.setDispatcher(new QueueDispatcher());
        while (tokenEndpoint.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
            // discarded
        }
    }

    @AfterAll
    static void stop() throws Exception {
        tokenEndpoint.shutdown();
    }

    @Test
    void jwtBearerSendsASignedAssertionAndNoSecret() throws Exception {
        tokenEndpoint.enqueue(token("tok-jwt"));
        SalesforceAuth auth = auth(SalesforceConnectorConfig.Flow.JWT_BEARER, Map.of("username", "integration@acme.com",
                "private-key-file", keyFile.toString()));
        SalesforceAuth.Token token = auth.token();
        assertEquals("tok-jwt", token.accessToken());
        assertEquals("https://acme.my.salesforce.com", token.instanceUrl());
        Map<String, String> form = form(tokenEndpoint.takeRequest());
        assertEquals(SalesforceAuth.JWT_BEARER, form.get("grant_type"));
        String jwt = form.get("assertion");
        JsonObject header = SigningKey.header(jwt);
        JsonObject claims = SigningKey.claims(jwt);
        assertEquals("RS256", header.getString("alg"));
        assertEquals("3MVG9-consumer-key", claims.getString("iss"));
        assertEquals("integration@acme.com", claims.getString("sub"));
        assertEquals(tokenEndpoint.url("/").toString().replaceAll("/$", ""), claims.getValue("aud") instanceof String s
                ? s : claims.getJsonArray("aud").getString(0));
        long lifetime = claims.getLong("exp") - System.currentTimeMillis() / 1000;
        assertTrue(lifetime > 0 && lifetime <= 180, "short-lived: " + lifetime);
        assertTrue(appKey.signed(jwt), "signed with the connected app's key");
        assertFalse(form.containsKey("client_secret"));
    }

    @Test
    void clientCredentialsSendsIdAndSecret() throws Exception {
        tokenEndpoint.enqueue(token("tok-cc"));
        auth(SalesforceConnectorConfig.Flow.CLIENT_CREDENTIALS, Map.of("client-secret", "s3cret")).token();
        Map<String, String> form = form(tokenEndpoint.takeRequest());
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", "3MVG9-consumer-key", "client_secret",
                "s3cret"), form);
    }

    @Test
    void refreshTokenFromASecretFileAndRenewal() throws Exception {
        Path file = Files.createTempFile("refresh", ".txt");
        Files.writeString(file, "5Aep861-refresh\n");
        try {
            tokenEndpoint.enqueue(token("tok-1"));
            tokenEndpoint.enqueue(token("tok-2"));
            SalesforceAuth auth = auth(SalesforceConnectorConfig.Flow.REFRESH_TOKEN,
                    Map.of("refresh-token-file", file.toString()));
            SalesforceAuth.Token first = auth.token();
            assertEquals(first, auth.token(), "cached");
            assertEquals("tok-2", auth.refresh(first).accessToken());
            assertEquals("tok-2", auth.refresh(first).accessToken(), "a stale token is not refreshed twice");
            Map<String, String> form = form(tokenEndpoint.takeRequest());
            assertEquals("refresh_token", form.get("grant_type"));
            assertEquals("5Aep861-refresh", form.get("refresh_token"));
            tokenEndpoint.takeRequest();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aRefusedGrantSaysWhyWithoutTheSecret() {
        tokenEndpoint.enqueue(new MockResponse().setResponseCode(400).setBody(
                "{\"error\":\"invalid_grant\",\"error_description\":\"user hasn't approved this consumer\"}"));
        SalesforceAuth auth = auth(SalesforceConnectorConfig.Flow.CLIENT_CREDENTIALS, Map.of("client-secret", "s3cret"));
        SalesforceAuth.AuthenticationException e = assertThrows(SalesforceAuth.AuthenticationException.class, auth::token);
        assertEquals("the token endpoint refused the client-credentials grant: invalid_grant (user hasn't approved this"
                + " consumer)", e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"));
    }

    @Test
    void aRefusalThatQuotesTheClientSecretSaysWhyWithoutIt() {
        String secret = "cs-Very-Secret-0123456789";
        tokenEndpoint.enqueue(new MockResponse().setResponseCode(400).setBody(new JsonObject()
                .put("error", "invalid_client").put("error_description", "client_secret " + secret
                        + " does not match client_id 3MVG9-consumer-key").encode()));
        SalesforceAuth auth = auth(SalesforceConnectorConfig.Flow.CLIENT_CREDENTIALS, Map.of("client-secret", secret));
        SalesforceAuth.AuthenticationException e = assertThrows(SalesforceAuth.AuthenticationException.class, auth::token);
        assertEquals("the token endpoint refused the client-credentials grant: invalid_client (client_secret"
                + " [REDACTED] does not match client_id 3MVG9-consumer-key)", e.getMessage());
    }

    @Test
    void everySecretIsKnownBeforeItIsSent() throws Exception {
        Path file = Files.createTempFile("refresh", ".txt");
        Files.writeString(file, "5Aep861-refresh-0123456789\n");
        try {
            KnownSecrets secrets = new KnownSecrets();
            tokenEndpoint.enqueue(token("00Dxx0000000001!AQ4AQ-issued"));
            SalesforceAuth auth = new SalesforceAuth(config(SalesforceConnectorConfig.Flow.REFRESH_TOKEN,
                    Map.of("refresh-token-file", file.toString(), "client-secret", "cs-Very-Secret-0123456789")),
                    new OkHttpClient(), new ObjectMapper(), secrets);
            assertTrue(secrets.appearIn("5Aep861-refresh-0123456789"), "the refresh token, read from its file");
            assertTrue(secrets.appearIn("cs-Very-Secret-0123456789"), "the client secret");
            auth.token();
            assertTrue(secrets.appearIn("00Dxx0000000001!AQ4AQ-issued"), "the access token it was issued");
            tokenEndpoint.takeRequest();

            tokenEndpoint.enqueue(token("tok-jwt-0123456789"));
            KnownSecrets jwtSecrets = new KnownSecrets();
            new SalesforceAuth(config(SalesforceConnectorConfig.Flow.JWT_BEARER, Map.of("username",
                    "integration@acme.com", "private-key-file", keyFile.toString())), new OkHttpClient(),
                    new ObjectMapper(), jwtSecrets).token();
            String assertion = form(tokenEndpoint.takeRequest()).get("assertion");
            assertTrue(jwtSecrets.appearIn(assertion), "the signed assertion");
            assertTrue(jwtSecrets.appearIn(Files.readString(keyFile).lines().skip(2).findFirst().orElseThrow()),
                    "a line of the private key");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void missingOrBadSettingsNameTheKey() throws Exception {
        assertEquals("connector.salesforce.auth.private-key-file", assertThrows(InvalidSettingException.class,
                () -> auth(SalesforceConnectorConfig.Flow.JWT_BEARER, Map.of("username", "u"))).key());
        Path notAKey = Files.createTempFile("not-a-key", ".pem");
        try {
            Files.writeString(notAKey, "hello");
            assertEquals("connector.salesforce.auth.private-key-file", assertThrows(InvalidSettingException.class,
                    () -> auth(SalesforceConnectorConfig.Flow.JWT_BEARER, Map.of("username", "u",
                            "private-key-file", notAKey.toString()))).key());
        } finally {
            Files.deleteIfExists(notAKey);
        }
        assertEquals("connector.salesforce.auth.client-secret", assertThrows(InvalidSettingException.class,
                () -> auth(SalesforceConnectorConfig.Flow.CLIENT_CREDENTIALS, Map.of())).key());
        assertEquals("connector.salesforce.auth.refresh-token", assertThrows(InvalidSettingException.class,
                () -> auth(SalesforceConnectorConfig.Flow.REFRESH_TOKEN, Map.of())).key());
    }

    static MockResponse token(String value) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(new JsonObject()
                .put("access_token", value).put("instance_url", "https://acme.my.salesforce.com/")
                .put("token_type", "Bearer").encode());
    }

    static Map<String, String> form(RecordedRequest request) {
        assertEquals("POST", request.getMethod());
        assertEquals("/services/oauth2/token", request.getPath());
        Map<String, String> form = new HashMap<>();
        for (String pair : request.getBody().readUtf8().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    static SalesforceAuth auth(SalesforceConnectorConfig.Flow flow, Map<String, String> settings) {
        return new SalesforceAuth(config(flow, settings), new OkHttpClient(), new ObjectMapper(), new KnownSecrets());
    }

    /** The settings as the config mapping would give them. */
    static SalesforceConnectorConfig config(SalesforceConnectorConfig.Flow flow, Map<String, String> settings) {
        String login = tokenEndpoint.url("/").toString();
        SalesforceConnectorConfig.Auth auth = new SalesforceConnectorConfig.Auth() {
            public SalesforceConnectorConfig.Flow flow() {
                return flow;
            }

            public Optional<String> clientId() {
                return Optional.of("3MVG9-consumer-key");
            }

            public Optional<String> clientSecret() {
                return Optional.ofNullable(settings.get("client-secret"));
            }

            public Optional<Path> clientSecretFile() {
                return Optional.empty();
            }

            public Optional<String> username() {
                return Optional.ofNullable(settings.get("username"));
            }

            public Optional<Path> privateKeyFile() {
                return Optional.ofNullable(settings.get("private-key-file")).map(Path::of);
            }

            public Optional<String> refreshToken() {
                return Optional.empty();
            }

            public Optional<Path> refreshTokenFile() {
                return Optional.ofNullable(settings.get("refresh-token-file")).map(Path::of);
            }
        };
        return new SalesforceConnectorConfig() {
            public String loginUrl() {
                return login;
            }

            public String apiVersion() {
                return "v62.0";
            }

            public Auth auth() {
                return auth;
            }

            public Http http() {
                throw new UnsupportedOperationException("not used by the token flows");
            }

            public boolean queryAll() {
                return false;
            }

            public Duration describeCacheTtl() {
                return Duration.ofMinutes(10);
            }

            public Identity identity() {
                throw new UnsupportedOperationException("not used by the token flows");
            }
        };
    }
}
