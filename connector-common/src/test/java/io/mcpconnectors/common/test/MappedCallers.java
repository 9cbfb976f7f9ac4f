package io.mcpconnectors.common.test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;

import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;

/**
 * The callers of a user-bound access test: alice, bob, carol and mallory, each with a static token of its own, each
 * talking to the connector under test through sessions of its own, closed after every test. Which of them has a
 * data-source identity is the test's choice ({@code connector.identity.map}); mallory never has one.
 */
public abstract class MappedCallers {

    public static final String ALICE = "alice-token-0123456789";
    public static final String BOB = "bob-token-0123456789ab";
    public static final String CAROL = "carol-token-0123456789";
    public static final String MALLORY = "mallory-token-01234567";

    private static final Map<String, String> TOKENS = Map.of("alice", ALICE, "bob", BOB, "carol", CAROL, "mallory",
            MALLORY);

    private final List<McpStreamableTestClient> sessions = new ArrayList<>();

    /**
     * The settings every user-bound test starts from: static tokens for the four callers, with the connector's read
     * and write scopes; identity mapped as {@code identities} says (principal to mapped value); write tools
     * registered behind an admin's approval; the audit written to {@code audit}. A test adds what is its own.
     */
    public static Map<String, String> mappedSettings(String connector, Map<String, String> identities, Path audit) {
        if (identities.containsKey("mallory")) {
            throw new IllegalArgumentException("mallory is the caller without an identity");
        }
        Map<String, String> config = new HashMap<>();
        config.put("connector.auth.mode", "static");
        TOKENS.forEach((principal, token) -> McpCalls.staticToken(config, principal, token,
                connector + ":read," + connector + ":write"));
        config.put("connector.identity.mode", "mapped");
        identities.forEach((principal, value) -> config.put("connector.identity.map." + principal, value));
        config.put("connector.access.writes", "enabled");
        config.put("connector.approval.mode", "admin");
        config.put("connector.audit.file", audit.toString());
        return config;
    }

    /** A new session of the caller holding {@code token}. */
    protected McpStreamableTestClient as(String token) {
        return closedAfterTest(McpCalls.connect(token));
    }

    /** Closes {@code session} after the test, with the caller's other sessions. */
    protected McpStreamableTestClient closedAfterTest(McpStreamableTestClient session) {
        sessions.add(session);
        return session;
    }

    @AfterEach
    void disconnectCallers() {
        sessions.forEach(McpStreamableTestClient::disconnect);
        sessions.clear();
    }
}
