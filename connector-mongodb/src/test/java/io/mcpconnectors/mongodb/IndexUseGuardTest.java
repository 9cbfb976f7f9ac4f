package io.mcpconnectors.mongodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.mongodb.IndexUseGuard.Verdict;

/**
 * Reading the plans MongoDB's explain returns (queryPlanner verbosity) in the shapes servers give them: the classic
 * engine's stage tree, the slot-based engine's queryPlan, an aggregation's $cursor stage, a sharded collection's
 * shards. The shapes follow the explain output documented for MongoDB 6 to 8.
 */
class IndexUseGuardTest {

    static BsonDocument plan(String json) {
        return BsonDocument.parse(json);
    }

    @Test
    void aClassicFindOnAnIndexIsIndexed() {
        assertEquals(Verdict.INDEXED, IndexUseGuard.judge(plan("""
                {"queryPlanner": {"namespace": "shop.orders", "winningPlan": {"stage": "FETCH",
                  "inputStage": {"stage": "IXSCAN", "keyPattern": {"status": 1}, "indexName": "status_1"}},
                  "rejectedPlans": [{"stage": "COLLSCAN", "direction": "forward"}]}, "ok": 1}""")));
    }

    @Test
    void aClassicFindWithoutAnIndexIsACollectionScan() {
        assertEquals(Verdict.COLLECTION_SCAN, IndexUseGuard.judge(plan("""
                {"queryPlanner": {"namespace": "shop.orders", "winningPlan": {"stage": "PROJECTION_SIMPLE",
                  "inputStage": {"stage": "COLLSCAN", "filter": {"total": {"$gt": 5}}, "direction": "forward"}},
                  "rejectedPlans": []}, "ok": 1}""")));
    }

    @Test
    void theSlotBasedEnginesPlanIsRead() {
        assertEquals(Verdict.COLLECTION_SCAN, IndexUseGuard.judge(plan("""
                {"explainVersion": "2", "queryPlanner": {"winningPlan": {"queryPlan": {"stage": "COLLSCAN",
                  "planNodeId": 1}, "slotBasedPlan": {"slots": "$$RESULT=s4", "stages": "[1] scan s4 s5"}}}}""")));
        assertEquals(Verdict.INDEXED, IndexUseGuard.judge(plan("""
                {"explainVersion": "2", "queryPlanner": {"winningPlan": {"queryPlan": {"stage": "FETCH",
                  "inputStage": {"stage": "IXSCAN", "indexName": "status_1"}}, "slotBasedPlan": {}}}}""")));
    }

    @Test
    void anAggregationsCursorStageIsRead() {
        assertEquals(Verdict.COLLECTION_SCAN, IndexUseGuard.judge(plan("""
                {"explainVersion": "1", "stages": [{"$cursor": {"queryPlanner": {"winningPlan": {"stage": "COLLSCAN",
                  "direction": "forward"}}}}, {"$group": {"_id": "$customer"}}], "ok": 1}""")));
        assertEquals(Verdict.INDEXED, IndexUseGuard.judge(plan("""
                {"stages": [{"$cursor": {"queryPlanner": {"winningPlan": {"stage": "IXSCAN", "indexName": "status_1"}}}},
                  {"$sort": {"sortKey": {"_id": 1}}}]}""")));
    }

    @Test
    void anyShardScanningItsWholeCollectionCounts() {
        assertEquals(Verdict.COLLECTION_SCAN, IndexUseGuard.judge(plan("""
                {"queryPlanner": {"winningPlan": {"stage": "SHARD_MERGE", "shards": [
                  {"shardName": "a", "winningPlan": {"stage": "FETCH", "inputStage": {"stage": "IXSCAN"}}},
                  {"shardName": "b", "winningPlan": {"stage": "SHARDING_FILTER",
                    "inputStage": {"stage": "COLLSCAN"}}}]}}}""")));
    }

    @Test
    void aMissingCollectionIsNotAScanAndAnAnswerWithoutAPlanIsNotJudgedIndexed() {
        assertEquals(Verdict.INDEXED, IndexUseGuard.judge(plan("""
                {"queryPlanner": {"winningPlan": {"stage": "EOF"}}}""")));
        assertEquals(Verdict.NO_PLAN, IndexUseGuard.judge(plan("""
                {"ok": 1, "note": "no plan here"}""")));
    }

    @Test
    void refusesAScanOrAnUnreadablePlanOnlyWhenRequired() {
        BsonDocument scan = plan("""
                {"queryPlanner": {"winningPlan": {"stage": "COLLSCAN"}}}""");
        new IndexUseGuard(false).check("find on 'shop.orders'", () -> scan);
        new IndexUseGuard(false).check("find on 'shop.orders'", () -> {
            throw new IllegalStateException("never asked");
        });
        ToolCallException refused = assertThrows(ToolCallException.class,
                () -> new IndexUseGuard(true).check("find on 'shop.orders'", () -> scan));
        assertTrue(refused.getMessage().startsWith("Refused: the server's plan for find on 'shop.orders' scans the"
                + " whole collection (COLLSCAN), and connector.mongodb.require-index is on."), refused.getMessage());
        ToolCallException noPlan = assertThrows(ToolCallException.class,
                () -> new IndexUseGuard(true).check("find on 'shop.orders'", () -> plan("{\"ok\": 1}")));
        assertTrue(noPlan.getMessage().contains("holds no query plan"), noPlan.getMessage());
        new IndexUseGuard(true).check("find on 'shop.orders'", () -> plan("""
                {"queryPlanner": {"winningPlan": {"stage": "IXSCAN"}}}"""));
    }
}
