package org.pagi.examples.support;

import java.util.List;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.testing.HttpRequestBuilder;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.SseRequestBuilder;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

/**
 * {@link ExampleClient} over the in-process {@link TestClient}: no sockets, the application's exceptions and
 * order violations reach the test. Lifespan startup runs when the client is created, as a server runs it before
 * serving; an application that declines lifespan is served without it, as a server would. It carries WebSocket
 * sessions and SSE streams too ({@link ExampleSessionClient}).
 *
 * <p>Used from one test thread.
 */
public final class InProcessClient implements ExampleClient, ExampleSessionClient {
    private final TestClient client;
    private final LifespanSession lifespan;

    private InProcessClient(TestClient client) {
        this.client = client;
        this.lifespan = client.lifespan();
        lifespan.startup();
    }

    /** @return a client serving {@code app} with the test client's defaults, lifespan started */
    public static InProcessClient start(Application app) {
        return start(TestClient.of(app));
    }

    /** @return a client over {@code client}, already configured, lifespan started */
    public static InProcessClient start(TestClient client) {
        return new InProcessClient(client);
    }

    /** @return the test client underneath, for checks only an in-process transport can make */
    public TestClient testClient() {
        return client;
    }

    @Override
    public ExampleResponse send(ExampleRequest request) {
        HttpRequestBuilder builder = client.request(request.method(), request.path()).headers(request.headers());
        List<Bytes> body = request.body();
        if (body.size() == 1) {
            builder.body(body.get(0));
        } else if (body.size() > 1) {
            builder.bodyChunks(body);
        }
        TestResponse response = builder.send();
        return new ExampleResponse(response.status(), response.headers(), response.chunks(), response.trailers());
    }

    @Override
    public ExampleWebSocket websocket(String path, String... subprotocols) {
        return new InProcessWebSocket(client.websocket(path).subprotocols(subprotocols).connect());
    }

    @Override
    public ExampleSseStream sse(ExampleRequest request) {
        SseRequestBuilder builder = client.sse(request.path()).method(request.method()).headers(request.headers());
        if (!request.body().isEmpty()) {
            // The test client delivers a body as one sse.request, however the request splits it.
            builder.body(request.body().stream().reduce(Bytes.empty(), Bytes::concat));
        }
        return new InProcessSseStream(builder.open());
    }

    @Override
    public void close() {
        lifespan.close();
    }
}
