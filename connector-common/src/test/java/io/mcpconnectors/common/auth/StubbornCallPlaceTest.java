package io.mcpconnectors.common.auth;

import static io.mcpconnectors.common.test.McpCalls.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.common.test.RawMcpHttp;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A call answered at {@code connector.limits.timeout} whose tool does not stop when interrupted keeps its caller's
 * place in flight until the tool's thread ends: "send a slow call, let it time out, repeat" cannot run more of one
 * caller's calls at once than {@code connector.http.concurrent-requests}.
 */
@QuarkusTest
@TestProfile(StubbornCallPlaceTest.Profile.class)
class StubbornCallPlaceTest {

    static final String TOKEN = "stubborn-caller-token-0123456789abcdef";
    static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"stubborn\","
            + "\"arguments\":{}}}";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("quarkus.application.name", "connector-testkit"),
                    Map.entry("testkit.stubborn-tool", "true"),
                    Map.entry("connector.auth.mode", "static"),
                    Map.entry("connector.http.concurrent-requests", "1"),
                    Map.entry("connector.http.rate-per-minute", "1000"),
                    Map.entry("connector.limits.timeout", "1s"),
                    Map.entry("connector.data-dir", "target/connector-data/stubborn"),
                    Map.entry("connector.audit.file", "target/audit/stubborn-audit.jsonl"),
                    Map.entry("connector.auth.tokens.ivan.sha256", sha256(TOKEN)),
                    Map.entry("connector.auth.tokens.ivan.scopes", "testkit:read"));
        }
    }

    /** Work that does not stop when interrupted (blocking I/O that ignores interrupts, a driver, a native call). */
    @ApplicationScoped
    @IfBuildProperty(name = "testkit.stubborn-tool", stringValue = "true")
    public static class Stubborn implements ConnectorTool {
        static final AtomicInteger RUNNING = new AtomicInteger();
        static final AtomicInteger MOST = new AtomicInteger();
        static volatile CountDownLatch release = new CountDownLatch(1);

        @Override
        public ToolSpec spec() {
            return new ToolSpec("stubborn", "Stubborn", "Runs until the test lets it end, whatever interrupts it.", ToolAccess.READ, List.of(), Map.of());
        }

        @Override
        public ToolResult call(ToolCall call) {
            MOST.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
            try {
                while (true) {
                    try {
                        if (release.await(50, TimeUnit.MILLISECONDS)) {
                            break;
                        }
                    } catch (InterruptedException ignored) {
                        // carries on, as blocking work that cannot be interrupted does
                    }
                }
            } finally {
                RUNNING.decrementAndGet();
            }
            return ToolResult.of(Map.of("done", true), 1);
        }
    }

    @TestHTTPResource("/mcp")
    URI mcp;

    private RawMcpHttp mcpHttp;

    @BeforeEach
    void rawMcpHttp() {
        mcpHttp = new RawMcpHttp(mcp, Duration.ofSeconds(30));
    }

    @AfterEach
    void release() {
        Stubborn.release.countDown();
    }

    @Test
    void aTimedOutCallKeepsItsPlaceUntilItsWorkEnds() throws Exception {
        String session = open();
        HttpResponse<String> first = post(session, CALL);
        // Answered at the timeout, with the tool still running.
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.body().contains("did not finish within"), first.body());
        assertEquals(1, Stubborn.RUNNING.get());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> refused = post(session, CALL);
            assertEquals(429, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("too_many_concurrent_requests"), refused.body());
        }
        assertEquals(1, Stubborn.MOST.get(), "calls of one caller running at once with concurrent-requests=1");
        // Once the tool's thread ends, the place is free again.
        Stubborn.release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (Stubborn.RUNNING.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, Stubborn.RUNNING.get());
        HttpResponse<String> later = null;
        while (System.nanoTime() < deadline) {
            later = post(session, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\"}");
            if (later.statusCode() != 429) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals(200, later.statusCode(), later.body());
    }

    private String open() throws Exception {
        HttpResponse<String> init = post(null, RawMcpHttp.INITIALIZE);
        assertEquals(200, init.statusCode(), init.body());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(session, RawMcpHttp.INITIALIZED);
        return session;
    }

    private HttpResponse<String> post(String session, String body) throws Exception {
        return mcpHttp.post(TOKEN, session, body);
    }
}
