package io.mcpconnectors.common.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;


class KnownSecretsTest {

    /** A Salesforce access token: org id, '!', the rest. */
    static final String SALESFORCE_TOKEN = "00Dxx0000000001!AQ4AQFx7.k9_Zr8Gv/QmPn+Lh2sT=";

    final KnownSecrets secrets = new KnownSecrets();

    @Test
    void removesARegisteredValueWhereverItStandsWholeAndAlone() {
        secrets.register("Salesforce access token", SALESFORCE_TOKEN);
        assertEquals("echo: [REDACTED]", secrets.scrub("echo: " + SALESFORCE_TOKEN));
        assertEquals("[REDACTED]", secrets.scrub(SALESFORCE_TOKEN));
        assertEquals("Authorization: Bearer [REDACTED] was refused",
                secrets.scrub("Authorization: Bearer " + SALESFORCE_TOKEN + " was refused"));
        assertFalse(secrets.scrubMessage("x" + SALESFORCE_TOKEN + "x").contains("AQ4AQFx7"));
    }

    @Test
    void removesTheJsonEscapedAndUrlEncodedForms() {
        String secret = "s3cr\"et/with\\odd+chars!";
        secrets.register("connector.x.client-secret", secret);
        String json = "{\"error_description\":\"bad client_secret s3cr\\\"et\\/with\\\\odd+chars!\"}";
        assertEquals("{\"error_description\":\"bad client_secret [REDACTED]\"}", secrets.scrub(json));
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        assertEquals("client_secret=[REDACTED]&x=1", secrets.scrub("client_secret=" + form + "&x=1"));
        assertEquals("s3cr%22et%2Fwith%5Codd%2Bchars%21", form);
        assertEquals("client_secret=[REDACTED]", secrets.scrub("client_secret=s3cr%22et%2fwith%5codd%2bchars%21"));
        assertTrue(secrets.appearIn("…" + form + "…"));
    }

    @Test
    void removesEveryLineOfAPrivateKey() {
        String line1 = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";
        String line2 = "Xq9kZ2b3JwbGFjZWhvbGRlciBrZXkgbWF0ZXJpYWwgZm9yIHRlc3Rz";
        secrets.registerPem("connector.x.private-key-file", "-----BEGIN PRIVATE KEY-----\n" + line1 + "\n" + line2
                + "\nAB==\n-----END PRIVATE KEY-----\n");
        assertEquals("bad key [REDACTED]", secrets.scrub("bad key " + line2));
        assertEquals("[REDACTED]", secrets.scrub(line1 + line2 + "AB=="));
        assertEquals("-----BEGIN PRIVATE KEY-----", secrets.scrub("-----BEGIN PRIVATE KEY-----"));
    }

    @Test
    void keepsTheCurrentAndThePreviousValueOfAName() {
        secrets.register("GitHub App installation token", "ghs_first_token_0001");
        secrets.register("GitHub App installation token", "ghs_second_token_002");
        secrets.register("GitHub App installation token", "ghs_third_token_0003");
        assertEquals("[REDACTED] [REDACTED] ghs_first_token_0001",
                secrets.scrub("ghs_third_token_0003 ghs_second_token_002 ghs_first_token_0001"));
    }

    @Test
    void aValueThatContainsAnotherIsRemovedWhole() {
        secrets.register("short", "abcdefgh");
        secrets.register("long", "abcdefgh-and-more");
        assertEquals("[REDACTED] [REDACTED]", secrets.scrub("abcdefgh-and-more abcdefgh"));
    }

    @Test
    void leavesOrdinaryTextAndTooShortValuesAlone() {
        secrets.register("too short", "abc");
        secrets.register("blank", "   ");
        secrets.register("missing", null);
        String text = "abc is not a secret";
        assertSame(text, secrets.scrub(text));
        assertSame(text, secrets.scrubValue(text));
        assertFalse(secrets.appearIn(text));
    }

    @Test
    void scrubsKeysAndValuesOfNestedData() {
        secrets.register("token", "tok_0123456789");
        Object scrubbed = secrets.scrubValue(Map.of("list", List.of("a tok_0123456789 b", 7),
                "tok_0123456789", Map.of("k", true)));
        assertEquals(Map.of("list", List.of("a [REDACTED] b", 7), "[REDACTED]", Map.of("k", true)), scrubbed);
    }

    @Test
    void scrubsFailuresForTheLogByValueAndByPattern() {
        secrets.register("token", "tok_0123456789");
        Throwable failure = new IllegalStateException("request with tok_0123456789 failed",
                new IllegalArgumentException("password=hunter2"));
        StringWriter printed = new StringWriter();
        secrets.scrub(failure).printStackTrace(new PrintWriter(printed));
        assertFalse(printed.toString().contains("tok_0123456789"), printed.toString());
        assertFalse(printed.toString().contains("hunter2"), printed.toString());
        assertTrue(printed.toString().contains("java.lang.IllegalStateException: request with [REDACTED] failed"));
    }

    @Test
    void registersThePasswordOfAConnectionUrlAsTheDriverReadsIt() {
        secrets.registerUrlPassword("connector.store.jdbc-url",
                "jdbc:postgresql://db:5432/app?user=app&password=url-Secret%2142&ssl=true");
        secrets.registerUrlPassword("connector.mongodb.connection-string",
                "mongodb://reader:p%40ss-word-9@db1:27017,db2:27017/?authSource=admin");
        secrets.registerUrlPassword("no password", "postgresql://db:5432/app?user=app");
        assertEquals("[REDACTED] [REDACTED] app", secrets.scrub("url-Secret!42 p@ss-word-9 app"));
        assertEquals("mongodb://reader:[REDACTED]@db1", secrets.scrub("mongodb://reader:p%40ss-word-9@db1"));
    }
}
