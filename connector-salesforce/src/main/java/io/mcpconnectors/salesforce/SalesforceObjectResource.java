package io.mcpconnectors.salesforce;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.CompletionRequest;
import io.mcpconnectors.common.spi.ConnectorResource;
import io.mcpconnectors.common.spi.ResourceBody;
import io.mcpconnectors.common.spi.ResourceEntry;
import io.mcpconnectors.common.spi.ResourceListing;
import io.mcpconnectors.common.spi.ResourcePage;
import io.mcpconnectors.common.spi.ResourceTemplateSpec;

/** {@code salesforce://sobjects/{name}}: an object's describe (fields, picklists, relationships), as JSON. */
@ApplicationScoped
public class SalesforceObjectResource implements ConnectorResource {

    private final SalesforceDescribes describes;
    private final SalesforceApi api;
    private final ObjectMapper json;

    public SalesforceObjectResource(SalesforceDescribes describes, SalesforceApi api, ObjectMapper json) {
        this.describes = describes;
        this.api = api;
        this.json = json;
    }

    /** The queryable objects the caller's Salesforce user sees (describeGlobal), as list_objects shows them. */
    @Override
    public ResourcePage list(ResourceListing page, CallerIdentity caller) {
        List<ResourceEntry> all = new ArrayList<>();
        for (JsonNode object : objects(caller)) {
            String name = object.path("name").asText();
            all.add(new ResourceEntry("salesforce://sobjects/" + name, name, object.path("label").asText(name),
                    object.path("custom").asBoolean() ? "Custom object" : null, "application/json", null));
        }
        return ResourcePage.slice(all, page.position(), page.size());
    }

    /** Object API names the caller's Salesforce user may query. */
    @Override
    public List<String> complete(CompletionRequest request, CallerIdentity caller) {
        if (!request.variable().equals("name")) {
            return List.of();
        }
        return objects(caller).stream().map(o -> o.path("name").asText()).filter(request::matches)
                .limit(request.limit()).toList();
    }

    private List<JsonNode> objects(CallerIdentity caller) {
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode object : api.get(caller, "/sobjects", Map.of()).path("sobjects")) {
            if (object.path("queryable").asBoolean()
                    && SalesforceDescribes.API_NAME.matcher(object.path("name").asText()).matches()) {
                objects.add(object);
            }
        }
        objects.sort(Comparator.comparing(o -> o.path("name").asText()));
        return objects;
    }

    @Override
    public List<ResourceTemplateSpec> templates() {
        return List.of(new ResourceTemplateSpec("sobject", "Salesforce object",
                "An object's fields, picklist values and relationships (its describe), as JSON.",
                "salesforce://sobjects/{name}", "application/json", true));
    }

    @Override
    public ResourceBody read(String uri, Map<String, String> variables, CallLimits limits, CallerIdentity caller) throws Exception {
        String name = URLDecoder.decode(variables.get("name"), StandardCharsets.UTF_8);
        return ResourceBody.text("application/json", json.writeValueAsString(describes.describe(caller, name)));
    }
}
