package io.mcpconnectors.mongodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.mcpconnectors.common.spi.ToolCallException;

/**
 * The read-only gate for filters and pipelines. Refused anywhere in the argument, at any depth (so also inside
 * {@code $lookup}, {@code $facet}, {@code $unionWith} and {@code $graphLookup} sub-pipelines and {@code $expr}):
 * the write stages {@code $out} and {@code $merge}, and server-side JavaScript ({@code $where}, {@code $function},
 * {@code $accumulator}). Collections a pipeline reads besides its own ({@code $lookup}, {@code $graphLookup},
 * {@code $unionWith}) must pass the namespace policy too. Nothing is sent to the server before this check passes.
 */
public final class MongoGuard {

    static final Set<String> WRITE_STAGES = Set.of("$out", "$merge");
    static final Set<String> SERVER_JAVASCRIPT = Set.of("$where", "$function", "$accumulator");

    private MongoGuard() {
    }

    /** Checks a filter, projection, sort or similar query document. */
    public static void checkQuery(BsonDocument query, String argument) {
        List<String> found = new ArrayList<>();
        scan(query, argument, found, new ArrayList<>());
        refuseIfAny(found);
    }

    /** Checks a pipeline run against {@code database}; every collection it reads must be allowed. */
    public static void checkPipeline(List<BsonDocument> pipeline, String database, NamespacePolicy policy) {
        List<String> found = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        for (int i = 0; i < pipeline.size(); i++) {
            BsonDocument stage = pipeline.get(i);
            if (stage.size() != 1 || !stage.getFirstKey().startsWith("$")) {
                throw new ToolCallException("Argument 'pipeline[" + i + "]' must be one stage: an object with exactly"
                        + " one key naming the stage, such as {\"$match\": {...}}.");
            }
            scan(stage, "pipeline[" + i + "]", found, reads);
        }
        refuseIfAny(found);
        for (String collection : reads) {
            if (!policy.collectionAllowed(database, collection)) {
                throw new ToolCallException("Refused: the pipeline reads '" + database + "." + collection + "', which"
                        + " is not available to this connector (connector.mongodb.collections.allow/deny).");
            }
        }
    }

    private static void scan(BsonValue value, String where, List<String> found, List<String> reads) {
        if (value.isDocument()) {
            BsonDocument document = value.asDocument();
            for (String key : document.keySet()) {
                BsonValue inner = document.get(key);
                if (WRITE_STAGES.contains(key)) {
                    found.add(key + " (writes to a collection) in " + where);
                } else if (SERVER_JAVASCRIPT.contains(key)) {
                    found.add(key + " (server-side JavaScript) in " + where);
                }
                collectRead(key, inner, found, where, reads);
                scan(inner, where + "." + key, found, reads);
            }
        } else if (value.isArray()) {
            BsonArray array = value.asArray();
            for (int i = 0; i < array.size(); i++) {
                scan(array.get(i), where + "[" + i + "]", found, reads);
            }
        }
    }

    /** Records the collection a $lookup, $graphLookup or $unionWith stage reads. */
    private static void collectRead(String key, BsonValue stage, List<String> found, String where, List<String> reads) {
        switch (key) {
            case "$lookup", "$graphLookup" -> {
                if (stage.isDocument() && stage.asDocument().containsKey("from")) {
                    BsonValue from = stage.asDocument().get("from");
                    if (from.isString()) {
                        reads.add(from.asString().getValue());
                    } else {
                        found.add(key + " from another database in " + where);
                    }
                }
            }
            case "$unionWith" -> {
                if (stage.isString()) {
                    reads.add(stage.asString().getValue());
                } else if (stage.isDocument() && stage.asDocument().isString("coll")) {
                    reads.add(stage.asDocument().getString("coll").getValue());
                }
            }
            default -> {
            }
        }
    }

    private static void refuseIfAny(List<String> found) {
        if (!found.isEmpty()) {
            throw new ToolCallException("Refused by the read-only guard: " + String.join("; ", found)
                    + ". This connector only reads: no $out/$merge stages and no server-side JavaScript"
                    + " ($where, $function, $accumulator); use $expr and aggregation operators instead.");
        }
    }
}
