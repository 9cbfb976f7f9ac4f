package io.mcpconnectors.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.common.spi.ToolCallException;

class RepositoryScopeTest {

    final RepositoryScope scope = new RepositoryScope(List.of("octo-org/web-app", "tools-org/*"));

    @Test
    void allowsExactRepositoriesAndWholeOwnersCaseInsensitively() {
        assertTrue(scope.allows("Octo-Org", "Web-App"));
        assertTrue(scope.allows("tools-org/anything"));
        assertFalse(scope.allows("octo-org", "infra"));
        assertFalse(scope.allows("octo-org/web-app-fork"));
        assertFalse(scope.allows("not-a-full-name"));
    }

    @Test
    void confinesSearches() {
        assertEquals("bug repo:octo-org/web-app user:tools-org", scope.confine(" bug "));
        assertEquals("bug user:tools-org", scope.confine("bug user:tools-org"));
        assertEquals("bug -repo:octo-org/web-app repo:octo-org/web-app user:tools-org",
                scope.confine("bug -repo:octo-org/web-app"), "a negated qualifier narrows nothing, so the allowlist is added");
        assertEquals("\"repo:other/x\" repo:octo-org/web-app user:tools-org", scope.confine("\"repo:other/x\""),
                "a quoted phrase is text, not a qualifier");
        assertThrows(ToolCallException.class, () -> scope.confine("x REPO:other/secret"));
        assertThrows(ToolCallException.class, () -> scope.confine("x user:octo-org"), "only the one repo of octo-org");
        assertThrows(ToolCallException.class, () -> scope.confine("x owner:other"));
        assertThrows(ToolCallException.class, () -> scope.confine("  "));
    }

    @Test
    void refusesMalformedEntries() {
        assertThrows(InvalidSettingException.class, () -> new RepositoryScope(List.of("*")));
        assertThrows(InvalidSettingException.class, () -> new RepositoryScope(List.of("octo-org")));
        assertThrows(InvalidSettingException.class, () -> new RepositoryScope(List.of("a/b/c")));
        assertThrows(InvalidSettingException.class, () -> new RepositoryScope(List.of()));
    }
}
