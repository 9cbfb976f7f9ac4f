package io.mcpconnectors.common.config;

import java.util.Locale;

/**
 * A setting with a value the connector cannot start with. Its message is one line that names the key, as a setting
 * and as an environment variable, and says what is expected; the launcher prints it and exits non-zero.
 */
public class InvalidSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidSettingException(String key, String problem) {
        super(key + " (" + environmentName(key) + ") " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The environment variable a setting is read from: upper case, every other character an underscore. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
