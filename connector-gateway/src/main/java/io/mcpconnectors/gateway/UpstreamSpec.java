package io.mcpconnectors.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One upstream as configured and checked.
 *
 * @param name the name its tools, prompts and resources are exposed under ({@code <name>.<original>})
 * @param command the command line of a stdio upstream, or empty
 * @param env environment added for a stdio upstream
 * @param url the Streamable HTTP endpoint of an HTTP upstream, or null
 * @param pin the manifest SHA-256 it must offer, or null when unpinned upstreams are allowed
 * @param resourceCacheTtl how long resource reads are cached per caller, or null
 * @param token a static bearer token for an HTTP upstream, or null
 * @param assertIdentity whether callers' identities reach an HTTP upstream as signed assertions
 * @param resource the audience of assertions
 * @param connector the upstream connector's own scope prefix
 */
public record UpstreamSpec(String name, List<String> command, Map<String, String> env, URI url, String pin,
        Duration resourceCacheTtl, String token, boolean assertIdentity, String resource, String connector) {

    public UpstreamSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    public boolean stdio() {
        return url == null;
    }

    /** The settings key of one of this upstream's properties, for messages. */
    public String key(String property) {
        return "connector.gateway.upstreams." + name + "." + property;
    }

    /** Whether calls carry a credential of the gateway's (an assertion or the static token). */
    public boolean asserts() {
        return !stdio() && token == null && assertIdentity;
    }

    @Override
    public String toString() {
        // The token stays out of every rendering of the spec.
        return "UpstreamSpec[" + name + (stdio() ? ", stdio " + command.get(0) : ", " + url) + "]";
    }
}
