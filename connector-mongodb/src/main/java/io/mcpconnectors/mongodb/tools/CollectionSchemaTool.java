package io.mcpconnectors.mongodb.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.arrayOf;
import static io.mcpconnectors.common.spi.JsonSchemas.bool;
import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.object;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.mongodb.CollectionSchemas;
import io.mcpconnectors.mongodb.MongoAccess;
import io.mcpconnectors.mongodb.MongoLease;

@ApplicationScoped
public class CollectionSchemaTool implements ConnectorTool {

    private static final Arg<Long> SAMPLE_SIZE = Arg.integer("sample_size",
            "documents to sample (default connector.mongodb.schema.sample-size)");

    private static final ToolSpec SPEC = new ToolSpec("collection_schema", "Infer a collection's schema",
            "Infers a collection's schema from a random sample of its documents: every field path (nested fields as"
                    + " a.b, array elements as tags[] and items[].sku), the BSON types seen there with counts, and how"
                    + " often the field is present. Read this before writing a filter or pipeline.",
            ToolAccess.READ, List.of(MongoArgs.DATABASE.spec(), MongoArgs.COLLECTION.spec(),
                    SAMPLE_SIZE.spec()),
            properties("database", string("database"), "collection", string("collection"),
                    "estimated_count", integer("estimated documents in the collection"),
                    "sampled", integer("documents sampled"),
                    "fields", arrayOf(object("path", string("field path"),
                            "types", arrayOf(object("type", string("BSON type alias, usable with $type"),
                                    "count", integer("occurrences")), "types seen, most frequent first"),
                            "present", integer("sampled documents (or array elements) holding the path"),
                            "frequency", Map.of("type", "number", "description",
                                    "share of sampled documents holding the field (top-level and nested paths)")),
                            "fields sorted by path"),
                    "fields_truncated", bool("true when the collection has more distinct paths than are reported")));

    private final MongoAccess access;
    private final CollectionSchemas schemas;

    public CollectionSchemaTool(MongoAccess access, CollectionSchemas schemas) {
        this.access = access;
        this.schemas = schemas;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) {
        int size = call.arguments().intInRange(SAMPLE_SIZE, schemas.defaultSampleSize(), 1, schemas.maxSampleSize());
        try (MongoLease mongo = access.lease(call)) {
            Map<String, Object> schema = schemas.infer(mongo, MongoArgs.database(call), MongoArgs.collection(call),
                    size);
            return ToolResult.of(schema, ((List<?>) schema.get("fields")).size());
        }
    }
}
