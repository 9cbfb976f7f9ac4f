package io.mcpconnectors.github;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.SettingsDocumentation;

/** Every setting of the connector is documented, and every default the documentation states is the declared one. */
class SettingsDocumentedTest {

    @Test
    void everySettingIsDocumentedWithItsDeclaredDefault() {
        SettingsDocumentation.check(GithubConnectorConfig.class);
    }
}
