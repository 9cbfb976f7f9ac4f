package io.mcpconnectors.gateway;

import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * One HTTP client for every MCP session with one upstream. The SDK's transport builds a client of its own from a
 * builder, and every client has its own connection pool and selector thread; given this builder, each session's
 * transport gets the one client instead, so a thousand callers' sessions share one pool and one thread. The client's
 * settings are fixed here (HTTP/1.1, the connect timeout); what a transport asks of the builder is ignored.
 */
final class SharedHttpClient implements HttpClient.Builder {

    private final HttpClient client;

    SharedHttpClient(Duration connectTimeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .build();
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
