package io.mcpconnectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;

import io.mcpconnectors.common.secrets.SecretScrubber;
import io.mcpconnectors.common.spi.ToolCallException;

/** Salesforce error bodies ({@code [{"errorCode": ..., "message": ...}]}) as messages a user can act on. */
public final class SalesforceErrors {

    /** Salesforce's error code and message; empty strings when the body said nothing. */
    public record Error(String code, String message) {
    }

    private SalesforceErrors() {
    }

    static Error parse(JsonNode body) {
        JsonNode first = body != null && body.isArray() && !body.isEmpty() ? body.get(0) : body;
        if (first == null || !first.isObject()) {
            return new Error("", "");
        }
        String code = first.path("errorCode").asText(first.path("error").asText(""));
        String message = first.path("message").asText(first.path("error_description").asText(""));
        return new Error(code, SecretScrubber.scrub(message));
    }

    static ToolCallException toolError(int status, Error error) {
        String what = error.code().isEmpty() ? "HTTP " + status : error.code();
        String hint = switch (error.code()) {
            case "MALFORMED_QUERY", "INVALID_FIELD", "INVALID_TYPE", "MALFORMED_SEARCH" ->
                " Check names with list_objects and describe_object.";
            case "NOT_FOUND" -> " Check the object name and record id.";
            case "INSUFFICIENT_ACCESS", "INSUFFICIENT_ACCESS_OR_READONLY" ->
                " The profile and permission sets of the Salesforce user the call runs as do not allow this.";
            case "INVALID_SESSION_ID" -> " The session was refused even after signing in again; check the connected"
                    + " app's policies for the Salesforce user the call runs as.";
            default -> "";
        };
        return new ToolCallException("Salesforce refused the request: " + what
                + (error.message().isEmpty() ? "" : ": " + error.message()) + "." + hint);
    }
}
