package io.mcpconnectors.mongodb.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import com.mongodb.client.model.IndexOptions;

import io.mcpconnectors.common.spi.ArgSchema;
import io.mcpconnectors.common.spi.ArgSpec;
import io.mcpconnectors.common.spi.ArgType;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.mongodb.ExtendedJson;
import io.mcpconnectors.mongodb.MongoAccess;
import io.mcpconnectors.mongodb.MongoErrors;
import io.mcpconnectors.mongodb.MongoLease;
import io.mcpconnectors.mongodb.MongoWrites;

@ApplicationScoped
public class CreateIndexTool implements ConnectorTool {

    private static final ToolSpec SPEC = new ToolSpec("create_index", "Create an index",
            "Creates an index on a collection: keys such as {\"customer_id\": 1, \"created\": -1} (1/-1, or \"text\","
                    + " \"hashed\", \"2dsphere\"), with optional name, unique, sparse, TTL and partial filter.",
            ToolAccess.ADMIN, List.of(MongoArgs.DATABASE, MongoArgs.COLLECTION,
                    ArgSpec.shaped("keys", true, "index keys and their order or kind, e.g. {\"customer_id\": 1,"
                            + " \"created\": -1}", ArgSchema.object().withOtherProperties(ArgSchema.oneOf(
                                    ArgSchema.integer().withValues(List.of(1L, -1L))
                                            .describedAs("1 ascending, -1 descending"),
                                    ArgSchema.enumOf("text", "hashed", "2dsphere", "2d")
                                            .describedAs("a special index kind"))).withSize(1, null)),
                    ArgSpec.optional("name", ArgType.STRING, "index name (default: derived from the keys)"),
                    ArgSpec.optional("unique", ArgType.BOOLEAN, "reject duplicate keys (default false)"),
                    ArgSpec.optional("sparse", ArgType.BOOLEAN, "skip documents without the fields (default false)"),
                    ArgSpec.optional("expire_after_seconds", ArgType.INTEGER, "TTL: delete documents this long after"
                            + " the date in the (single) key field"),
                    ArgSpec.optional("partial_filter", ArgType.OBJECT, "index only documents matching this filter")),
            properties("name", string("name of the created index")));

    private final MongoAccess access;
    private final MongoWrites writes;

    public CreateIndexTool(MongoAccess access, MongoWrites writes) {
        this.access = access;
        this.writes = writes;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) {
        String database = MongoArgs.database(call);
        String collection = MongoArgs.collection(call);
        BsonDocument keys = ExtendedJson.document(call.arguments().optionalObject("keys").orElse(null), "keys");
        if (keys.isEmpty()) {
            throw new ToolCallException("Argument 'keys' must name at least one field, e.g. {\"customer_id\": 1}.");
        }
        for (var key : keys.entrySet()) {
            BsonValue kind = key.getValue();
            boolean direction = kind.isNumber() && Math.abs(kind.asNumber().doubleValue()) == 1;
            boolean special = kind.isString() && List.of("text", "hashed", "2dsphere", "2d")
                    .contains(kind.asString().getValue());
            if (!direction && !special) {
                throw new ToolCallException("Index key '" + key.getKey() + "' must be 1, -1, \"text\", \"hashed\","
                        + " \"2dsphere\" or \"2d\".");
            }
        }
        IndexOptions options = new IndexOptions().unique(call.arguments().bool("unique", false))
                .sparse(call.arguments().bool("sparse", false));
        call.arguments().optionalString("name").ifPresent(options::name);
        call.arguments().optionalLong("expire_after_seconds").ifPresent(ttl -> {
            if (ttl < 0) {
                throw new ToolCallException("Argument 'expire_after_seconds' must not be negative.");
            }
            options.expireAfter(ttl, TimeUnit.SECONDS);
        });
        if (call.arguments().has("partial_filter")) {
            options.partialFilterExpression(MongoArgs.query(call, "partial_filter"));
        }
        try (MongoLease mongo = access.lease(call)) {
            // Index builds are not transactional; a failed build leaves no index behind.
            String name = writes.admin(mongo, database, collection,
                    (target, session) -> target.createIndex(keys, options));
            return MongoArgs.single("name", name);
        } catch (RuntimeException e) {
            throw MongoErrors.toolError("create_index on '" + database + "." + collection + "'", e);
        }
    }
}
