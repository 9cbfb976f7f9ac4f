package io.mcpconnectors.gateway;

import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import io.vertx.core.Context;

/**
 * One HTTP client for every MCP session with one upstream. The SDK's transport builds a client of its own from a
 * builder, and every client has its own connection pool and selector thread; given this builder, each session's
 * transport gets the one client instead, so a thousand callers' sessions share one pool and one thread. The client's
 * settings are fixed here (HTTP/1.1 with its kept-alive, reused connections; the connect timeout; the executor); what
 * a transport asks of the builder is ignored.
 * <p>
 * The client runs its work where it arises, on its selector thread (reading answers) or on the thread that sends,
 * instead of handing each step to a pool of its own: the default pool passed one answer through a dozen thread
 * switches. Nothing the gateway does with an upstream's message blocks (a blocking wait for an answer happens only on
 * the gateway's own threads, never in a callback of the client), which is what this executor requires. Only a request
 * sent from an event loop is handed to another thread first ({@link #run}).
 */
final class SharedHttpClient implements HttpClient.Builder {

    private final HttpClient client;
    private final ExecutorService offLoop;

    SharedHttpClient(Duration connectTimeout) {
        this.offLoop = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "gateway-http-send");
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .executor(this::run).build();
    }

    /**
     * Runs the client's work where it arises, except on an event loop: a request sent from one (a tool call arrives
     * there) starts on a thread of its own, since starting it may look the upstream's host name up, which blocks.
     */
    private void run(Runnable task) {
        if (Context.isOnEventLoopThread()) {
            offLoop.execute(task);
        } else {
            task.run();
        }
    }

    @Override
    public HttpClient build() {
        return client;
    }

    /**
     * Ends the client's connections and thread at once where the Java runtime can ({@code shutdownNow}, Java 21 and
     * newer; not {@code close}, which would wait for the sessions' open event streams); elsewhere they end once the
     * client is no longer referenced.
     */
    void close() {
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(client);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Java 17: left to the garbage collector
        }
        offLoop.shutdown();
    }

    @Override
    public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
        return this;
    }

    @Override
    public HttpClient.Builder connectTimeout(Duration duration) {
        return this;
    }

    @Override
    public HttpClient.Builder sslContext(SSLContext sslContext) {
        return this;
    }

    @Override
    public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
        return this;
    }

    @Override
    public HttpClient.Builder executor(Executor executor) {
        return this;
    }

    @Override
    public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
        return this;
    }

    @Override
    public HttpClient.Builder version(HttpClient.Version version) {
        return this;
    }

    @Override
    public HttpClient.Builder priority(int priority) {
        return this;
    }

    @Override
    public HttpClient.Builder proxy(ProxySelector proxySelector) {
        return this;
    }

    @Override
    public HttpClient.Builder authenticator(Authenticator authenticator) {
        return this;
    }
}
