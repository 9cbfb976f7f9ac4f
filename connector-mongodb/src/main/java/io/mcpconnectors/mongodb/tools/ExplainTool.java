package io.mcpconnectors.mongodb.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.BsonDocument;

import com.mongodb.ExplainVerbosity;
import com.mongodb.client.MongoCollection;

import io.mcpconnectors.common.spi.Arg;
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

@ApplicationScoped
public class ExplainTool implements ConnectorTool {

    private static final Arg<List<Map<String, Object>>> PIPELINE = Arg.objects("pipeline",
            "explain this pipeline instead of a find", null).shaped(AggregateTool.STAGES);
    private static final Arg<String> VERBOSITY = Arg.string("verbosity", "queryPlanner (default) or executionStats")
            .orElse("queryPlanner");

    private static final ToolSpec SPEC = new ToolSpec("explain", "Explain a find or pipeline",
            "Shows the server's query plan for a find (filter, projection, sort) or, when 'pipeline' is given, for an"
                    + " aggregation, with the same read-only checks as find and aggregate. verbosity"
                    + " queryPlanner (default) does not run the query; executionStats runs it, within maxTimeMS.",
            ToolAccess.READ, List.of(MongoArgs.DATABASE.spec(), MongoArgs.COLLECTION.spec(), MongoArgs.FILTER.spec(),
                    FindTool.PROJECTION.spec(), FindTool.SORT.spec(), PIPELINE.spec(), VERBOSITY.spec()),
            properties("plan", Map.of("type", "object", "description", "the server's explain output"),
                    "verbosity", string("verbosity used")));

    private final MongoAccess access;

    public ExplainTool(MongoAccess access) {
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
        String verbosityName = call.get(VERBOSITY);
        ExplainVerbosity verbosity = switch (verbosityName) {
            case "queryPlanner" -> ExplainVerbosity.QUERY_PLANNER;
            case "executionStats" -> ExplainVerbosity.EXECUTION_STATS;
            default -> throw new ToolCallException(
                    "Argument 'verbosity' must be queryPlanner or executionStats (got '" + verbosityName + "').");
        };
        List<BsonDocument> pipeline = call.arguments().has(PIPELINE)
                ? AggregateTool.pipeline(call, PIPELINE, access.policy(), database) : null;
        BsonDocument plan;
        try (MongoLease mongo = access.lease(call)) {
            MongoCollection<BsonDocument> target = mongo.collection(database, collection)
                    .withDocumentClass(BsonDocument.class);
            if (pipeline != null) {
                plan = target.aggregate(pipeline).maxTime(mongo.maxTimeMs(), TimeUnit.MILLISECONDS)
                        .explain(BsonDocument.class, verbosity);
            } else {
                BsonDocument projection = MongoArgs.query(call, FindTool.PROJECTION);
                BsonDocument sort = MongoArgs.query(call, FindTool.SORT);
                plan = target.find(MongoArgs.query(call, MongoArgs.FILTER))
                        .projection(projection.isEmpty() ? null : projection)
                        .sort(sort.isEmpty() ? null : sort).maxTime(mongo.maxTimeMs(), TimeUnit.MILLISECONDS)
                        .explain(BsonDocument.class, verbosity);
            }
        } catch (RuntimeException e) {
            throw MongoErrors.toolError("explain on '" + database + "." + collection + "'", e);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("plan", ExtendedJson.render(plan, ExtendedJson.Mode.RELAXED).tree());
        data.put("verbosity", verbosityName);
        return ToolResult.of(data, 1);
    }
}
