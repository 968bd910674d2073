package org.pagi.examples.ssebroadcaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.examples.support.Recorder;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.Send;
import org.pagi.spec.SseScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.SseDisconnect;
import org.pagi.spec.event.SseRequest;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;

/** Example 05 through the in-process test client, plus what only an in-process test can see. */
class SseBroadcasterTest extends SseBroadcasterChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void sendsTheStartAndThreeNamedEventsThenReturnsWithoutSseClose() {
        Recorder recorder = new Recorder(new App(Duration.ZERO));
        try (SseStream stream = TestClient.of(recorder).sse("/").open()) {
            assertEquals(EVENTS, stream.take(3));
            stream.awaitEnd();
        }
        assertEquals(List.of(new SseStart(200, Headers.of("content-type", "text/event-stream")),
                SseSend.event("tick", "1"), SseSend.event("tick", "2"), SseSend.event("done", "finished")),
                recorder.sent());
    }

    @Test
    void sendsNothingMoreOnceTheClientHasLeft() {
        Recorder recorder = new Recorder(new App(FOREVER));
        TestClient.of(recorder).sse("/").open().close();
        assertEquals(List.of(App.START), recorder.sent());
    }

    @Test
    void pausesOneSecondBeforeEachEventByDefault() {
        long started = System.nanoTime();
        try (SseStream stream = TestClient.of(new App()).sse("/").open()) {
            assertEquals(EVENTS.get(0), stream.next());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(App.DEFAULT_PAUSE) >= 0, "the first event came after " + took);
    }

    @Test
    void returnsFromCallAtOnceAndRunsTheStreamOnAVirtualThreadOfItsOwn() throws Exception {
        // The request body first, then a receive that stays pending until the client leaves.
        CompletableFuture<Event> leaves = new CompletableFuture<>();
        Iterator<CompletableFuture<Event>> script = List.of(
                CompletableFuture.<Event>completedFuture(new SseRequest(Bytes.empty(), false)), leaves).iterator();
        Receive receive = script::next;
        CompletableFuture<Thread> sender = new CompletableFuture<>();
        Send send = event -> {
            sender.complete(Thread.currentThread());
            return CompletableFuture.completedFuture(null);
        };

        CompletableFuture<Void> call = new App(FOREVER).call(scope(), receive, send).toCompletableFuture();
        assertFalse(call.isDone(), "call() returned while the stream is in its first pause");
        Thread thread = sender.get(5, TimeUnit.SECONDS);
        assertTrue(thread.isVirtual(), "sse.start was sent from " + thread);
        assertNotSame(Thread.currentThread(), thread);

        leaves.complete(new SseDisconnect(DisconnectReason.CLIENT_CLOSED));
        call.get(5, TimeUnit.SECONDS);
    }

    @Test
    void failsTheCallWhenReceiveFails() {
        IllegalStateException broken = new IllegalStateException("the server lost track of the stream");
        Receive receive = () -> CompletableFuture.failedFuture(broken);
        Send send = event -> CompletableFuture.completedFuture(null);
        CompletableFuture<Void> call = new App(Duration.ZERO).call(scope(), receive, send).toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(5, TimeUnit.SECONDS));
        assertSame(broken, e.getCause());
    }

    @Test
    void refusesHttpAndWebSocketScopes() {
        TestClient client = TestClient.of(new App(SHORT));
        assertThrows(UnsupportedScopeException.class, () -> client.get("/").send());
        assertThrows(UnsupportedScopeException.class, () -> client.websocket("/").connect());
    }

    @Test
    void declinesLifespanSoTheServerCarriesOnWithoutIt() {
        LifespanSession lifespan = TestClient.of(new App()).lifespan();
        lifespan.startup();
        assertFalse(lifespan.supported());
        assertInstanceOf(UnsupportedScopeException.class, lifespan.declineCause().orElseThrow());
    }

    @Test
    void refusesANegativePause() {
        assertThrows(IllegalArgumentException.class, () -> new App(Duration.ofMillis(-1)));
    }

    /** A real SSE scope, as a server builds it, for calling the application by hand. */
    private static SseScope scope() {
        try (SseStream stream = TestClient.of(new App(FOREVER)).sse("/").open()) {
            return stream.scope();
        }
    }
}
