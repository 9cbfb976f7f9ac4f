package io.mcpconnectors.conformance;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.CompletionRequest;
import io.mcpconnectors.common.spi.ConnectorResource;
import io.mcpconnectors.common.spi.ResourceBody;
import io.mcpconnectors.common.spi.ResourceEntry;
import io.mcpconnectors.common.spi.ResourceListing;
import io.mcpconnectors.common.spi.ResourcePage;
import io.mcpconnectors.common.spi.ResourceTemplateSpec;
import io.mcpconnectors.common.spi.ToolCallException;

/** The fixture resources: a static text, a static binary, a template and a resource to subscribe to. */
@ApplicationScoped
public class FixtureResources implements ConnectorResource {

    static final String WATCHED = "test://watched-resource";
    private static final List<String> IDS = List.of("123", "124", "200");

    @Override
    public ResourcePage list(ResourceListing page, CallerIdentity caller) {
        return ResourcePage.slice(List.of(
                new ResourceEntry("test://static-text", "static-text", "Static text", "A static text resource.",
                        "text/plain", null),
                new ResourceEntry("test://static-binary", "static-binary", "Static binary", "A static binary"
                        + " resource.", "image/png", (long) FixtureTools.PNG.length),
                new ResourceEntry(WATCHED, "watched-resource", "Watched resource", "A resource to subscribe to.",
                        "text/plain", null)), page.position(), page.size());
    }

    @Override
    public List<String> complete(CompletionRequest request, CallerIdentity caller) {
        return IDS.stream().filter(request::matches).toList();
    }

    @Override
    public boolean subscribable() {
        return true;
    }

    @Override
    public String version(String uri, CallerIdentity caller) {
        return uri.equals(WATCHED) ? "1" : null;
    }

    @Override
    public List<ResourceTemplateSpec> templates() {
        return List.of(
                new ResourceTemplateSpec("static-text", "Static text", "A static text resource.", "test://static-text",
                        "text/plain", true),
                new ResourceTemplateSpec("static-binary", "Static binary", "A static binary resource.",
                        "test://static-binary", "image/png", true),
                new ResourceTemplateSpec("template", "Template", "A resource template with an id.",
                        "test://template/{id}/data", "application/json", true),
                new ResourceTemplateSpec("watched-resource", "Watched resource", "A resource to subscribe to.",
                        "test://watched-resource", "text/plain", true));
    }

    @Override
    public ResourceBody read(String uri, Map<String, String> variables, CallLimits limits, CallerIdentity caller) {
        if (uri.equals("test://static-text")) {
            return ResourceBody.text("text/plain", "This is the content of the static text resource.");
        }
        if (uri.equals("test://static-binary")) {
            return ResourceBody.binary("image/png", FixtureTools.PNG);
        }
        if (uri.equals(WATCHED)) {
            return ResourceBody.text("text/plain", "This resource can be watched for changes.");
        }
        if (variables.containsKey("id")) {
            return ResourceBody.text("application/json", "{\"id\":\"" + variables.get("id").replace("\"", "")
                    + "\",\"templateTest\":true,\"data\":\"Data for ID: " + variables.get("id").replace("\"", "") + "\"}");
        }
        throw new ToolCallException("No such fixture resource: " + uri);
    }
}
