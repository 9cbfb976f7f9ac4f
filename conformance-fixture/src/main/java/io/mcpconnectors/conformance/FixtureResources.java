package io.mcpconnectors.conformance;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.ConnectorResource;
import io.mcpconnectors.common.spi.ResourceBody;
import io.mcpconnectors.common.spi.ResourceTemplateSpec;
import io.mcpconnectors.common.spi.ToolCallException;

/** The fixture resources: a static text, a static binary and a template. */
@ApplicationScoped
public class FixtureResources implements ConnectorResource {

    @Override
    public List<ResourceTemplateSpec> templates() {
        return List.of(
                new ResourceTemplateSpec("static-text", "Static text", "A static text resource.", "test://static-text",
                        "text/plain", true),
                new ResourceTemplateSpec("static-binary", "Static binary", "A static binary resource.",
                        "test://static-binary", "image/png", true),
                new ResourceTemplateSpec("template", "Template", "A resource template with an id.",
                        "test://template/{id}/data", "application/json", true));
    }

    @Override
    public ResourceBody read(String uri, Map<String, String> variables, CallLimits limits, CallerIdentity caller) {
        if (uri.equals("test://static-text")) {
            return ResourceBody.text("text/plain", "This is the content of the static text resource.");
        }
        if (uri.equals("test://static-binary")) {
            return ResourceBody.binary("image/png", FixtureTools.PNG);
        }
        if (variables.containsKey("id")) {
            return ResourceBody.text("application/json", "{\"id\":\"" + variables.get("id").replace("\"", "")
                    + "\",\"templateTest\":true,\"data\":\"Data for ID: " + variables.get("id").replace("\"", "") + "\"}");
        }
        throw new ToolCallException("No such fixture resource: " + uri);
    }
}
