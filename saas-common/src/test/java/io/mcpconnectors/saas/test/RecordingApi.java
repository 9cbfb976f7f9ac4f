package io.mcpconnectors.saas.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.mcpconnectors.common.test.NoDelayServerSockets;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A local stand-in for a service's API, the base of each SaaS connector's fake (FakeGithub, FakeSalesforce): a
 * MockWebServer, started on first use and kept for the whole test run, that records every request it receives
 * (so a test checks what the connector sent, not only what it answered) and answers each with the fake's routing
 * function.
 */
public final class RecordingApi {

    private final Function<RecordedRequest, MockResponse> routes;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private MockWebServer server;

    public RecordingApi(Function<RecordedRequest, MockResponse> routes) {
        this.routes = routes;
    }

    /** The stand-in's URL for a path ("/" for its root), starting it on first use. */
    public synchronized String url(String path) {
        if (server == null) {
            MockWebServer started = new MockWebServer();
            started.setServerSocketFactory(new NoDelayServerSockets());
            started.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    requests.add(request);
                    return routes.apply(request);
                }
            });
            try {
                started.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = started;
        }
        return server.url(path).toString();
    }

    /** Every request received so far, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Forgets the requests received so far (a test that counts requests starts with this). */
    public void clearRequests() {
        requests.clear();
    }

    /** An answer with a JSON body (the text of {@code body}). */
    public static MockResponse json(int status, Object body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json; charset=utf-8")
                .setBody(body.toString());
    }
}
