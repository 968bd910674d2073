package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.Scope;
import org.pagi.spec.SseScope;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.spec.event.Event;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;
import org.pagi.wrappers.routing.Middleware;

/**
 * The proof every middleware owes for the scope types it does not act on: the application behind it gets the very
 * scope object the server made, every event it receives and sends crosses the middleware unchanged and in order,
 * and the client sees what the application alone would give. One short script per scope type: an http response
 * in two body events, a WebSocket echo and close, an SSE stream of one event, a lifespan startup and shutdown.
 */
public final class PassThrough {

    /** The scope types a middleware may leave alone. */
    public enum Kind { HTTP, WEBSOCKET, SSE, LIFESPAN }

    private PassThrough() {
    }

    /** Asserts that {@code middleware} passes each of {@code kinds} through untouched. */
    public static void untouched(Middleware middleware, Kind... kinds) {
        for (Kind kind : kinds) {
            Recorder rec = new Recorder();
            Application app = rec.outer(middleware.wrap(rec.inner()));
            TestClient client = TestClient.of(app);
            switch (kind) {
                case HTTP -> {
                    var res = client.get("/pass?x=1").send();
                    assertEquals(200, res.status(), kind + ": status");
                    assertEquals("one two", res.text(), kind + ": body");
                    assertEquals("yes", res.header("x-app").orElse(null), kind + ": header");
                }
                case WEBSOCKET -> {
                    WebSocketSession ws = client.websocket("/pass").connect();
                    ws.sendText("ping");
                    assertEquals("echo ping", ws.receiveText(), kind + ": echo");
                    ws.expectClose(4000);
                }
                case SSE -> {
                    SseStream stream = client.sse("/pass").open();
                    assertEquals("tick", stream.next().data(), kind + ": event");
                    stream.awaitEnd();
                }
                case LIFESPAN -> {
                    try (LifespanSession life = client.lifespan()) {
                        life.startup();
                        life.shutdown();
                    }
                }
            }
            rec.assertUntouched(kind);
        }
    }

    /** Records the scope and events on both sides of the middleware. */
    private static final class Recorder {
        final List<Scope> outerScopes = new CopyOnWriteArrayList<>();
        final List<Scope> innerScopes = new CopyOnWriteArrayList<>();
        final List<Event> outerReceived = new CopyOnWriteArrayList<>();
        final List<Event> innerReceived = new CopyOnWriteArrayList<>();
        final List<Event> innerSent = new CopyOnWriteArrayList<>();
        final List<Event> outerSent = new CopyOnWriteArrayList<>();

        Application outer(Application wrapped) {
            return (scope, receive, send) -> {
                outerScopes.add(scope);
                return wrapped.call(scope, () -> receive.receive().thenApply(e -> {
                    outerReceived.add(e);
                    return e;
                }), e -> {
                    outerSent.add(e);
                    return send.send(e);
                });
            };
        }

        Application inner() {
            return (scope, receive, send) -> {
                innerScopes.add(scope);
                org.pagi.spec.Receive r = () -> receive.receive().thenApply(e -> {
                    innerReceived.add(e);
                    return e;
                });
                org.pagi.spec.Send s = e -> {
                    innerSent.add(e);
                    return send.send(e);
                };
                return switch (scope) {
                    case HttpScope h -> r.receive().thenCompose(e -> s.send(new HttpResponseStart(200,
                                    Headers.of("content-type", "text/plain", "x-app", "yes"))))
                            .thenCompose(v -> s.send(new HttpResponseBody(Bytes.utf8("one "), true)))
                            .thenCompose(v -> s.send(HttpResponseBody.last(Bytes.utf8("two"))));
                    case WebSocketScope w -> r.receive().thenCompose(connect -> s.send(new WebSocketAccept()))
                            .thenCompose(v -> r.receive())
                            .thenCompose(e -> s.send(WebSocketSend.text("echo "
                                    + ((org.pagi.spec.event.WebSocketMessage.Text) ((WebSocketReceive) e).message()).text())))
                            .thenCompose(v -> s.send(new WebSocketClose(4000, "done")));
                    case SseScope e -> s.send(new SseStart()).thenCompose(v -> s.send(SseSend.data("tick")));
                    case LifespanScope l -> r.receive().thenCompose(e -> s.send(new LifespanStartupComplete()))
                            .thenCompose(v -> r.receive())
                            .thenCompose(e -> s.send(new LifespanShutdownComplete()));
                };
            };
        }

        void assertUntouched(Kind kind) {
            assertEquals(1, outerScopes.size(), kind + ": one call");
            assertEquals(1, innerScopes.size(), kind + ": the application was called once");
            assertSame(outerScopes.get(0), innerScopes.get(0), kind + ": the scope reached the application as is");
            assertEquals(outerReceived, innerReceived, kind + ": received events unchanged");
            assertEquals(innerSent, outerSent, kind + ": sent events unchanged and in order");
        }
    }
}
