package io.mcpconnectors.salesforce;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.ConnectorResource;
import io.mcpconnectors.common.spi.ResourceBody;
import io.mcpconnectors.common.spi.ResourceTemplateSpec;

/** {@code salesforce://sobjects/{name}}: an object's describe (fields, picklists, relationships), as JSON. */
@ApplicationScoped
public class SalesforceObjectResource implements ConnectorResource {

    private final SalesforceDescribes describes;
    private final ObjectMapper json;

    public SalesforceObjectResource(SalesforceDescribes describes, ObjectMapper json) {
        this.describes = describes;
        this.json = json;
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
