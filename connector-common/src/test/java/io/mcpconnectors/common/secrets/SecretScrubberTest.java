package io.mcpconnectors.common.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;


class SecretScrubberTest {

    @Test
    void removesPasswordsTokensAndUrlCredentials() {
        assertEquals("jdbc:postgresql://db?password=***&ssl=true",
                SecretScrubber.scrub("jdbc:postgresql://db?password=hunter2&ssl=true"));
        assertEquals("postgresql://app:***@db:5432/sales", SecretScrubber.scrub("postgresql://app:s3cr3t@db:5432/sales"));
        assertEquals("mongodb://u:***@h/?authSource=admin", SecretScrubber.scrub("mongodb://u:p%40ss@h/?authSource=admin"));
        assertEquals("Authorization: Bearer ***", SecretScrubber.scrub("Authorization: Bearer eyJhbGciOi.abc.def"));
        assertEquals("Authorization: Bearer *** refused", SecretScrubber.scrub(
                "Authorization: Bearer 00Dxx0000000001!AQ4AQFx7.k9_Zr8Gv refused"), "a Salesforce token, '!' and all");
        assertEquals("{\"client_secret\": \"***\"}", SecretScrubber.scrub("{\"client_secret\": \"xyz\"}"));
        assertEquals("relation \"orders\" does not exist", SecretScrubber.scrub("relation \"orders\" does not exist"));
    }

    @Test
    void scrubsEveryMessageInACauseChainAndKeepsTheStackTrace() {
        Exception cause = new IllegalArgumentException("token=abc123");
        Exception failure = new IllegalStateException("connect postgresql://a:hunter2@db failed", cause);
        Throwable scrubbed = SecretScrubber.scrub(failure);
        StringWriter printed = new StringWriter();
        scrubbed.printStackTrace(new PrintWriter(printed));
        String text = printed.toString();
        assertFalse(text.contains("hunter2"), text);
        assertFalse(text.contains("abc123"), text);
        assertTrue(text.contains("java.lang.IllegalStateException: connect postgresql://a:***@db failed"), text);
        assertTrue(text.contains("java.lang.IllegalArgumentException: token=***"), text);
        assertEquals(failure.getStackTrace()[0], scrubbed.getStackTrace()[0]);
    }
}
