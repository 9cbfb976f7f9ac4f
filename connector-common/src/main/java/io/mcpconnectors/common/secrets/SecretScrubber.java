package io.mcpconnectors.common.secrets;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Removes credentials from text meant for a log: passwords in URLs and key=value pairs, bearer tokens and
 * authorization headers. Used for messages of unexpected failures, which can quote a connection string or a
 * request that the connector did not write itself.
 */
public final class SecretScrubber {

    private static final String MASK = "***";

    /** {@code scheme://user:password@host} */
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^/\\s:@]*:)[^@\\s/]+@");
    /** {@code password=...}, {@code "token": "..."}, {@code api_key: ...} */
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret)"
                    + "\"?\\s*[=:]\\s*\"?)[^\\s&;,\"']+");
    /**
     * {@code Bearer abc...} / {@code Basic abc...}; {@code !} included, since Salesforce access tokens have the form
     * {@code <org id>!<rest>}.
     */
    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=!-]+");

    private SecretScrubber() {
    }

    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = URL_PASSWORD.matcher(text).replaceAll("$1" + MASK + "@");
        out = KEY_VALUE.matcher(out).replaceAll("$1" + MASK);
        return AUTH_SCHEME.matcher(out).replaceAll("$1 " + MASK);
    }

    /**
     * A copy of the failure and its causes with scrubbed messages and the original stack traces, for logging.
     */
    public static Throwable scrub(Throwable failure) {
        return scrub(failure, SecretScrubber::scrub);
    }

    /** The same, with {@code messages} doing the scrubbing (see {@link KnownSecrets#scrub(Throwable)}). */
    static Throwable scrub(Throwable failure, UnaryOperator<String> messages) {
        if (failure == null) {
            return null;
        }
        Throwable copy = new ScrubbedFailure(failure.getClass().getName() + ": " + messages.apply(failure.getMessage()),
                scrub(failure.getCause() == failure ? null : failure.getCause(), messages));
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /** Stands in for the original exception in a log; its message starts with the original class name. */
    static final class ScrubbedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ScrubbedFailure(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
