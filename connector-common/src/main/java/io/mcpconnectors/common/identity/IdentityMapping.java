package io.mcpconnectors.common.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.auth.SessionPrincipals;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.AuthMode;
import io.mcpconnectors.common.config.ConnectorRuntimeConfig.IdentityMode;
import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.Connector;
import io.mcpconnectors.common.spi.ToolCallException;

/**
 * Decides as whom each call reaches the data source (no confused deputy). In service mode, the connector's own
 * identity for everyone. In mapped mode, the identity an admin wrote in {@code connector.identity.map} for the
 * caller's principal name or the values of its {@code connector.identity.claim}: only values written there are
 * ever used, never a value taken from a token; a caller without a mapping, or with two different ones, is refused.
 * The client's token itself never goes further than this connector.
 */
@ApplicationScoped
public class IdentityMapping {

    private final IdentityMode mode;
    private final Map<String, String> map;
    private final String claim;
    private final ConnectorRuntimeConfig config;

    public IdentityMapping(ConnectorRuntimeConfig config) {
        this.config = config;
        this.mode = config.identity().mode();
        this.claim = config.identity().claim().map(String::trim).filter(c -> !c.isEmpty()).orElse(null);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>();
        config.identity().map().forEach((key, value) -> {
            String previous = written.put(unquoted(key), key);
            if (previous != null) {
                // map.alice and map."alice" name the same caller: which one wins would be an accident.
                throw new InvalidSettingException("connector.identity.map." + key, "names the same key as"
                        + " connector.identity.map." + previous + "; keep one");
            }
            values.put(unquoted(key), value.trim());
        });
        this.map = Map.copyOf(values);
    }

    public boolean mapped() {
        return mode == IdentityMode.MAPPED;
    }

    /** Checks the settings at start, each mapped value by the connector itself; one line naming the key if wrong. */
    public void check(Connector connector) {
        if (!mapped()) {
            return;
        }
        if (map.isEmpty()) {
            throw new InvalidSettingException("connector.identity.map", "must map at least one principal (or claim"
                    + " value) to an identity when connector.identity.mode=mapped, e.g. connector.identity.map."
                    + "\"alice@example.com\"=analyst_role");
        }
        if (claim != null && config.auth().mode() == AuthMode.STATIC) {
            throw new InvalidSettingException("connector.identity.claim", "cannot be used with static tokens, which"
                    + " carry no claims; leave it empty to map principal names");
        }
        map.forEach((key, value) -> {
            String problem = value.isEmpty() ? "is empty" : connector.mappedIdentityProblem(value);
            if (problem != null) {
                throw new InvalidSettingException("connector.identity.map.\"" + key + "\"", "= " + value + ": "
                        + problem);
            }
        });
    }

    /**
     * The identity a caller's call runs with.
     *
     * @param caller the session's caller, or null when it is not known (an authenticated deployment)
     * @throws ToolCallException when mapped mode has no single identity for the caller
     */
    public CallerIdentity resolve(SessionPrincipals.Caller caller) {
        if (!mapped()) {
            return CallerIdentity.service(caller == null ? null : caller.principal());
        }
        if (caller == null) {
            throw new ToolCallException("Refused: the caller of this session is not known, so no data-source"
                    + " identity can be chosen; start a new session.");
        }
        TreeSet<String> identities = new TreeSet<>();
        for (String key : caller.identityKeys()) {
            String value = map.get(key);
            if (value != null) {
                identities.add(value);
            }
        }
        String keys = claim == null ? "principal " + caller.principal() : "the " + claim + " claim of "
                + caller.principal() + " (" + String.join(", ", caller.identityKeys()) + ")";
        if (identities.isEmpty()) {
            throw new ToolCallException("Refused: " + keys + " has no data-source identity in connector.identity.map;"
                    + " this connector acts only for mapped callers. Ask an admin to map it.");
        }
        if (identities.size() > 1) {
            throw new ToolCallException("Refused: " + keys + " maps to more than one data-source identity ("
                    + String.join(", ", identities) + "); the connector does not guess. Ask an admin to leave one.");
        }
        return new CallerIdentity(caller.principal(), identities.first());
    }

    /** The mapped values, for connectors that prepare something per identity. */
    public List<String> values() {
        return map.values().stream().distinct().toList();
    }

    /** A map key as written in a properties file ({@code map."alice@example.com"}) or an environment variable. */
    private static String unquoted(String key) {
        String trimmed = key.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }
}
