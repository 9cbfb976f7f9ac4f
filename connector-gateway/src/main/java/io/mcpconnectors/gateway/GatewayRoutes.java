package io.mcpconnectors.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The documents HTTP upstreams verify the gateway's identity assertions with: its JWKS and an OpenID discovery
 * document naming it, at the well-known paths under {@code connector.gateway.issuer}. Public keys only; no
 * authentication needed to read them.
 */
@ApplicationScoped
public class GatewayRoutes {

    private final IdentityAssertions assertions;

    public GatewayRoutes(IdentityAssertions assertions) {
        this.assertions = assertions;
    }

    void install(@Observes Router router) {
        router.get("/.well-known/jwks.json").handler(context -> context.response()
                .putHeader("Content-Type", "application/json").putHeader("Cache-Control", "max-age=300")
                .end(assertions.jwks()));
        router.get("/.well-known/openid-configuration").handler(context -> {
            if (assertions.issuer().isEmpty()) {
                context.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                        .end("{\"error\":\"not_found\",\"message\":\"connector.gateway.issuer is not set\"}");
                return;
            }
            context.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject(assertions.discovery()).encode());
        });
    }
}
