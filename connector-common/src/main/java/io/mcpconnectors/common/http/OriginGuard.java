package io.mcpconnectors.common.http;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Rejects browser requests from origins the admin did not allow (DNS-rebinding protection), whatever address the
 * HTTP transport binds. Requests without an Origin header (non-browser hosts) pass.
 */
@ApplicationScoped
public class OriginGuard {

    private final List<String> allowed;

    public OriginGuard(ConnectorRuntimeConfig config) {
        this.allowed = config.http().allowedOrigins().orElse(List.of()).stream().map(OriginGuard::canonical).toList();
    }

    void install(@Observes Router router) {
        router.route("/mcp*").order(Integer.MIN_VALUE + 100).handler(this::handle);
    }

    void handle(RoutingContext context) {
        String origin = context.request().getHeader("Origin");
        if (origin == null || allowed.contains(canonical(origin))) {
            context.next();
            return;
        }
        context.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                .end("{\"error\":\"origin_not_allowed\",\"message\":\"Requests from this Origin are not allowed;"
                        + " an admin can add it to connector.http.allowed-origins.\"}");
    }

    private static String canonical(String origin) {
        String value = origin.trim().toLowerCase(Locale.ROOT);
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
