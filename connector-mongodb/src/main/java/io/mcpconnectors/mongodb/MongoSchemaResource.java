package io.mcpconnectors.mongodb;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.ConnectorResource;
import io.mcpconnectors.common.spi.ResourceBody;
import io.mcpconnectors.common.spi.ResourceTemplateSpec;
import io.mcpconnectors.mongodb.tools.CollectionIndexesTool;

/** {@code mongodb://{database}/{collection}}: a collection's inferred schema and its indexes, as JSON. */
@ApplicationScoped
public class MongoSchemaResource implements ConnectorResource {

    private final MongoAccess access;
    private final CollectionSchemas schemas;
    private final ObjectMapper json;

    public MongoSchemaResource(MongoAccess access, CollectionSchemas schemas, ObjectMapper json) {
        this.access = access;
        this.schemas = schemas;
        this.json = json;
    }

    @Override
    public List<ResourceTemplateSpec> templates() {
        return List.of(new ResourceTemplateSpec("collection", "Collection",
                "A collection's schema inferred from a sample of its documents, and its indexes, as JSON.",
                "mongodb://{database}/{collection}", "application/json", true));
    }

    @Override
    public ResourceBody read(String uri, Map<String, String> variables, CallLimits limits, CallerIdentity caller)
            throws Exception {
        String database = decode(variables.get("database"));
        String collection = decode(variables.get("collection"));
        try (MongoLease mongo = access.lease(caller)) {
            Map<String, Object> body = new LinkedHashMap<>(
                    schemas.infer(mongo, database, collection, schemas.defaultSampleSize()));
            CappedDocuments.Result indexes = CollectionIndexesTool.indexes(mongo, database, collection, limits);
            body.put("indexes", indexes.items());
            return ResourceBody.text("application/json", json.writeValueAsString(body));
        }
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
