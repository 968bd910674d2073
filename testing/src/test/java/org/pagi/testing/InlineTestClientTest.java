package org.pagi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
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
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.spec.event.WebSocketSend;

/** {@code runInline(true)}: the application runs on the test's thread, with the same results and timeouts. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InlineTestClientTest {

    /** An async application for every scope type that records the thread each call started on. */
    static final class ThreadRecorder implements Application {
        final List<Thread> threads = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
            threads.add(Thread.currentThread());
            return switch (scope) {
                case HttpScope http -> receive.receive()
                        .thenCompose(request -> send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain"))))
                        .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.ascii("hi " + http.path()))));
                case WebSocketScope ws -> receive.receive() // websocket.connect
                        .thenCompose(connect -> send.send(new WebSocketAccept()))
                        .thenCompose(v -> receive.receive())
                        .thenCompose(event -> send.send(new WebSocketSend(((WebSocketReceive) event).message())))
                        .thenCompose(v -> receive.receive()) // websocket.disconnect
                        .thenApply(disconnect -> null);
                case SseScope sse -> receive.receive()
                        .thenCompose(request -> send.send(new SseStart(200, Headers.empty())))
                        .thenCompose(v -> send.send(SseSend.data("one")));
                case LifespanScope life -> receive.receive()
                        .thenCompose(startup -> send.send(new LifespanStartupComplete()))
                        .thenCompose(v -> receive.receive())
                        .thenCompose(shutdown -> send.send(new LifespanShutdownComplete()));
            };
        }
    }

    @Test
    void runsEveryScopeTypeOnTheTestThreadWithTheSameResults() throws Exception {
        ThreadRecorder app = new ThreadRecorder();
        TestClient client = TestClient.builder(app).runInline(true).build();
        assertTrue(client.runInline());

        client.withLifespan(() -> {
            TestResponse response = client.get("/a").send();
            assertEquals(200, response.status());
            assertEquals("hi /a", response.text());
            try (WebSocketSession ws = client.websocket("/ws").connect()) {
                assertEquals("ping", ws.sendText("ping").receiveText());
            }
            try (SseStream sse = client.sse("/events").open()) {
                assertEquals(SseMessage.of("one"), sse.next());
                sse.awaitEnd();
            }
        });

        assertEquals(4, app.threads.size());
        for (Thread t : app.threads) {
            assertSame(Thread.currentThread(), t);
        }
    }

    @Test
    void theDefaultStillRunsEachCallOnItsOwnVirtualThread() {
        ThreadRecorder app = new ThreadRecorder();
        TestClient client = TestClient.of(app);
        assertFalse(client.runInline());

        assertEquals("hi /b", client.get("/b").send().text());

        Thread t = app.threads.getFirst();
        assertNotSame(Thread.currentThread(), t);
        assertTrue(t.isVirtual());
    }

    @Test
    void anInlineApplicationThatNeverRespondsStillTimesOut() {
        Application app = (scope, receive, send) -> new CompletableFuture<>();
        TestClient client = TestClient.builder(app).runInline(true).timeout(Duration.ofMillis(150)).build();

        PagiTestTimeoutException e = assertThrows(PagiTestTimeoutException.class, () -> client.get("/").send());

        assertTrue(e.getMessage().startsWith("timed out after PT0.15S waiting for http.response.start"),
                e.getMessage());
    }

    @Test
    void anInlineApplicationThatWaitsForAPendingReceiveFailsAtOnce() {
        // websocket.connect is pushed once the call started, so the application's first receive is pending.
        Application app = Apps.blocking((scope, receive, send) -> Apps.receive(receive));
        TestClient client = TestClient.builder(app).runInline(true).build();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> client.websocket("/").connect());

        assertTrue(e.getMessage().contains("runInline(true)"), e.getMessage());
    }

    @Test
    void anInlineApplicationMayStillWaitForEventsAlreadyQueued() {
        // The request body is queued before the call starts, so reading it inside call() never waits.
        Application app = Apps.blocking((scope, receive, send) -> {
            Apps.receive(receive);
            Apps.respond(send, 200, "read");
        });

        TestResponse response = TestClient.builder(app).runInline(true).build().post("/").body(Bytes.ascii("x")).send();

        assertEquals("read", response.text());
    }

    @Test
    void anInlineApplicationThatClosesDuringTheHandshakeStillGetsTheClosingDisconnect() {
        // The close is sent before the client has stored the call (inline, the application is that fast): the
        // client's answering disconnect must still reach it, or it would wait for ever.
        List<Object> received = new CopyOnWriteArrayList<>();
        Application app = (scope, receive, send) -> receive.receive()
                .thenCompose(connect -> send.send(new WebSocketAccept()))
                .thenCompose(v -> send.send(new WebSocketClose(4000, "bye")))
                .thenCompose(v -> receive.receive())
                .thenAccept(received::add);
        TestClient client = TestClient.builder(app).runInline(true).build();

        try (WebSocketSession ws = client.websocket("/").connect()) {
            assertEquals("bye", ws.expectClose(4000).reason());
        }

        assertEquals(1, received.size());
        assertEquals(4000, ((WebSocketDisconnect) received.getFirst()).code());
    }
}
