package io.mcpconnectors.common.spi;

import java.util.List;

/**
 * What a tool may ask of the client (the MCP host) while it runs: a completion from the host's model (MCP sampling)
 * or an answer from the user (MCP elicitation, a form of primitive fields). Both block the tool until the answer
 * comes, the call's deadline ({@code connector.limits.timeout}) passes or the client cancels the call; they fail
 * with a {@link ToolCallException} that says why when the client did not declare the capability, did not answer
 * in time or failed. What is sent is scrubbed of the connector's secrets. The answers are the client's: check them
 * as any input.
 */
public interface CallClient {

    /** Nobody to ask: calls outside a client's request (tests, admin commands). */
    CallClient NONE = new CallClient() {
        @Override
        public boolean canSample() {
            return false;
        }

        @Override
        public boolean canElicit() {
            return false;
        }

        @Override
        public String sample(SampleRequest request) {
            throw new ToolCallException("No client to ask: this call does not come from an MCP client.");
        }

        @Override
        public Elicited elicit(String message, List<ElicitField> fields) {
            throw new ToolCallException("No client to ask: this call does not come from an MCP client.");
        }
    };

    /** Whether the client declared the sampling capability. */
    boolean canSample();

    /** Whether the client declared the elicitation capability. */
    boolean canElicit();

    /**
     * Asks the host's model for a completion ({@code sampling/createMessage}).
     *
     * @return the text of the model's answer (empty when it answered with something other than text)
     */
    String sample(SampleRequest request);

    /**
     * Asks the user to fill in a form ({@code elicitation/create}).
     *
     * @param message what the user is asked, shown above the form
     * @param fields the form's fields, in order
     */
    Elicited elicit(String message, List<ElicitField> fields);
}
