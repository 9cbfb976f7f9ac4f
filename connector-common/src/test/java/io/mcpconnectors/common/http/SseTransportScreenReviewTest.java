package io.mcpconnectors.common.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Security review (review-security): the legacy SSE transport (served when callers do not authenticate) has its own
 * message endpoint, which the request screen does not cover.
 */
@QuarkusTest
class SseTransportScreenReviewTest {

    @TestHTTPResource("/")
    URI root;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void malformedMessagesOnTheSseTransportAreNotAnswered500() throws Exception {
        HttpRequest sse = HttpRequest.newBuilder(root.resolve("/mcp/sse")).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> stream = http.send(sse, HttpResponse.BodyHandlers.ofLines());
        Iterator<String> lines = stream.body().iterator();
        String endpoint = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:")) {
                endpoint = line.substring(5).strip();
                break;
            }
        }
        System.out.println("REVIEW sse endpoint " + endpoint);
        URI messages = endpoint.startsWith("http") ? URI.create(endpoint) : root.resolve(endpoint);
        List<String> bad = new ArrayList<>();
        for (String body : List.of("[]", "\"x\"", "42", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":\"x\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":5}")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(messages).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String shown = r.body().replace('\n', ' ');
            System.out.println("REVIEW sse POST " + body + " -> " + r.statusCode() + " " + shown.substring(0, Math.min(160, shown.length())));
            if (r.statusCode() >= 500) {
                bad.add(body + " -> " + r.statusCode());
            }
        }
        stream.body().close();
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }
}
