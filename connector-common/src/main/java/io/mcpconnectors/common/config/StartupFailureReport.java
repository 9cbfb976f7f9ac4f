package io.mcpconnectors.common.config;

import java.io.PrintStream;

import io.smallrye.config.ConfigValidationException;

/**
 * Turns a failure to start into one line on stderr that names the setting to fix. Only a failure that is not a
 * configuration problem also gets its stack trace, since that one is a defect to report.
 */
public final class StartupFailureReport {

    private StartupFailureReport() {
    }

    public static void print(Throwable failure, PrintStream err) {
        InvalidSettingException invalid = find(failure, InvalidSettingException.class);
        if (invalid != null) {
            err.println("connector: " + invalid.getMessage());
            return;
        }
        ConfigValidationException validation = find(failure, ConfigValidationException.class);
        if (validation != null) {
            StringBuilder line = new StringBuilder("connector: Invalid configuration:");
            for (int i = 0; i < validation.getProblemCount(); i++) {
                line.append(i == 0 ? " " : "; ").append(validation.getProblem(i).getMessage().replace("java.lang.IllegalArgumentException: ", "").replaceAll("\\s+", " "));
            }
            err.println(line);
            return;
        }
        IllegalArgumentException conversion = find(failure, IllegalArgumentException.class);
        if (conversion != null && conversion.getMessage() != null && conversion.getMessage().contains("SRCFG")) {
            err.println("connector: Invalid configuration: " + conversion.getMessage().replaceAll("\\s+", " "));
            return;
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        err.println("connector: failed to start: " + root.getClass().getSimpleName() + ": " + root.getMessage());
        failure.printStackTrace(err);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
