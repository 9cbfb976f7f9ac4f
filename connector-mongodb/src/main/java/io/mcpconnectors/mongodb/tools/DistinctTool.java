package io.mcpconnectors.mongodb.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.mongodb.CappedDocuments;
import io.mcpconnectors.mongodb.MongoAccess;
import io.mcpconnectors.mongodb.MongoErrors;
import io.mcpconnectors.mongodb.MongoLease;

@ApplicationScoped
public class DistinctTool implements ConnectorTool {

    private static final Arg<String> FIELD = Arg.string("field", "field path, e.g. status or address.city")
            .required();

    private static final ToolSpec SPEC = new ToolSpec("distinct", "Distinct values",
            "Lists the distinct values of a field (dotted paths reach into nested documents and arrays) among the"
                    + " documents matching a filter. Capped like find.",
            ToolAccess.READ, List.of(MongoArgs.DATABASE.spec(), MongoArgs.COLLECTION.spec(),
                    FIELD.spec(), MongoArgs.FILTER.spec(), MongoArgs.JSON_MODE.spec()),
            properties("values", Map.of("type", "array", "description", "distinct values in Extended JSON"),
                    "count", integer("values returned")));

    private final MongoAccess access;

    public DistinctTool(MongoAccess access) {
        this.access = access;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) {
        String database = MongoArgs.database(call);
        String collection = MongoArgs.collection(call);
        String field = call.get(FIELD);
        if (field.isBlank() || field.startsWith("$")) {
            throw new ToolCallException("Argument 'field' must be a field path such as status or address.city.");
        }
        BsonDocument filter = MongoArgs.query(call, MongoArgs.FILTER);
        var mode = MongoArgs.mode(call);
        try (MongoLease mongo = access.lease(call)) {
            CappedDocuments.Result values = CappedDocuments.readValues(mongo.collection(database, collection)
                    .distinct(field, filter, BsonValue.class).maxTime(mongo.maxTimeMs(), TimeUnit.MILLISECONDS),
                    call.limits(), mode);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("values", values.items());
            data.put("count", values.items().size());
            return ToolResult.of(data, values.items().size(), values.truncation());
        } catch (RuntimeException e) {
            throw MongoErrors.toolError("distinct on '" + database + "." + collection + "'", e);
        }
    }
}
