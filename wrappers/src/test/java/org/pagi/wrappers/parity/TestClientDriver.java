package org.pagi.wrappers.parity;

import java.util.ArrayList;
import java.util.List;

import java.util.Optional;
import org.pagi.spec.Application;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.testing.HttpRequestBuilder;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseRequestBuilder;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.WebSocketHandshake;
import org.pagi.testing.WebSocketSession;
import org.pagi.spec.event.WebSocketClose;

/** The parity app in process, through {@link TestClient}, with its lifespan started and stopped around the calls. */
final class TestClientDriver implements Driver {

    private final TestClient client;
    private final LifespanSession lifespan;

    TestClientDriver(Application app) {
        this.client = TestClient.of(app);
        this.lifespan = client.lifespan();
        lifespan.startup();
    }

    @Override
    public HttpResult http(HttpCall call) {
        HttpRequestBuilder request = client.request(call.method(), call.target());
        call.headers().forEach(h -> request.header(h.getKey(), h.getValue()));
        if (call.chunked()) {
            request.bodyChunks(call.pieces());
        } else if (!call.body().isEmpty()) {
            request.body(call.body());
        }
        TestResponse response = request.send();
        return HttpResult.of(response.status(), response.headers(), response.body(), response.trailers());
    }

    @Override
    public List<String> websocket(String path, List<WsStep> steps) {
        WebSocketHandshake handshake = client.websocket(path).tryConnect();
        if (handshake instanceof WebSocketHandshake.Denied denied) {
            return List.of("denied " + denied.status());
        }
        List<String> seen = new ArrayList<>();
        WebSocketSession session = ((WebSocketHandshake.Accepted) handshake).session();
        try {
            for (WsStep step : steps) {
                switch (step) {
                    case WsStep.Send s -> session.sendText(s.text());
                    case WsStep.Receive r -> seen.add(switch (session.receive()) {
                        case WebSocketMessage.Text t -> "text: " + t.text();
                        case WebSocketMessage.Binary b -> "binary: " + b.bytes().length() + " bytes";
                    });
                    case WsStep.ExpectClose c -> {
                        WebSocketClose close = session.expectClose(c.code());
                        seen.add("close " + close.code() + " " + close.reason());
                    }
                }
            }
        } finally {
            session.close();
        }
        return seen;
    }

    @Override
    public SseResult sse(String path, Optional<String> lastEventId) {
        SseRequestBuilder request = client.sse(path);
        lastEventId.ifPresent(request::lastEventId);
        try (SseStream stream = request.open()) {
            if (stream.declined()) {
                return new SseResult(stream.status(), List.of(), stream.body().utf8());
            }
            List<String> events = new ArrayList<>();
            SseMessage m;
            do {
                m = stream.next();
                events.add(m.event() + "|" + m.data() + "|" + m.id().orElse(""));
            } while (!m.event().equals("done"));
            return new SseResult(stream.status(), events, "");
        }
    }

    @Override
    public void close() {
        lifespan.shutdown();
    }

}
