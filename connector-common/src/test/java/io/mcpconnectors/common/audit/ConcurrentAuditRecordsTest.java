package io.mcpconnectors.common.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.store.AuditChain;
import io.mcpconnectors.common.store.ChainRecord;
import io.mcpconnectors.common.store.ChainVerification;
import io.mcpconnectors.common.store.StoreProvider;
import io.mcpconnectors.common.test.AuditTail;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Many calls recording at once: every record reaches the hash chain whole, each caller's records in the order it
 * made them, the chain verifies, and the trail holds the same records.
 */
@QuarkusTest
class ConcurrentAuditRecordsTest {

    private static final int THREADS = 8;
    private static final int RECORDS_EACH = 300;

    @Inject
    AuditTrail trail;

    @Inject
    AuditChain chain;

    @Inject
    StoreProvider stores;

    @Inject
    ObjectMapper json;

    @Test
    void recordsOfConcurrentCallsAreAllChainedInEachCallersOrderAndTheChainVerifies() throws Exception {
        String run = UUID.randomUUID().toString();
        Path chainFile = stores.dataDir().resolve("audit-chain.jsonl");
        long chainStart = Files.exists(chainFile) ? Files.size(chainFile) : 0;
        AuditTail trailTail = AuditTail.from(Path.of("target/audit/runtime-audit.jsonl"));

        ExecutorService callers = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int caller = t;
            done.add(callers.submit(() -> {
                start.await();
                for (int n = 0; n < RECORDS_EACH; n++) {
                    // Text that needs escaping and more than one byte per character, as arguments can have.
                    Map<String, Object> arguments = Map.of("run", run, "caller", caller, "n", n,
                            "text", "é \"quoted\" \\ 日本 \uD83D\uDE00\n\t" + n);
                    trail.record(new AuditRecord(AuditTimestamp.of(Instant.now()), "testkit", "concurrency_probe",
                            n % 10 == 0 ? "WRITE" : "READ", "local:test", null, "session-" + caller, arguments, "ok",
                            null, 0.25, 1, 2, false));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get();
        }
        callers.shutdown();
        // The chain appends in queue order: once this event is durable, every record queued before it is written.
        chain.recordDurably(Map.of("type", "concurrency_probe_end", "run", run));

        ChainVerification verification = stores.store().verify();
        assertTrue(verification.intact(), verification.problem());

        byte[] all = Files.readAllBytes(chainFile);
        String appended = new String(all, (int) chainStart, all.length - (int) chainStart, StandardCharsets.UTF_8);
        Map<Integer, List<Integer>> orderPerCaller = new HashMap<>();
        Set<String> chainedWithoutType = new HashSet<>();
        for (String line : appended.split("\n")) {
            ChainRecord record = json.readValue(line, ChainRecord.class);
            JsonNode event = json.readTree(record.event());
            if (!run.equals(event.path("arguments").path("run").asText())) {
                continue;
            }
            assertEquals("tool_call", event.get("type").asText());
            orderPerCaller.computeIfAbsent(event.get("arguments").get("caller").asInt(), c -> new ArrayList<>())
                    .add(event.get("arguments").get("n").asInt());
            assertTrue(record.event().startsWith("{\"type\":\"tool_call\","), record.event());
            chainedWithoutType.add("{" + record.event().substring("{\"type\":\"tool_call\",".length()));
        }
        List<Integer> inOrder = new ArrayList<>();
        for (int n = 0; n < RECORDS_EACH; n++) {
            inOrder.add(n);
        }
        assertEquals(THREADS, orderPerCaller.size());
        for (int t = 0; t < THREADS; t++) {
            assertEquals(inOrder, orderPerCaller.get(t), "the records of caller " + t);
        }

        Set<String> trailed = new HashSet<>();
        for (String line : trailTail.text().split("\n")) {
            if (line.contains(run)) {
                trailed.add(line);
            }
        }
        assertEquals(THREADS * RECORDS_EACH, trailed.size());
        assertEquals(chainedWithoutType, trailed);
    }
}
