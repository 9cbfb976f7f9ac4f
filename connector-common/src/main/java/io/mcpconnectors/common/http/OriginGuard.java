package io.mcpconnectors.common.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.jboss.logging.Logger;

/**
 * Rejects browser requests from origins the admin did not allow (DNS-rebinding protection), whatever address the
 * HTTP transport binds. Requests without an Origin header (non-browser hosts) pass.
 */
@ApplicationScoped
public class OriginGuard {

    private final List<String> allowed;
    private final List<String> hosts;

    public OriginGuard(ConnectorRuntimeConfig config) {
        this.allowed = config.http().allowedOrigins().orElse(List.of()).stream().map(OriginGuard::canonical).toList();
        List<String> hosts = new ArrayList<>(config.http().allowedHosts().orElse(List.of("localhost",
                "127.0.0.1", "[::1]")));
        String bound = config.http().host();
        if (config.http().allowedHosts().isEmpty() && !bound.equals("0.0.0.0") && !bound.equals("::")) {
            hosts.add(bound);
        }
        this.hosts = hosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        boolean loopback = bound.equals("127.0.0.1") || bound.equals("localhost") || bound.equals("::1");
        if (config.transport() == ConnectorRuntimeConfig.Transport.HTTP && !loopback
                && config.auth().mode() == ConnectorRuntimeConfig.AuthMode.NONE) {
            Logger.getLogger(OriginGuard.class).warnf("HTTP is bound to %s without authentication:"
                    + " anyone who reaches it can use the tools. Set connector.auth.mode=oidc or static.", bound);
        }
    }

    void install(@Observes Router router) {
        router.route("/mcp*").order(Integer.MIN_VALUE + 100).handler(this::handle);
    }

    void handle(RoutingContext context) {
        // The Host header, or the :authority pseudo-header on HTTP/2.
        String host = context.request().host();
        if (host != null && !hosts.contains(hostName(host))) {
            refuse(context, 403, "host_not_allowed", "Requests for this Host are not accepted (DNS-rebinding"
                    + " protection); an admin can add it to connector.http.allowed-hosts.");
            return;
        }
        if (context.request().getParam("access_token") != null) {
            refuse(context, 400, "token_in_query", "Tokens are accepted only in the Authorization header, never in"
                    + " the URL.");
            return;
        }
        String origin = context.request().getHeader("Origin");
        if (origin == null || allowed.contains(canonical(origin)) || sameOrigin(origin, host)) {
            context.next();
            return;
        }
        context.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                .end("{\"error\":\"origin_not_allowed\",\"message\":\"Requests from this Origin are not allowed;"
                        + " an admin can add it to connector.http.allowed-origins.\"}");
    }

    private static void refuse(RoutingContext context, int status, String error, String message) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}");
    }

    /**
     * A page served by this very host (Origin's host and port equal the accepted Host header): not a rebinding,
     * which would carry the attacker's own name in both.
     */
    static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        URI uri;
        try {
            uri = URI.create(origin.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return false;
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        String value = host.trim().toLowerCase(Locale.ROOT);
        String expected = (uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
                : uri.getHost()).toLowerCase(Locale.ROOT);
        return value.equals(expected + ":" + port) || (value.equals(expected) && port == 80);
    }

    /** The host part of a Host header, lower case, without the port. */
    static String hostName(String host) {
        String value = host.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    private static String canonical(String origin) {
        String value = origin.trim().toLowerCase(Locale.ROOT);
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
