package io.mcpconnectors.salesforce;

import java.time.Duration;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import io.mcpconnectors.salesforce.SalesforceAuth.AuthenticationException;
import io.mcpconnectors.salesforce.SalesforceAuth.Token;

/**
 * The access tokens of the Salesforce users that callers are mapped to ({@code connector.identity.mode=mapped}):
 * one per username, obtained by signing in as that user (the JWT bearer flow with the username as subject), and
 * looked up only by that username, so a token issued for one user is never sent for another. A token is reused
 * until {@code connector.salesforce.identity.token-ttl} has passed or Salesforce refuses it, whichever comes
 * first; renewing one user's token leaves every other user's alone. At most
 * {@code connector.salesforce.identity.token-cache-size} users' tokens are kept; a user dropped beyond that is
 * signed in again on the next call.
 */
final class SalesforceUserTokens {

    private final Function<String, Token> signIn;
    private final Cache<String, Token> tokens;

    /**
     * @param signIn signs in as a username and returns its new token
     * @param ticker the clock the token lifetime is measured with
     */
    SalesforceUserTokens(Function<String, Token> signIn, Duration ttl, int maxUsers, Ticker ticker) {
        this.signIn = signIn;
        this.tokens = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(Math.max(1, maxUsers)).ticker(ticker)
                .build();
    }

    /** The user's token, signing in first when there is none (one sign-in for concurrent first calls). */
    Token token(String username) {
        return tokens.get(username, signIn);
    }

    /**
     * A new token for the user, unless another call already replaced {@code stale} (the one Salesforce refused),
     * in which case that newer one. When signing in fails the refused token is dropped too.
     */
    Token refresh(String username, Token stale) {
        try {
            return tokens.asMap().compute(username,
                    (name, current) -> current != null && current != stale ? current : signIn.apply(name));
        } catch (AuthenticationException e) {
            tokens.asMap().remove(username, stale);
            throw e;
        }
    }

    /** Usernames whose tokens are held now. */
    long size() {
        tokens.cleanUp();
        return tokens.estimatedSize();
    }
}
