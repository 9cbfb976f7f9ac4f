package io.mcpconnectors.common.config;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.runtime.QuarkusBindException;
import io.smallrye.config.ConfigValidationException;

/**
 * Turns a failure to start into one line on stderr that names the setting to fix, as a setting and as an
 * environment variable, with the value that was refused, what is accepted and an example. Only a failure that is not
 * a configuration problem also gets its stack trace, since that one is a defect to report.
 */
public final class StartupFailureReport {

    /** {@code SRCFG00039}: a value that could not be converted to the setting's type. */
    private static final Pattern CONVERSION = Pattern.compile(
            "The config property (\\S+) with the config value \"(.*?)\" threw an Exception whilst being converted\\s*(.*)",
            Pattern.DOTALL);
    /** {@code SRCFG00014}: a required setting that is not set. */
    private static final Pattern REQUIRED = Pattern.compile(
            "The config property (\\S+) is required but it could not be found in any config source");
    private static final Pattern ENUM = Pattern.compile("allowed values: (.*)$");

    /** Examples for the settings a first run most often lacks. */
    private static final Map<String, String> EXAMPLES = Map.of(
            "connector.postgres.url", "postgresql://db.example.com:5432/analytics",
            "connector.mongodb.connection-string", "mongodb://mongo.example.com:27017",
            "connector.github.repositories", "acme/api,acme/*",
            "connector.salesforce.auth.client-id", "the connected app's consumer key",
            "connector.salesforce.auth.username", "integration@example.com");

    private StartupFailureReport() {
    }

    public static void print(Throwable failure, PrintStream err) {
        err.println(line(failure));
        if (!isConfiguration(failure)) {
            failure.printStackTrace(err);
        }
    }

    /** The one line for a failure. */
    static String line(Throwable failure) {
        InvalidSettingException invalid = find(failure, InvalidSettingException.class);
        if (invalid != null) {
            return "connector: " + invalid.getMessage();
        }
        QuarkusBindException busy = find(failure, QuarkusBindException.class);
        if (busy != null) {
            return "connector: connector.http.port (CONNECTOR_HTTP_PORT) = " + busy.getPort() + " is in use by another"
                    + " process (or not allowed to this user): stop that process or choose another port.";
        }
        ConfigValidationException validation = find(failure, ConfigValidationException.class);
        if (validation != null) {
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < validation.getProblemCount(); i++) {
                problems.add(describe(validation.getProblem(i).getMessage()));
            }
            return "connector: " + String.join("; ", problems);
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("SRCFG")) {
                return "connector: " + describe(t.getMessage());
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "connector: failed to start: " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** One configuration problem, from SmallRye Config's message, in the connector's words. */
    static String describe(String message) {
        String text = message.replaceAll("\\s+", " ").replace("java.lang.IllegalArgumentException: ", "")
                .replace("java.util.NoSuchElementException: ", "");
        Matcher required = REQUIRED.matcher(text);
        if (required.find()) {
            String key = required.group(1);
            String example = EXAMPLES.get(key);
            return key + " (" + InvalidSettingException.environmentName(key) + ") is required and not set"
                    + (example == null ? "; see the README's configuration table" : ", e.g. " + example) + ".";
        }
        Matcher conversion = CONVERSION.matcher(text);
        if (conversion.find()) {
            String key = conversion.group(1);
            return key + " (" + InvalidSettingException.environmentName(key) + ") = \"" + conversion.group(2)
                    + "\" is not accepted: " + accepted(conversion.group(3)) + ".";
        }
        return text.replaceAll("SRCFG\\d+: ", "");
    }

    private static String accepted(String cause) {
        Matcher values = ENUM.matcher(cause.trim());
        if (values.find()) {
            return "one of " + values.group(1).replace(",", ", ");
        }
        if (cause.contains("Invalid duration")) {
            return "a duration, e.g. 30s, 5m, 2h or PT30S";
        }
        if (cause.contains("Expected an integer value")) {
            return "a whole number, e.g. 1000";
        }
        if (cause.contains("expected true or false")) {
            return "true or false";
        }
        if (cause.contains("MemorySize") || cause.contains("memory size")) {
            return "a size, e.g. 4M or 512K";
        }
        return cause.replaceAll("SRCFG\\d+: ", "").trim();
    }

    private static boolean isConfiguration(Throwable failure) {
        return find(failure, InvalidSettingException.class) != null || find(failure, QuarkusBindException.class) != null
                || find(failure, ConfigValidationException.class) != null || line(failure).startsWith("connector: ")
                        && !line(failure).startsWith("connector: failed to start");
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
