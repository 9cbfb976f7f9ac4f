package io.mcpconnectors.mongodb.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import com.mongodb.client.model.IndexOptions;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ArgSchema;
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

    private static final Arg<Map<String, Object>> KEYS = Arg.object("keys", "index keys and their order or kind,"
            + " e.g. {\"customer_id\": 1, \"created\": -1}").required().shaped(ArgSchema.object().withOtherProperties(
                    ArgSchema.oneOf(ArgSchema.integer().withValues(List.of(1L, -1L))
                            .describedAs("1 ascending, -1 descending"),
                            ArgSchema.enumOf("text", "hashed", "2dsphere", "2d").describedAs("a special index kind")))
                    .withSize(1, null));
    private static final Arg<String> NAME = Arg.string("name", "index name (default: derived from the keys)");
    private static final Arg<Boolean> UNIQUE = Arg.bool("unique", "reject duplicate keys (default false)")
            .orElse(false);
    private static final Arg<Boolean> SPARSE = Arg.bool("sparse", "skip documents without the fields (default false)")
            .orElse(false);
    private static final Arg<Long> EXPIRE_AFTER_SECONDS = Arg.integer("expire_after_seconds",
            "TTL: delete documents this long after the date in the (single) key field");
    private static final Arg<Map<String, Object>> PARTIAL_FILTER = Arg.object("partial_filter",
            "index only documents matching this filter");

    private static final ToolSpec SPEC = new ToolSpec("create_index", "Create an index",
            "Creates an index on a collection: keys such as {\"customer_id\": 1, \"created\": -1} (1/-1, or \"text\","
                    + " \"hashed\", \"2dsphere\"), with optional name, unique, sparse, TTL and partial filter.",
            ToolAccess.ADMIN, List.of(MongoArgs.DATABASE.spec(), MongoArgs.COLLECTION.spec(),
                    KEYS.spec(), NAME.spec(), UNIQUE.spec(), SPARSE.spec(), EXPIRE_AFTER_SECONDS.spec(),
                    PARTIAL_FILTER.spec()),
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
        BsonDocument keys = ExtendedJson.document(call.get(KEYS), KEYS.name());
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
        IndexOptions options = new IndexOptions().unique(call.get(UNIQUE)).sparse(call.get(SPARSE));
        Optional.ofNullable(call.get(NAME)).ifPresent(options::name);
        Optional.ofNullable(call.get(EXPIRE_AFTER_SECONDS)).ifPresent(ttl -> {
            if (ttl < 0) {
                throw new ToolCallException("Argument 'expire_after_seconds' must not be negative.");
            }
            options.expireAfter(ttl, TimeUnit.SECONDS);
        });
        if (call.arguments().has(PARTIAL_FILTER)) {
            options.partialFilterExpression(MongoArgs.query(call, PARTIAL_FILTER));
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
