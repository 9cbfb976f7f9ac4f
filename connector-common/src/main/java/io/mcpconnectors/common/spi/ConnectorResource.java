package io.mcpconnectors.common.spi;

import java.util.List;
import java.util.Map;

/**
 * Schema or content resources a connector serves through templates. A CDI bean; the runtime registers its
 * templates and wraps every read with the timeout, the byte cap and audit. It can also list the concrete resources a
 * caller may read ({@code resources/list}), complete template variables ({@code completion/complete}) and report
 * changes of a resource a client subscribed to ({@code resources/subscribe}). Each of these sees the caller's
 * identity and must show exactly what a read (and the connector's tools) would allow that caller.
 */
public interface ConnectorResource {

    List<ResourceTemplateSpec> templates();

    /**
     * Reads one resource.
     *
     * @param uri the requested URI
     * @param variables the template variables matched in it (still percent-encoded)
     * @param limits the caps that apply
     * @param caller who reads, and the data-source identity the read runs with
     * @throws ToolCallException when the resource does not exist or may not be read, with a message for the user
     */
    ResourceBody read(String uri, Map<String, String> variables, CallLimits limits, CallerIdentity caller)
            throws Exception;

    /**
     * One page of the concrete resources the caller may read, in a stable order, at most {@code page.size()} of
     * them. Only what is cheap to know goes in an entry (no extra round trip per resource). The default lists
     * nothing.
     *
     * @throws ToolCallException when the caller may list nothing, with a message for the user
     */
    default ResourcePage list(ResourceListing page, CallerIdentity caller) throws Exception {
        return ResourcePage.last(List.of());
    }

    /**
     * Values for one variable of one of this connector's templates, those the caller may use, starting with what
     * was typed, best first, at most {@code request.limit()}. The default offers none.
     */
    default List<String> complete(CompletionRequest request, CallerIdentity caller) throws Exception {
        return List.of();
    }

    /** Whether clients may subscribe to this connector's resources; then {@link #version} must be implemented. */
    default boolean subscribable() {
        return false;
    }

    /**
     * The current version of a resource a client subscribes to: any text that changes when the content changes (a
     * modification time and size, an ETag). Called when the subscription is made, which it refuses by throwing,
     * and then again and again to notice changes.
     *
     * @return the version, or null when the URI is not one of this connector's resources
     * @throws ToolCallException when the caller may not read the resource (outside its roots, not found)
     */
    default String version(String uri, CallerIdentity caller) throws Exception {
        return null;
    }
}
