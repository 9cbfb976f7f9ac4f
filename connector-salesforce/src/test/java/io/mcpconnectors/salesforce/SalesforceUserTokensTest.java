package io.mcpconnectors.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.salesforce.SalesforceAuth.AuthenticationException;
import io.mcpconnectors.salesforce.SalesforceAuth.Token;

/** The per-user token cache: one token per username, renewed per username, expiring and bounded. */
class SalesforceUserTokensTest {

    /** Sign-ins made, by username; each issues a new token naming its user and its number. */
    private final List<String> signIns = new CopyOnWriteArrayList<>();
    private final Set<String> refused = new CopyOnWriteArraySet<>();
    private final AtomicLong nanos = new AtomicLong();

    private SalesforceUserTokens tokens(int maxUsers) {
        return new SalesforceUserTokens(username -> {
            if (refused.contains(username)) {
                throw new AuthenticationException("the token endpoint refused the jwt-bearer grant: invalid_grant");
            }
            signIns.add(username);
            return new Token("00D!" + username + "#" + signIns.size(), "https://acme.my.salesforce.com");
        }, Duration.ofHours(1), maxUsers, nanos::get);
    }

    @Test
    void eachUserHasItsOwnTokenReusedUntilRenewed() {
        SalesforceUserTokens tokens = tokens(10);
        Token alice = tokens.token("alice@acme.com");
        Token bob = tokens.token("bob@acme.com");
        assertTrue(alice.accessToken().startsWith("00D!alice@acme.com#"));
        assertTrue(bob.accessToken().startsWith("00D!bob@acme.com#"));
        assertSame(alice, tokens.token("alice@acme.com"), "reused");
        assertEquals(List.of("alice@acme.com", "bob@acme.com"), signIns);
    }

    @Test
    void renewingOneUsersTokenLeavesTheOthersAlone() {
        SalesforceUserTokens tokens = tokens(10);
        Token alice = tokens.token("alice@acme.com");
        Token bob = tokens.token("bob@acme.com");
        Token renewed = tokens.refresh("alice@acme.com", alice);
        assertNotEquals(alice, renewed);
        assertTrue(renewed.accessToken().startsWith("00D!alice@acme.com#"));
        assertSame(renewed, tokens.refresh("alice@acme.com", alice), "a stale token is not renewed twice");
        assertSame(bob, tokens.token("bob@acme.com"));
        assertEquals(List.of("alice@acme.com", "bob@acme.com", "alice@acme.com"), signIns);
    }

    @Test
    void aTokenIsReplacedOnceItsLifetimeHasPassed() {
        SalesforceUserTokens tokens = tokens(10);
        Token first = tokens.token("alice@acme.com");
        nanos.addAndGet(Duration.ofMinutes(59).toNanos());
        assertSame(first, tokens.token("alice@acme.com"));
        nanos.addAndGet(Duration.ofMinutes(2).toNanos());
        assertNotEquals(first, tokens.token("alice@acme.com"));
        assertEquals(2, signIns.size());
    }

    @Test
    void aFailedRenewalDropsTheRefusedTokenAndSaysWhy() {
        SalesforceUserTokens tokens = tokens(10);
        Token alice = tokens.token("alice@acme.com");
        refused.add("alice@acme.com");
        assertThrows(AuthenticationException.class, () -> tokens.refresh("alice@acme.com", alice));
        assertThrows(AuthenticationException.class, () -> tokens.token("alice@acme.com"),
                "the refused token is not handed out again");
        refused.clear();
        assertNotEquals(alice, tokens.token("alice@acme.com"));
    }

    @Test
    void holdsAtMostTheConfiguredNumberOfUsers() {
        SalesforceUserTokens tokens = tokens(2);
        for (int i = 0; i < 20; i++) {
            tokens.token("user" + i + "@acme.com");
        }
        assertTrue(tokens.size() <= 2, "held: " + tokens.size());
    }
}
