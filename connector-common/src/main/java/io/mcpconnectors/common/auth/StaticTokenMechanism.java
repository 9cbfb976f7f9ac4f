package io.mcpconnectors.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.InvalidSettingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Static bearer tokens for small deployments ({@code connector.auth.mode=static}): the configuration holds only
 * the SHA-256 of each token, with its principal and scopes. A presented token is hashed and compared in constant
 * time. Only the Authorization header is read, never the query string; the token itself is never stored or logged.
 */
@ApplicationScoped
public class StaticTokenMechanism implements HttpAuthenticationMechanism {

    private record Entry(String principal, byte[] sha256, Set<String> scopes) {
    }

    private final boolean active;
    private final List<Entry> entries;

    public StaticTokenMechanism(ConnectorRuntimeConfig config) {
        this.active = config.auth().mode() == ConnectorRuntimeConfig.AuthMode.STATIC;
        Map<String, ConnectorRuntimeConfig.Auth.StaticToken> tokens = config.auth().tokens();
        if (active && tokens.isEmpty()) {
            throw new InvalidSettingException("connector.auth.tokens", "must hold at least one token"
                    + " (connector.auth.tokens.<principal>.sha256 and .scopes) when connector.auth.mode=static");
        }
        this.entries = tokens.entrySet().stream().map(e -> {
            String hex = e.getValue().sha256().trim().toLowerCase();
            if (!hex.matches("[0-9a-f]{64}")) {
                throw new InvalidSettingException("connector.auth.tokens." + e.getKey() + ".sha256",
                        "must be the 64 hex digits of the token's SHA-256 (e.g. printf %s TOKEN | sha256sum)");
            }
            return new Entry(e.getKey(), HexFormat.of().parseHex(hex), Set.copyOf(e.getValue().scopes()));
        }).toList();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!active) {
            return Uni.createFrom().nullItem();
        }
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().nullItem();
        }
        byte[] presented = sha256(header.substring(7).trim());
        Entry match = null;
        for (Entry entry : entries) {
            // Every entry is compared, each in constant time, so timing says nothing about which came close.
            if (MessageDigest.isEqual(entry.sha256(), presented) && match == null) {
                match = entry;
            }
        }
        if (match == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown bearer token"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(match.principal()))
                .addRoles(match.scopes()).build());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (!active) {
            return Uni.createFrom().nullItem();
        }
        // RFC 6750 section 3.1: a request without a token gets the bare challenge; a token that was presented and
        // refused is named as such, so a client (and the person configuring it) knows to replace the token rather
        // than to add one.
        String header = context.request().getHeader("Authorization");
        boolean presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", presented
                ? "Bearer realm=\"mcp\", error=\"invalid_token\", error_description=\"the bearer token is not one"
                        + " this server accepts; use a token configured in connector.auth.tokens\""
                : "Bearer realm=\"mcp\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
