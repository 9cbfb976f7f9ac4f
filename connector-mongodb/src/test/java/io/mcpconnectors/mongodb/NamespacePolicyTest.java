package io.mcpconnectors.mongodb;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.spi.ToolCallException;

/** Allow and deny globs for databases and collections; deny wins; internals are never reachable. */
class NamespacePolicyTest {

    @Test
    void everythingButInternalsWhenNothingIsConfigured() {
        NamespacePolicy policy = new NamespacePolicy(null, List.of(), null, List.of());
        assertTrue(policy.collectionAllowed("sales", "orders"));
        assertFalse(policy.databaseAllowed("admin"));
        assertFalse(policy.databaseAllowed("local"));
        assertFalse(policy.databaseAllowed("config"));
        assertFalse(policy.collectionAllowed("sales", "system.views"));
    }

    @Test
    void globsAllowAndDenyWins() {
        NamespacePolicy policy = new NamespacePolicy(List.of("sales", "report_*"), List.of("report_hr"),
                List.of("sales.*", "report_*.summary"), List.of("*.secrets", "sales.pay*"));
        assertTrue(policy.collectionAllowed("sales", "orders"));
        assertTrue(policy.collectionAllowed("report_eu", "summary"));
        assertFalse(policy.collectionAllowed("report_eu", "detail"), "not in the collection allow list");
        assertFalse(policy.databaseAllowed("report_hr"), "deny wins over allow");
        assertFalse(policy.databaseAllowed("marketing"), "not in the database allow list");
        assertFalse(policy.collectionAllowed("sales", "secrets"));
        assertFalse(policy.collectionAllowed("sales", "payroll"));
        // Glob characters are only '*': a dot or other regex character in a name is literal.
        assertFalse(new NamespacePolicy(List.of("a.c"), List.of(), null, List.of()).databaseAllowed("abc"));
    }

    @Test
    void refusalsSayWhereToLook() {
        NamespacePolicy policy = new NamespacePolicy(null, List.of("hr"), null, List.of());
        assertTrue(assertThrows(ToolCallException.class, () -> policy.checkDatabase("hr")).getMessage()
                .contains("list_databases"));
        assertTrue(assertThrows(ToolCallException.class, () -> policy.checkCollection("sales", " ")).getMessage()
                .contains("must not be empty"));
    }
}
