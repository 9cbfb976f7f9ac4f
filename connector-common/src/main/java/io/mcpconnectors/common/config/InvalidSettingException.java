package io.mcpconnectors.common.config;

/**
 * A setting with a value the connector cannot start with. Its message is one line that names the key and says
 * what is expected; the launcher prints it and exits non-zero.
 */
public class InvalidSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidSettingException(String key, String problem) {
        super("Invalid configuration: " + key + " " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
