package io.mcpconnectors.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Configuration problems read as one plain line: the setting, its environment variable, the value, what is accepted. */
class StartupFailureReportTest {

    @Test
    void aMissingRequiredSettingNamesItsVariableAndAnExample() {
        assertEquals("connector.postgres.url (CONNECTOR_POSTGRES_URL) is required and not set, e.g."
                + " postgresql://db.example.com:5432/analytics.", StartupFailureReport.describe("java.util."
                        + "NoSuchElementException: SRCFG00014: The config property connector.postgres.url is required but"
                        + " it could not be found in any config source"));
    }

    @Test
    void aValueOfTheWrongKindSaysWhatIsAccepted() {
        assertEquals("connector.transport (CONNECTOR_TRANSPORT) = \"foo\" is not accepted: one of stdio, http.",
                StartupFailureReport.describe("SRCFG00039: The config property connector.transport with the config"
                        + " value \"foo\" threw an Exception whilst being converted SRCFG00049: Cannot convert foo to"
                        + " enum class io.mcpconnectors.common.config.ConnectorRuntimeConfig$Transport, allowed values:"
                        + " stdio,http"));
        assertEquals("connector.limits.timeout (CONNECTOR_LIMITS_TIMEOUT) = \"abc\" is not accepted: a duration, e.g."
                + " 30s, 5m, 2h or PT30S.", StartupFailureReport.describe("SRCFG00039: The config property"
                        + " connector.limits.timeout with the config value \"abc\" threw an Exception whilst being"
                        + " converted Invalid duration: abc"));
        assertEquals("connector.limits.max-items (CONNECTOR_LIMITS_MAX_ITEMS) = \"many\" is not accepted: a whole"
                + " number, e.g. 1000.", StartupFailureReport.describe("SRCFG00039: The config property"
                        + " connector.limits.max-items with the config value \"many\" threw an Exception whilst being"
                        + " converted SRCFG00029: Expected an integer value, got \"many\""));
    }

    @Test
    void aYesNoSettingAcceptsOnlyYesOrNo() {
        StrictBooleanConverter strict = new StrictBooleanConverter();
        assertEquals(Boolean.TRUE, strict.convert("TRUE"));
        assertEquals(Boolean.FALSE, strict.convert("off"));
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> strict.convert("ture"));
        assertEquals("connector.approval.four-eyes (CONNECTOR_APPROVAL_FOUR_EYES) = \"ture\" is not accepted: true or"
                + " false.", StartupFailureReport.describe("SRCFG00039: The config property connector.approval.four-eyes"
                        + " with the config value \"ture\" threw an Exception whilst being converted "
                        + typo.getMessage()));
    }

    @Test
    void aSettingTheConnectorRefusesNamesItsVariableToo() {
        assertEquals("connector: connector.http.port (CONNECTOR_HTTP_PORT) must be between 0 and 65535",
                StartupFailureReport.line(new IllegalStateException(new InvalidSettingException("connector.http.port",
                        "must be between 0 and 65535"))));
    }
}
