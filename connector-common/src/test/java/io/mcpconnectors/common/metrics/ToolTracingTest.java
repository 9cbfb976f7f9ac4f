package io.mcpconnectors.common.metrics;

import static io.mcpconnectors.common.test.McpCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With tracing switched on, every tool call is one span named after the tool, its outcome recorded. */
@QuarkusTest
@TestProfile(ToolTracingTest.TracingOn.class)
class ToolTracingTest extends McpClientTest {

    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.tracing.enabled", "true");
        }
    }

    /** Collects the spans in memory instead of sending them to a collector. */
    public static class Exporter {
        @Produces
        @Singleton
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Test
    void eachToolCallIsOneSpanWithItsOutcome() throws Exception {
        spans.reset();
        call(client, "echo", Map.of("text", "traced"));
        call(client, "sleep", Map.of("millis", 5000));
        SpanData echo = await("tools/call echo");
        assertEquals("echo", echo.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")));
        assertEquals("tools/call", echo.getAttributes().get(AttributeKey.stringKey("mcp.method.name")));
        assertEquals("testkit", echo.getAttributes().get(AttributeKey.stringKey("mcp.connector")));
        assertEquals("ok", echo.getAttributes().get(AttributeKey.stringKey("mcp.tool.outcome")));
        assertTrue(echo.getAttributes().get(AttributeKey.stringKey("mcp.session.id")) != null);
        SpanData sleep = await("tools/call sleep");
        assertEquals("timeout", sleep.getAttributes().get(AttributeKey.stringKey("mcp.tool.outcome")));
        assertEquals(StatusCode.ERROR, sleep.getStatus().getStatusCode());
    }

    private SpanData await(String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<SpanData> found = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name))
                    .toList();
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no span " + name + " in " + spans.getFinishedSpanItems());
    }
}
