package io.mcpconnectors.common.spi;

import java.util.Map;

/**
 * A request to complete one variable of a resource template (MCP {@code completion/complete} with a
 * {@code ref/resource}).
 *
 * @param template the name of the template ({@link ResourceTemplateSpec#name()})
 * @param variable the variable being completed, e.g. {@code table}
 * @param typed what the user has typed so far (may be empty)
 * @param context the template's other variables as already chosen, e.g. {@code schema}; empty when the client sent
 *        none
 * @param limit the most values worth returning: return up to this many; the runtime shows fewer and says that
 *        more exist when the connector returned this many
 */
public record CompletionRequest(String template, String variable, String typed, Map<String, String> context,
        int limit) {

    public CompletionRequest {
        typed = typed == null ? "" : typed;
        context = Map.copyOf(context);
    }

    /** Whether a candidate value starts with what was typed, ignoring case. */
    public boolean matches(String candidate) {
        return candidate.regionMatches(true, 0, typed, 0, typed.length());
    }
}
