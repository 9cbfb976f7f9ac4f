package io.mcpconnectors.common.spi;

import java.util.Arrays;
import java.util.List;

/**
 * Who a call acts for, and as whom the connector reaches its data source for it.
 *
 * @param principal who calls: the authenticated principal, {@code local:<user>} on stdio, or {@code anonymous}
 * @param mapped with {@code connector.identity.mode=mapped}, the connector's identity for this caller as an admin
 *        wrote it in {@code connector.identity.map} (a database role, a Salesforce username, a credential set, a
 *        list of repositories or roots); null in service mode, where the connector's own identity is used
 */
public record CallerIdentity(String principal, String mapped) {

    /** A caller acting with the connector's own identity (service mode). */
    public static CallerIdentity service(String principal) {
        return new CallerIdentity(principal, null);
    }

    public boolean isMapped() {
        return mapped != null;
    }

    /** The mapped value read as a comma-separated list (repositories, roots), trimmed, without empty items. */
    public List<String> mappedList() {
        return mapped == null ? List.of() : list(mapped);
    }

    /** A comma-separated identity value as a list, the way {@link #mappedList()} reads it. */
    public static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** What the audit trail records as the data-source identity. */
    public String audited() {
        return mapped == null ? "service" : mapped;
    }
}
