package io.mcpconnectors.common.mcp;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.config.InvalidSettingException;

/** Checks the shared settings whose ranges the config types alone cannot express. */
final class RuntimeSettingsCheck {

    private RuntimeSettingsCheck() {
    }

    static void check(ConnectorRuntimeConfig config) {
        if (config.limits().maxItems() < 1) {
            throw new InvalidSettingException("connector.limits.max-items", "must be at least 1");
        }
        if (config.limits().maxBytes() < 1024) {
            throw new InvalidSettingException("connector.limits.max-bytes", "must be at least 1024");
        }
        if (config.limits().timeout().isNegative() || config.limits().timeout().isZero()) {
            throw new InvalidSettingException("connector.limits.timeout", "must be positive, e.g. 30s");
        }
        if (config.http().port() < 0 || config.http().port() > 65535) {
            throw new InvalidSettingException("connector.http.port", "must be between 0 and 65535");
        }
    }
}
