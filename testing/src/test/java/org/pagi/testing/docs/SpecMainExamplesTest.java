package org.pagi.testing.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.PagiInfo;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Send;
import org.pagi.spec.SseScope;
import org.pagi.spec.State;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.Direction;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.EventType;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.order.IllegalEventOrderException;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

/** The examples of spec/docs/main.md. */
class SpecMainExamplesTest {

    @Test
    void helloInCompletionStageStyle() {
        // snippet: main.hello-chain
        Application app = (scope, receive, send) -> {
            if (!(scope instanceof HttpScope)) {
                throw new UnsupportedScopeException(scope);
            }
            return send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain; charset=utf-8")))
                    .thenCompose(sent -> send.send(HttpResponseBody.last(Bytes.utf8("Hello from PAGI!"))));
        };
        // end-snippet
        TestResponse response = TestClient.of(app).get("/").send();
        assertEquals(200, response.status());
        assertEquals("Hello from PAGI!", response.text());
        assertThrows(UnsupportedScopeException.class,
                () -> app.call(new LifespanScope(PagiInfo.current(), new State()), null, null));
    }

    @Test
    void helloInBlockingStyle() {
        // snippet: main.hello-blocking
        Executor virtualThreads = task -> Thread.ofVirtual().start(task);
        Application app = (scope, receive, send) -> CompletableFuture.runAsync(() -> {
            if (!(scope instanceof HttpScope)) {
                throw new UnsupportedScopeException(scope);
            }
            Bytes name = Bytes.empty();
            boolean more = true;
            while (more) {
                switch (receive.receive().toCompletableFuture().join()) {
                    case HttpRequest(Bytes piece, boolean morePieces) -> {
                        name = name.concat(piece);
                        more = morePieces;
                    }
                    default -> more = false; // http.disconnect: the client went away
                }
            }
            Headers headers = Headers.of("content-type", "text/plain; charset=utf-8");
            send.send(new HttpResponseStart(200, headers)).toCompletableFuture().join();
            send.send(HttpResponseBody.last(Bytes.utf8("Hello, " + name.utf8() + "!"))).toCompletableFuture().join();
        }, virtualThreads);
        // end-snippet
        assertEquals("Hello, Ada!", TestClient.of(app).post("/").text("Ada").send().text());
    }

    @Test
    void dispatchOverTheSealedScope() {
        // snippet: main.dispatch
        Application app = (scope, receive, send) -> switch (scope) {
            case HttpScope http -> send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                    .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8(http.method() + " " + http.path()))));
            case WebSocketScope ws -> throw new UnsupportedScopeException(ws);
            case SseScope sse -> throw new UnsupportedScopeException(sse);
            case LifespanScope life -> throw new UnsupportedScopeException(life);
        };
        // end-snippet
        assertEquals("GET /caf\u00e9", TestClient.of(app).get("/caf%C3%A9").send().text());
        UnsupportedScopeException e = assertThrows(UnsupportedScopeException.class,
                () -> app.call(new LifespanScope(PagiInfo.current(), new State()), null, null));
        assertEquals("unsupported scope type: lifespan", e.getMessage());
    }

    @Test
    void eventsKnowTheirTypeAndDirection() {
        // snippet: main.event-types
        Event start = new HttpResponseStart(200, Headers.of("content-type", "text/plain"));
        assertEquals("http.response.start", start.type());
        assertEquals(EventType.HTTP_RESPONSE_START, start.kind());
        assertEquals(Direction.SEND, start.kind().direction());
        assertEquals(Optional.of(EventType.HTTP_REQUEST), EventType.fromWire("http.request"));
        assertEquals(new HttpRequest(Bytes.utf8("hi"), false), HttpRequest.last(Bytes.utf8("hi"))); // by value
        // end-snippet
    }

    @Test
    void eventsAreValidatedWhenConstructed() {
        // snippet: main.validation
        assertThrows(IllegalArgumentException.class, () -> new HttpResponseStart(42, Headers.empty()));
        assertThrows(IllegalArgumentException.class, () -> Headers.of("x-note", "a\r\nset-cookie: evil=1"));
        assertThrows(NullPointerException.class, () -> new HttpRequest(null, false));
        // end-snippet
    }

    @Test
    void anEventOutOfOrderFailsTheSend() {
        // snippet: main.order-violation
        Application app = (scope, receive, send) ->
                send.send(HttpResponseBody.last(Bytes.utf8("oops"))); // a body before http.response.start
        IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class,
                () -> TestClient.of(app).get("/").send());
        assertEquals("http", e.scopeType());
        assertEquals("http.response.body", e.got());
        assertTrue(e.expected().contains(EventType.HTTP_RESPONSE_START));
        assertEquals(IllegalEventOrderException.Side.APPLICATION, e.side());
        // end-snippet
        assertTrue(e.getMessage().startsWith("http: expected "), e.getMessage());
    }

    @Test
    void theServerBackstops() {
        // snippet: main.backstop
        Application silent = (scope, receive, send) -> CompletableFuture.completedFuture(null); // never responds
        TestClient asServer = TestClient.builder(silent).raiseAppExceptions(false).build();
        assertEquals(500, asServer.get("/").send().status());

        Application failsMidBody = (scope, receive, send) -> send.send(new HttpResponseStart(200, Headers.empty()))
                .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8("partial"))))
                .thenCompose(v -> CompletableFuture.<Void>failedFuture(new IllegalStateException("boom")));
        TestResponse cut = TestClient.builder(failsMidBody).raiseAppExceptions(false).build().get("/").send();
        assertTrue(cut.aborted()); // the client sees a broken response, never a truncated success
        // end-snippet
        assertEquals(200, cut.status());
    }

    @Test
    void middlewareCopiesTheScope() {
        // snippet: main.middleware
        UnaryOperator<Application> requestIds = inner -> (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http)) {
                return inner.call(scope, receive, send); // other scope types pass through untouched
            }
            String id = UUID.randomUUID().toString();
            HttpScope copy = http.withAttribute("myapp.request_id", id); // a new scope; `http` is unchanged
            Send tagged = event -> send.send(event instanceof HttpResponseStart(int status, Headers h, boolean t)
                    ? new HttpResponseStart(status, h.with("x-request-id", id), t)
                    : event);
            return inner.call(copy, receive, tagged); // the inner stage, with its failures, is the result
        };
        Application app = requestIds.apply((scope, receive, send) -> {
            Object id = ((RequestScope) scope).attribute("myapp.request_id").orElseThrow();
            return send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                    .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8(id.toString()))));
        });
        // end-snippet
        TestResponse response = TestClient.of(app).get("/").send();
        assertEquals(response.header("x-request-id").orElseThrow(), response.text());
        assertFalse(response.text().isEmpty());
    }
}
