package io.mcpconnectors.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.InvalidSettingException;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The short-lived assertions that carry a caller's identity to an HTTP upstream instead of the caller's own token
 * (which never leaves the gateway): RS256 JWTs signed by the gateway, issuer = {@code connector.gateway.issuer},
 * audience = that upstream's resource URI, subject = the caller's principal, scopes = the caller's scopes for that
 * upstream under the upstream connector's own names ({@code <upstream>:read} becomes {@code <connector>:read}), and
 * the values of {@code connector.identity.claim} copied, so the upstream's user-bound access works as if the caller
 * had come directly. The public key is served as a JWKS for upstreams to verify with.
 */
@ApplicationScoped
public class IdentityAssertions {

    /** How long one assertion is valid; sessions sign a new one before it ends. */
    static final Duration LIFETIME = Duration.ofSeconds(60);
    /** The principal the gateway lists an upstream's catalog as. */
    static final String GATEWAY_PRINCIPAL = "connector-gateway";
    private static final String[] LEVELS = { "read", "write", "admin" };

    private final GatewayConfig config;
    private final KnownSecrets secrets;
    private final String claim;
    private volatile Keys keys;

    private record Keys(PrivateKey privateKey, RSAPublicKey publicKey, String keyId) {
    }

    /** A signed assertion and when it stops being valid. */
    record Assertion(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Assertion[expires " + expiresAt + "]";
        }
    }

    public IdentityAssertions(GatewayConfig config, KnownSecrets secrets, ConnectorRuntimeConfig runtime) {
        this.config = config;
        this.secrets = secrets;
        this.claim = runtime.identity().claim().map(String::trim).filter(c -> !c.isEmpty()).orElse(null);
    }

    /**
     * An assertion of a caller's identity for one upstream.
     *
     * @param scopes the caller's scopes at the gateway; only this upstream's are carried, renamed
     * @param claimValues the caller's values of {@code connector.identity.claim}, copied under that claim
     */
    Assertion forCaller(UpstreamSpec upstream, String principal, Collection<String> scopes,
            Collection<String> claimValues) {
        Set<String> carried = new TreeSet<>();
        for (String scope : scopes) {
            if (scope.startsWith(upstream.name() + ":")) {
                carried.add(upstream.connector() + scope.substring(upstream.name().length()));
            }
        }
        JwtClaimsBuilder claims = claims(upstream, principal, carried);
        if (claim != null) {
            claims.claim(claim, claimValues);
        }
        return sign(claims);
    }

    /**
     * An assertion for an approver at one upstream's admin endpoint: the caller's principal with the one scope that
     * endpoint requires ({@code <connector>:approve}), which the caller holds at the gateway for this upstream. It
     * carries nothing else of the caller's, so it opens the admin endpoint only, as the approver.
     */
    Assertion forApprover(UpstreamSpec upstream, String principal) {
        return sign(claims(upstream, principal, Set.of(upstream.connector() + ":approve")));
    }

    /** The gateway's own assertion for listing an upstream's catalog: every access class, so it sees every tool. */
    Assertion forCatalog(UpstreamSpec upstream) {
        Set<String> all = new TreeSet<>();
        for (String level : LEVELS) {
            all.add(upstream.connector() + ":" + level);
        }
        return sign(claims(upstream, GATEWAY_PRINCIPAL, all));
    }

    private JwtClaimsBuilder claims(UpstreamSpec upstream, String principal, Set<String> scopes) {
        Instant now = Instant.now();
        return Jwt.claims().issuer(issuer()).audience(upstream.resource()).subject(principal)
                .claim("preferred_username", principal).claim("scope", String.join(" ", scopes))
                .issuedAt(now).expiresAt(now.plus(LIFETIME));
    }

    private Assertion sign(JwtClaimsBuilder claims) {
        Keys current = keys();
        Instant expires = Instant.now().plus(LIFETIME);
        return new Assertion(claims.jws().keyId(current.keyId()).algorithm(SignatureAlgorithm.RS256)
                .sign(current.privateKey()), expires);
    }

    String issuer() {
        return config.issuer().map(String::trim).map(i -> i.endsWith("/") ? i.substring(0, i.length() - 1) : i)
                .orElse("");
    }

    /** The JWKS document: the one public key, by its key id. */
    String jwks() {
        Keys current = keys();
        RsaJsonWebKey jwk = new RsaJsonWebKey(current.publicKey());
        jwk.setKeyId(current.keyId());
        jwk.setUse("sig");
        jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        return "{\"keys\":[" + jwk.toJson() + "]}";
    }

    /** The discovery document an OpenID-configured upstream reads to find the JWKS. */
    Map<String, Object> discovery() {
        String issuer = issuer();
        return Map.of("issuer", issuer, "jwks_uri", issuer + "/.well-known/jwks.json",
                "id_token_signing_alg_values_supported", List.of("RS256"), "subject_types_supported",
                List.of("public"), "response_types_supported", List.of("token"));
    }

    private Keys keys() {
        Keys current = keys;
        if (current == null) {
            synchronized (this) {
                current = keys;
                if (current == null) {
                    current = load();
                    keys = current;
                }
            }
        }
        return current;
    }

    private Keys load() {
        try {
            if (config.signingKeyFile().isEmpty()) {
                KeyPair pair = KeyUtils.generateKeyPair(2048);
                return keys(pair.getPrivate(), (RSAPublicKey) pair.getPublic());
            }
            Path file = config.signingKeyFile().get();
            String pem;
            try {
                pem = Files.readString(file);
            } catch (IOException e) {
                throw new InvalidSettingException("connector.gateway.signing-key-file", "cannot be read: " + file);
            }
            secrets.registerPem("connector.gateway.signing-key-file", pem);
            PrivateKey key;
            try {
                key = KeyUtils.decodePrivateKey(KeyUtils.removePemKeyBeginEnd(pem));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new InvalidSettingException("connector.gateway.signing-key-file", "is not a PEM PKCS#8 RSA"
                        + " private key (-----BEGIN PRIVATE KEY-----)");
            }
            if (!(key instanceof RSAPrivateCrtKey rsa) || rsa.getModulus().bitLength() < 2048) {
                throw new InvalidSettingException("connector.gateway.signing-key-file", "must hold an RSA key of at"
                        + " least 2048 bits");
            }
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            return keys(key, publicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available: " + e.getMessage());
        }
    }

    /** The key id is derived from the public key, so it changes exactly when the key does. */
    private static Keys keys(PrivateKey privateKey, RSAPublicKey publicKey) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
        String keyId = Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
        return new Keys(privateKey, publicKey, keyId);
    }

    /** Checks the key at start, so a bad key file stops the start with one line. */
    void check() {
        keys();
    }
}
