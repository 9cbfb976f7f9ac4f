package io.mcpconnectors.common.spi;

import java.util.List;
import java.util.Map;

/**
 * Schema or content resources a connector serves through templates. A CDI bean; the runtime registers its
 * templates and wraps every read with the timeout, the byte cap and audit.
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
}
