package io.mcpconnectors.mongodb;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;

import io.mcpconnectors.common.secrets.SecretScrubber;
import io.mcpconnectors.common.spi.ToolCallException;

/** Turns driver and server errors into messages a user can act on, without credentials. */
public final class MongoErrors {

    private MongoErrors() {
    }

    /** One line describing the failure: the server's code name and message, or what went wrong on the way. */
    public static String describe(Throwable e) {
        if (e instanceof MongoSecurityException) {
            return "authentication failed; check the user, password and authSource of the connection string";
        }
        if (e instanceof MongoTimeoutException) {
            return "no server answered in time (is the host reachable and the replica set name right?)";
        }
        if (e instanceof MongoSocketException) {
            return "network error talking to the server (" + e.getClass().getSimpleName() + ")";
        }
        if (e instanceof MongoCommandException command) {
            String name = command.getErrorCodeName();
            return (name == null || name.isEmpty() ? "error " + command.getErrorCode() : name) + ": "
                    + SecretScrubber.scrub(command.getErrorMessage());
        }
        if (e instanceof MongoWriteException write) {
            return "write error " + write.getError().getCode() + ": " + SecretScrubber.scrub(write.getError().getMessage());
        }
        if (e instanceof MongoServerException server) {
            return "error " + server.getCode() + ": " + SecretScrubber.scrub(server.getMessage());
        }
        return e.getClass().getSimpleName() + ": " + SecretScrubber.scrub(e.getMessage());
    }

    /**
     * The failure as the tool's answer; a time limit gets its own message naming the setting. A refusal the
     * connector raised itself (a {@link ToolCallException}) passes unchanged.
     */
    public static ToolCallException toolError(String action, RuntimeException e) {
        if (e instanceof ToolCallException own) {
            return own;
        }
        if (e instanceof MongoExecutionTimeoutException || e instanceof MongoOperationTimeoutException) {
            return new ToolCallException(action + " was stopped by the server after connector.limits.timeout"
                    + " (maxTimeMS). Narrow the filter, use an index, or ask for fewer documents.");
        }
        return new ToolCallException(action + " failed: " + describe(e));
    }
}
