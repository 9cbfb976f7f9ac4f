package io.mcpconnectors.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.mcpconnectors.common.test.ConnectorProcess;
import io.mcpconnectors.common.test.McpCalls;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A gateway in front of three HTTP upstreams whose admin endpoints ({@code /admin/approvals}) are held up, as long as a
 * test wants, on plain HTTP servers in the test's JVM (their {@code /mcp} answers 404: only their approvals are asked
 * here):
 * <ul>
 * <li>{@code a} and {@code b} each answer their first listing only once the other one has been asked too (waiting up
 * to {@link #PAIR_WAIT_SECONDS} s, longer than the gateway's {@link #TIMEOUT}): a gateway that asked one after the
 * other would see the first time out;</li>
 * <li>{@code held} answers nothing until the test ends: it always times out.</li>
 * </ul>
 * Callers: bob approves at all three, carol approves nowhere, dave approves at {@code held} only. Each principal may
 * make {@link #RATE} requests a minute and have one in flight.
 */
public class HeldUpApprovalEndpoints implements QuarkusTestResourceLifecycleManager {

    static final String BOB = "bob-held-up-approvals-token-01234";
    static final String CAROL = "carol-held-up-approvals-token-012";
    static final String DAVE = "dave-held-up-approvals-token-0123";
    static final String TIMEOUT = "3s";
    static final int RATE = 6;
    static final int PAIR_WAIT_SECONDS = 30;
    static final Path AUDIT = Path.of("target", "gateway-tests", "held-up-approvals", "audit.jsonl").toAbsolutePath();

    static final CountDownLatch A_ASKED = new CountDownLatch(1);
    static final CountDownLatch B_ASKED = new CountDownLatch(1);
    /** How many listings reached {@code held}. */
    static final AtomicInteger HELD_ASKED = new AtomicInteger();
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    private final List<HttpServer> servers = new ArrayList<>();
    private ExecutorService threads;

    @Override
    public Map<String, String> start() {
        try {
            threads = Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "held-up-admin-endpoint");
                thread.setDaemon(true);
                return thread;
            });
            Path dir = Upstreams.directory("held-up-approvals");
            int gatewayPort = ConnectorProcess.freePort();
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.http.test-port", String.valueOf(gatewayPort));
            config.put("connector.gateway.issuer", "http://127.0.0.1:" + gatewayPort);
            config.put("connector.gateway.allow-unpinned", "true");
            config.put("connector.gateway.upstreams.a.url", serve(exchange -> pair(exchange, A_ASKED, B_ASKED, "a")));
            config.put("connector.gateway.upstreams.b.url", serve(exchange -> pair(exchange, B_ASKED, A_ASKED, "b")));
            config.put("connector.gateway.upstreams.held.url", serve(exchange -> {
                HELD_ASKED.incrementAndGet();
                await(RELEASE, 120);
                answer(exchange, "{\"approvals\":[]}");
            }));
            // They never serve MCP: the gateway tries again now and then, without flooding its log.
            config.put("connector.gateway.restart.initial-backoff", "30s");
            config.put("connector.gateway.restart.max-backoff", "60s");
            config.put("connector.limits.timeout", TIMEOUT);
            config.put("connector.http.rate-per-minute", String.valueOf(RATE));
            config.put("connector.http.concurrent-requests", "1");
            config.put("connector.auth.mode", "static");
            McpCalls.staticToken(config, "bob", BOB, "a:approve,b:approve,held:approve");
            McpCalls.staticToken(config, "carol", CAROL, "a:read");
            McpCalls.staticToken(config, "dave", DAVE, "held:approve");
            config.put("connector.data-dir", dir.resolve("gateway-data").toString());
            config.put("connector.audit.file", AUDIT.toString());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** A server whose /admin/approvals the handler answers; its MCP URL. */
    private String serve(Handler admin) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try {
                if (exchange.getRequestURI().getPath().equals("/admin/approvals")) {
                    admin.handle(exchange);
                } else {
                    exchange.sendResponseHeaders(404, -1);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mcp";
    }

    /** Says this one was asked, waits until the other one was asked too, then lists one approval. */
    private static void pair(HttpExchange exchange, CountDownLatch mine, CountDownLatch other, String name)
            throws IOException {
        mine.countDown();
        await(other, PAIR_WAIT_SECONDS);
        answer(exchange, "{\"approvals\":[{\"id\":\"apr_" + name + name + name + name + "0001\",\"status\":\"pending\"}]}");
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void await(CountDownLatch latch, int seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        RELEASE.countDown();
        servers.forEach(server -> server.stop(0));
        if (threads != null) {
            threads.shutdownNow();
        }
    }
}
