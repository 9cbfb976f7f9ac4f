package io.mcpconnectors.common.auth;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The scopes that let a caller see and call each registered tool: any one of them is enough. Whoever registers a
 * tool says what it needs (the runtime for a connector's tools, {@code <connector>:<access class>}; a gateway for the
 * tools of its upstreams, {@code <upstream>:<access class>}), and the tool filter applies it to every authenticated
 * session. A tool nobody declared is seen by no authenticated caller.
 */
@ApplicationScoped
public class ToolScopes {

    private final Map<String, Set<String>> required = new ConcurrentHashMap<>();

    /** Declares that {@code tool} is visible and callable with any one of {@code anyOf}. */
    public void require(String tool, Set<String> anyOf) {
        required.put(tool, Set.copyOf(anyOf));
    }

    /** Forgets a tool that is no longer registered. */
    public void forget(String tool) {
        required.remove(tool);
    }

    /** Whether a caller holding {@code scopes} may see and call {@code tool}. */
    public boolean allows(String tool, Set<String> scopes) {
        Set<String> anyOf = required.get(tool);
        if (anyOf == null) {
            return false;
        }
        for (String scope : anyOf) {
            if (scopes.contains(scope)) {
                return true;
            }
        }
        return false;
    }
}
