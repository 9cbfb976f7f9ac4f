package io.mcpconnectors.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mcpconnectors.common.auth.SessionPrincipals;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonMapper;

/**
 * A connector reached over Streamable HTTP. With identity assertions (the default), each caller gets an MCP session
 * of its own whose requests carry a short-lived assertion of that caller's identity, signed by the gateway, also on a
 * gateway without authentication (its caller, {@code anonymous} or {@code local:<user>}, with the scopes of the
 * access classes the gateway enables); the catalog is listed on the gateway's own session, which no caller's request
 * travels on. With a static token, one session carries it for everyone. The caller's own token is never sent. When
 * the upstream no longer knows a session (it restarted), the upstream counts as lost: the supervisor connects again
 * and checks its manifest again before anything of it is served.
 */
final class HttpLink implements UpstreamLink {

    /** Per-caller sessions end after this long unused. */
    static final Duration IDLE = Duration.ofMinutes(10);
    /**
     * Most sessions one principal holds at one upstream at a time. A principal has one per distinct set of scopes,
     * identity claims and elicitation support; tokens that vary these could otherwise open sessions without end.
     */
    static final int MAX_SESSIONS_PER_PRINCIPAL = 16;

    private final UpstreamSpec spec;
    private final McpJsonMapper json;
    private final LinkSettings settings;
    private final IdentityAssertions assertions;
    private final Runnable onLost;
    private final SharedHttpClient http = new SharedHttpClient(Duration.ofSeconds(10));
    private final UpstreamSession catalog;
    private final Cache<SessionKey, UpstreamSession> sessions;

    private record SessionKey(String principal, Set<String> scopes, List<String> claimValues, boolean elicitation) {
    }

    /** @param onLost what to do when the upstream no longer knows a session of the gateway's (it restarted) */
    HttpLink(UpstreamSpec spec, McpJsonMapper json, LinkSettings settings, IdentityAssertions assertions,
            Runnable onListChanged, Runnable onLost) {
        this.spec = spec;
        this.onLost = onLost;
        this.json = json;
        this.settings = settings;
        this.assertions = assertions;
        this.sessions = Caffeine.newBuilder().expireAfterAccess(IDLE).maximumSize(10_000)
                .<SessionKey, UpstreamSession>removalListener((key, session, cause) -> {
                    if (session != null) {
                        session.close();
                    }
                }).build();
        Supplier<String> credential;
        if (spec.token() != null) {
            String token = spec.token();
            credential = () -> token;
        } else if (spec.assertIdentity()) {
            credential = new Renewing(() -> assertions.forCatalog(spec));
        } else {
            credential = () -> null;
        }
        // With a static token (or no credential) callers share this session, as they share the token.
        this.catalog = session(credential, true, true, onListChanged);
    }

    private UpstreamSession session(Supplier<String> credential, boolean elicitation, boolean shared,
            Runnable listChanged) {
        String base = spec.url().getScheme() + "://" + spec.url().getRawAuthority();
        String path = spec.url().getRawPath() == null || spec.url().getRawPath().isEmpty() ? "/mcp"
                : spec.url().getRawPath();
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base).endpoint(path)
                .jsonMapper(json).clientBuilder(http)
                .httpRequestCustomizer((request, method, uri, body, context) -> {
                    String token = credential.get();
                    if (token != null) {
                        request.header("Authorization", "Bearer " + token);
                    }
                }).build();
        return new UpstreamSession(spec.name(), transport, elicitation, shared, settings.requestTimeout(),
                settings.confirmationTimeout(), settings.cancellations(), listChanged, onLost);
    }

    @Override
    public String open() {
        return catalog.initialize(settings.startTimeout());
    }

    @Override
    public UpstreamSession catalog() {
        return catalog;
    }

    @Override
    public UpstreamSession session(SessionPrincipals.Caller caller, boolean elicitation) {
        if (spec.token() != null || !spec.assertIdentity()) {
            return catalog;
        }
        SessionKey key = new SessionKey(caller.principal(), caller.scopes(), caller.identityKeys(), elicitation);
        UpstreamSession open = sessions.getIfPresent(key);
        if (open != null) {
            return open;
        }
        long held = sessions.asMap().keySet().stream().filter(k -> k.principal().equals(key.principal())).count();
        if (held >= MAX_SESSIONS_PER_PRINCIPAL) {
            throw new UpstreamSupervisor.UnavailableException("Refused: " + key.principal() + " already holds "
                    + held + " sessions with upstream " + spec.name() + " (one per distinct set of scopes and identity"
                    + " claims in its tokens); try again once some have been idle for " + IDLE.toMinutes()
                    + " minutes, or use tokens with the same scopes.");
        }
        // Changes of the catalog are followed on the gateway's own session; callers' sessions need not.
        return sessions.get(key, k -> session(new Renewing(() -> assertions.forCaller(spec, k.principal(), k.scopes(),
                k.claimValues())), k.elicitation(), false, () -> {
                }));
    }

    @Override
    public void close() {
        sessions.invalidateAll();
        sessions.cleanUp();
        catalog.close();
        http.close();
    }

    /** An assertion kept until shortly before it expires, then signed anew. */
    private static final class Renewing implements Supplier<String> {
        private final Supplier<IdentityAssertions.Assertion> sign;
        private volatile IdentityAssertions.Assertion current;

        Renewing(Supplier<IdentityAssertions.Assertion> sign) {
            this.sign = sign;
        }

        @Override
        public String get() {
            IdentityAssertions.Assertion assertion = current;
            if (assertion == null || Instant.now().plusSeconds(15).isAfter(assertion.expiresAt())) {
                assertion = sign.get();
                current = assertion;
            }
            return assertion.token();
        }
    }
}
