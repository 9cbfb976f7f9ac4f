package io.mcpconnectors.common.spi;

import java.util.List;

/**
 * Identity and health of the data source a connector application serves. Exactly one bean per application.
 */
public interface Connector {

    /** Short name used in audit records and scopes, e.g. {@code filesystem}. */
    String name();

    /**
     * The prefixes of the scopes that give access to this application's tools: {@code <prefix>:read}, {@code :write},
     * {@code :admin}. A connector has one, its name; a gateway has one per upstream.
     */
    default List<String> scopePrefixes() {
        return List.of(name());
    }

    /** Whether the source reaches beyond a closed set of data (a SaaS API, the web); sets openWorldHint. */
    default boolean openWorld() {
        return false;
    }

    /**
     * Called once at start, before any tool is registered: checks the connector's settings and that the source can
     * be reached. Throw {@code InvalidSettingException} naming the key to fix.
     */
    default void verify() {
    }

    /**
     * With {@code connector.identity.mode=mapped}: what is wrong with one value of {@code connector.identity.map}
     * as this connector's identity (a role name it cannot use, a repository outside the allowlist, a root outside
     * the configured roots), or null when it can be used. Checked at start for every value. A connector that cannot
     * act as anyone but itself says so for every value.
     */
    default String mappedIdentityProblem(String value) {
        return "this connector cannot act as another identity";
    }

    /**
     * Whether every tool this connector serves is a {@code ConnectorTool} bean known at start, so that a tool name in
     * {@code connector.tools.allow/deny} that matches none of them is a typo. A connector whose tools arrive later
     * (a gateway's, from its upstreams) says no.
     */
    default boolean toolsKnownAtStart() {
        return true;
    }

    /**
     * Who approves this connector's writes, when not this process's approval gate ({@code connector.approval.*}): a
     * gateway forwards writes to the connectors that run them, which ask for their confirmation themselves. The
     * runtime says so at start instead of naming its own approval settings.
     *
     * @return a description of who approves writes, or {@code null} when this process's approval gate does
     */
    default String writesApprovedElsewhere() {
        return null;
    }

    /**
     * Checks that the source can be reached with the configured identity.
     *
     * @return a problem description, or {@code null} when healthy
     */
    String healthProblem();

    /**
     * Whether the identity the connector runs as can change data although writes are disabled; the runtime
     * warns at start when it can.
     *
     * @return a description of the excess right, or {@code null}
     */
    default String excessWriteRight() {
        return null;
    }
}
