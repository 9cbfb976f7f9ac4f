package io.mcpconnectors.gateway;

import java.time.Duration;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.modelcontextprotocol.spec.McpError;
import reactor.core.publisher.Mono;

/**
 * A request the gateway answers with a JSON-RPC error (its code and a message for the client), and the wait for an
 * upstream's answer to a request other than a tool call, turning what goes wrong there into such an error: the
 * upstream's own protocol error keeps its code (its message scrubbed of the gateway's secrets), a timeout or a failed
 * hop becomes an internal error naming the upstream, with a reference to the gateway's log.
 */
final class UpstreamRequestError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(UpstreamRequestError.class);

    static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    static final int RESOURCE_NOT_FOUND = -32002;

    final int code;

    UpstreamRequestError(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The upstream's answer, within the timeout. */
    static <T> T await(String upstream, String method, Mono<T> request, Duration timeout, KnownSecrets secrets) {
        try {
            return request.block(timeout);
        } catch (McpError e) {
            if (e.getJsonRpcError() != null) {
                throw new UpstreamRequestError(e.getJsonRpcError().code(),
                        secrets.scrubMessage(e.getJsonRpcError().message()));
            }
            throw failed(upstream, method, e, secrets);
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Timeout on blocking read")) {
                throw new UpstreamRequestError(INTERNAL_ERROR, "upstream " + upstream + " did not answer " + method
                        + " within " + timeout.toMillis() + " ms (connector.limits.timeout of the gateway)");
            }
            throw failed(upstream, method, e, secrets);
        } catch (RuntimeException e) {
            throw failed(upstream, method, e, secrets);
        }
    }

    private static UpstreamRequestError failed(String upstream, String method, RuntimeException e,
            KnownSecrets secrets) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf("Forwarding %s to upstream %s failed (reference %s): %s", method, upstream, reference,
                secrets.scrubMessage(String.valueOf(e.getMessage())));
        return new UpstreamRequestError(INTERNAL_ERROR, "upstream " + upstream + " did not answer " + method
                + " (reference " + reference + "; the gateway log has the details)");
    }
}
