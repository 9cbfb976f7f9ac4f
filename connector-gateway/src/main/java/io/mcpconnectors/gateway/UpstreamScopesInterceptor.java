package io.mcpconnectors.gateway;

import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

/**
 * The scopes the gateway's Protected Resource Metadata (RFC 9728, served in {@code oidc} mode) lists: the ones its
 * callers can be given, {@code <upstream>:read}, {@code :write}, {@code :admin} and {@code :approve} for every
 * configured upstream ({@code connector.gateway.upstreams.<name>.command} or {@code .url}), instead of the runtime's
 * {@code <connector>:*}, which mean nothing at the gateway. A value an admin sets for
 * {@code quarkus.oidc.resource-metadata.scopes} wins.
 */
@Priority(Priorities.APPLICATION + 200)
public class UpstreamScopesInterceptor implements ConfigSourceInterceptor {

    private static final long serialVersionUID = 1L;

    static final String SCOPES = "quarkus.oidc.resource-metadata.scopes";
    private static final Pattern PROPERTY = Pattern
            .compile("connector\\.gateway\\.upstreams\\.(\"?)([^.\"]+)\\1\\.(command|url)");
    private static final Pattern ENVIRONMENT = Pattern.compile("CONNECTOR_GATEWAY_UPSTREAMS_(.+)_(COMMAND|URL)");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue given = context.proceed(name);
        if (!SCOPES.equals(name) || given != null && given.getValue() != null
                && given.getConfigSourceOrdinal() > Integer.MIN_VALUE) {
            return given;
        }
        Set<String> upstreams = upstreams(context);
        if (upstreams.isEmpty()) {
            return given;
        }
        StringBuilder scopes = new StringBuilder();
        for (String upstream : upstreams) {
            for (String access : new String[] { "read", "write", "admin", "approve" }) {
                scopes.append(scopes.isEmpty() ? "" : ",").append(upstream).append(':').append(access);
            }
        }
        return ConfigValue.builder().withName(name).withValue(scopes.toString())
                .withConfigSourceName("gateway upstreams").withConfigSourceOrdinal(Integer.MIN_VALUE).build();
    }

    /** The names of the configured upstreams, as properties or environment variables give them. */
    static Set<String> upstreams(ConfigSourceInterceptorContext context) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> all = context.iterateNames(); all.hasNext();) {
            String key = all.next();
            Matcher property = PROPERTY.matcher(key);
            if (property.matches()) {
                names.add(property.group(2));
                continue;
            }
            Matcher environment = ENVIRONMENT.matcher(key);
            if (environment.matches()) {
                names.add(environment.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
