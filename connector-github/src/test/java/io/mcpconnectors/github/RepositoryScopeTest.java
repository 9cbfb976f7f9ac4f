package io.mcpconnectors.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        assertEquals("bug user:tools-org", scope.confine("bug user:tools-org"), "an allowed owner narrows the scope");
        assertEquals("bug repo:octo-org/web-app", scope.confine("bug Repo:Octo-Org/Web-App"));
        assertEquals("bug -repo:tools-org/old repo:octo-org/web-app user:tools-org",
                scope.confine("bug -repo:tools-org/old"), "an exclusion within the allowlist stays; the scope is added");
        assertEquals("bug repo:octo-org/web-app user:tools-org", scope.confine("bug -repo:other/x"),
                "an exclusion outside the allowlist excludes nothing and is not sent");
        assertEquals("is:issue label:\"help wanted\" -label:wontfix created:>=2026-01-01 repo:octo-org/web-app"
                + " user:tools-org", scope.confine("is:issue label:\"help wanted\" -label:wontfix created:>=2026-01-01"));
        assertThrows(ToolCallException.class, () -> scope.confine("x REPO:other/secret"));
        assertThrows(ToolCallException.class, () -> scope.confine("x user:octo-org"), "only the one repo of octo-org");
        assertThrows(ToolCallException.class, () -> scope.confine("x owner:other"));
        assertThrows(ToolCallException.class, () -> scope.confine("  "));
    }

    /** Queries written to widen a search; each is refused, or sent with nothing that GitHub could read as scope. */
    @Test
    void noCallerTextChangesTheScope() {
        List<String> refused = List.of(
                "login OR repo:other/secret", "login OR secret", "NOT bug", "a AND b",
                "x \"repo:other/secret", "\"unbalanced", "a\" repo:other/x",
                "(repo:other/secret)", "x (repo:other/secret OR bug)", "label:repo:other/x", "\"repo:other/x\"",
                "repo :other/x", "repo: other/x", "repo\u200b:other/x",
                "repo\u00a0:other/x", "repo:", "-repo:", "--repo:other/x", "x-repo:other/x",
                "repo:other/secret,octo-org/web-app", "repo:octo-org/web-app)", "repo:octo-org/../other/x",
                "Repository:other/x", "ORG:other", "organization:other", "owner:other", "USER:other",
                "repo:octo-org/web-app\u00a0repo:other/x",
                "\"login repo:other/x\"", "x \"\t repo:other/x \"", "in:title\nrepo:other/x");
        for (String query : refused) {
            assertThrows(ToolCallException.class, () -> scope.confine(query), query);
        }
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("or login", "\"or\" login");
        sent.put("Or login -NOT", "\"Or\" login -\"NOT\"");
        sent.put("malloc( free)", "\"malloc(\" \"free)\"");
        sent.put("a\\\" b\"", "\"a b\"");
        sent.put("foo:bar \"exact phrase\"", "\"foo:bar\" \"exact phrase\"");
        sent.put("tab\there\u2003em\u00a0nbsp", "tab here em nbsp");
        sent.put("zero\u200bwidth", "\"zero width\"");
        sent.put("path:src/ language:C", "path:src/ language:C");
        for (Map.Entry<String, String> query : sent.entrySet()) {
            assertEquals(query.getValue() + " repo:octo-org/web-app user:tools-org", scope.confine(query.getKey()),
                    query.getKey());
        }
    }

    @Test
    void refusesMalformedEntries() {
        assertThrows(InvalidSettingException.class, () -> new RepositoryScope(List.of("*")));
        assertThrows(InvalidSettingException.class, () -> new RepositoryScope(List.of("octo-org")));
        assertThrows(InvalidSettingException.class, () -> new RepositoryScope(List.of("a/b/c")));
        assertThrows(InvalidSettingException.class, () -> new RepositoryScope(List.of()));
    }

    @Test
    void narrowsToACallersRepositoriesWithinTheAllowlistOnly() {
        RepositoryScope mine = scope.narrowedTo(List.of("Octo-Org/Web-App", "tools-org/cli"));
        assertTrue(mine.allows("octo-org/web-app"));
        assertTrue(mine.allows("tools-org", "CLI"));
        assertFalse(mine.allows("tools-org/other"), "the allowlist has all of tools-org; the caller only cli");
        assertEquals("bug repo:octo-org/web-app repo:tools-org/cli", mine.confine("bug"));
        assertEquals("bug repo:tools-org/cli", mine.confine("bug repo:tools-org/cli -repo:tools-org/other"));
        assertThrows(ToolCallException.class, () -> mine.confine("bug user:tools-org"), "wider than the caller's list");
        assertThrows(ToolCallException.class, () -> mine.confine("bug repo:tools-org/other"));
        ToolCallException refused = assertThrows(ToolCallException.class, () -> mine.check("tools-org", "other"));
        assertEquals("Repository tools-org/other is not available to you (connector.identity.map). Available:"
                + " octo-org/web-app, tools-org/cli.", refused.getMessage());
        assertEquals("bug user:tools-org", scope.narrowedTo(List.of("tools-org/*")).confine("bug"),
                "an owner/* the allowlist also has");
    }

    @Test
    void refusesACallersListThatTheAllowlistDoesNotCoverNamingTheEntry() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("octo-org/*", "'octo-org/*' is not within connector.github.repositories");
        refused.put("octo-org/infra", "'octo-org/infra' is not within connector.github.repositories");
        refused.put("other/x", "'other/x' is not within");
        refused.put("octo-org/web-app/x", "'octo-org/web-app/x' is not owner/repo or owner/*");
        refused.put("*", "'*' is not owner/repo");
        refused.put("octo-org/..", "'octo-org/..' is not within");
        for (Map.Entry<String, String> entry : refused.entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> scope.narrowedTo(List.of("octo-org/web-app", entry.getKey())), entry.getKey());
            assertTrue(e.getMessage().startsWith(entry.getValue()), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> scope.narrowedTo(List.of()));
    }
}
