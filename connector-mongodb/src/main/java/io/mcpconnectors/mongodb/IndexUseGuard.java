package io.mcpconnectors.mongodb;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.mcpconnectors.common.spi.ToolCallException;

/**
 * With {@code connector.mongodb.require-index=true}, refuses a find or aggregate whose winning plan scans the whole
 * collection, before it runs. The plan is the server's own ({@code explain} at queryPlanner verbosity, which plans and
 * runs nothing); a collection scan is a {@code COLLSCAN} stage anywhere in a winning plan, whatever the plan's shape
 * (classic or slot-based engine, an aggregation's {@code $cursor} stage, the shards of a sharded collection, the
 * sub-pipelines of {@code $lookup} or {@code $unionWith} when the server reports them). When the server cannot explain
 * the operation, or its answer holds no winning plan to judge, the operation is refused too: the setting promises that
 * no unindexed scan runs, so what cannot be checked does not run. Off by default.
 */
@ApplicationScoped
public class IndexUseGuard {

    static final String KEY = "connector.mongodb.require-index";

    private final boolean required;

    @Inject
    public IndexUseGuard(MongoConnectorConfig config) {
        this(config.requireIndex());
    }

    IndexUseGuard(boolean required) {
        this.required = required;
    }

    public boolean required() {
        return required;
    }

    /**
     * Checks the plan the supplier explains, when the setting is on.
     *
     * @param what the operation, as messages name it ("find on 'shop.orders'")
     */
    public void check(String what, Supplier<BsonDocument> explain) {
        if (!required) {
            return;
        }
        BsonDocument plan;
        try {
            plan = explain.get();
        } catch (RuntimeException e) {
            throw new ToolCallException("Refused: " + KEY + " is on, and the server could not explain " + what
                    + " to show it uses an index (" + MongoErrors.describe(e) + "), so it is not run.");
        }
        Verdict verdict = judge(plan);
        if (verdict == Verdict.NO_PLAN) {
            throw new ToolCallException("Refused: " + KEY + " is on, and the server's explain of " + what
                    + " holds no query plan to show it uses an index, so it is not run.");
        }
        if (verdict == Verdict.COLLECTION_SCAN) {
            throw new ToolCallException("Refused: the server's plan for " + what + " scans the whole collection"
                    + " (COLLSCAN), and " + KEY + " is on. Filter (or $match first) on indexed fields; collection_indexes"
                    + " lists the indexes, explain shows the plan.");
        }
    }

    enum Verdict {
        INDEXED, COLLECTION_SCAN, NO_PLAN
    }

    /** What an explain output says: a collection scan in some winning plan, only other access paths, or no plan. */
    static Verdict judge(BsonDocument explain) {
        int[] plans = { 0 };
        boolean scan = scanInWinningPlans(explain, plans);
        if (scan) {
            return Verdict.COLLECTION_SCAN;
        }
        return plans[0] == 0 ? Verdict.NO_PLAN : Verdict.INDEXED;
    }

    private static boolean scanInWinningPlans(BsonValue value, int[] plans) {
        if (value.isDocument()) {
            for (var entry : value.asDocument().entrySet()) {
                if (entry.getKey().equals("winningPlan")) {
                    plans[0]++;
                    if (hasCollectionScan(entry.getValue())) {
                        return true;
                    }
                } else if (!entry.getKey().equals("rejectedPlans") && scanInWinningPlans(entry.getValue(), plans)) {
                    return true;
                }
            }
        } else if (value.isArray()) {
            for (BsonValue item : value.asArray()) {
                if (scanInWinningPlans(item, plans)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasCollectionScan(BsonValue plan) {
        if (plan.isDocument()) {
            BsonDocument document = plan.asDocument();
            BsonValue stage = document.get("stage");
            if (stage != null && stage.isString() && stage.asString().getValue().equals("COLLSCAN")) {
                return true;
            }
            return document.values().stream().anyMatch(IndexUseGuard::hasCollectionScan);
        }
        if (plan.isArray()) {
            BsonArray array = plan.asArray();
            return array.stream().anyMatch(IndexUseGuard::hasCollectionScan);
        }
        return false;
    }
}
