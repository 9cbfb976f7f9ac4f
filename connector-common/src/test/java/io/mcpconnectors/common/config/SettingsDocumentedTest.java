package io.mcpconnectors.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.config.SettingsCatalog.Setting;
import io.mcpconnectors.common.test.SettingsDocumentation;

/** The shared settings: one declaration each (key, default, Javadoc), and documentation that agrees with it. */
class SettingsDocumentedTest {

    @Test
    void everySharedSettingIsDocumentedWithItsDeclaredDefault() {
        SettingsDocumentation.check(ConnectorRuntimeConfig.class);
    }

    @Test
    void theCatalogReadsKeysAndDefaultsFromTheMapping() {
        assertEquals("8080", SettingsCatalog.runtimeDefault("connector.http.port"));
        assertEquals("4M", SettingsCatalog.runtimeDefault("connector.http.max-body-size"));
        assertEquals("false", SettingsCatalog.runtimeDefault("connector.http.tls-terminated-upstream"));
        assertNull(SettingsCatalog.runtimeDefault("connector.http.tls.cert-file"), "no default: optional");
        assertTrue(SettingsCatalog.of(ConnectorRuntimeConfig.class).stream().map(Setting::key)
                .anyMatch("connector.identity.map.\"<key>\""::equals), "a map's entries");
        assertTrue(SettingsCatalog.of(ConnectorRuntimeConfig.class).stream().map(Setting::key)
                .anyMatch("connector.auth.tokens.\"<key>\".sha256"::equals), "a map of groups");
        assertThrows(IllegalArgumentException.class, () -> SettingsCatalog.runtimeDefault("connector.http.prot"));
    }
}
