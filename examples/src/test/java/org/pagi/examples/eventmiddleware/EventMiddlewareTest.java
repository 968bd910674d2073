package org.pagi.examples.eventmiddleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.examples.support.Await;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.ExtensionEvent;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpRequest;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;

/**
 * The event-middleware example through the in-process test client: the stream, what the inner application
 * receives, and the ticker's lifetime. The ticker is set to an hour and the tests publish ticks themselves.
 */
@Timeout(30)
class EventMiddlewareTest {
    static final Duration NEVER = Duration.ofHours(1);

    @Test
    void streamsALinePerTick() {
        App app = new App(NEVER);
        try (StreamingResponse stream = TestClient.of(app).get("/").stream()) {
            assertEquals(200, stream.awaitStart().status());
            assertEquals("application/x-ndjson", stream.headers().first("content-type").orElseThrow());
            for (int tick = 1; tick <= 3; tick++) {
                Await.until(() -> app.middleware().hub().waiting() == 1, "the application waiting on receive");
                app.middleware().hub().publish();
                assertEquals(Bytes.utf8("{\"tick\":" + tick + "}\n"), stream.nextChunk().orElseThrow());
            }
        }
    }

    @Test
    void theInnerApplicationReceivesTicksBesideTheProtocolEvents() {
        List<Event> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> sawDisconnect = new CompletableFuture<>();
        Application probe = (scope, receive, send) -> App.stream(scope, () -> receive.receive().thenApply(e -> {
            received.add(e);
            if (e instanceof HttpDisconnect) {
                sawDisconnect.complete(null);
            }
            return e;
        }), send);
        WithTicks middleware = new WithTicks(probe, NEVER);
        try (StreamingResponse stream = TestClient.of(middleware).get("/").stream()) {
            stream.awaitStart();
            Await.until(() -> middleware.hub().waiting() == 1, "the application waiting on receive");
            middleware.hub().publish();
            stream.nextChunk().orElseThrow();
            stream.disconnect();
            sawDisconnect.join();
        }
        assertInstanceOf(HttpRequest.class, received.get(0));
        assertEquals(new ExtensionEvent("ext.tick", Map.of("count", 1L)), received.get(1));
        assertInstanceOf(HttpDisconnect.class, received.get(2));
        assertEquals(3, received.size());
        assertEquals(0, middleware.hub().waiting(), "a wait lost to the disconnect is forgotten");
    }

    @Test
    void theTickerRunsFromStartupUntilShutdown() {
        App app = new App(Duration.ofMillis(10));
        try (LifespanSession lifespan = TestClient.of(app).lifespan()) {
            assertFalse(app.middleware().isTicking());
            lifespan.startup();
            assertTrue(lifespan.supported(), "the middleware answers lifespan; the inner application never sees it");
            long first = app.middleware().hub().nextTick().join(); // 1, or more on a machine slow to get here
            assertTrue(first >= 1, "ticks on its own");
            assertTrue(app.middleware().hub().nextTick().join() > first, "and goes on ticking");
            lifespan.shutdown();
            assertFalse(app.middleware().isTicking());
        }
    }

    @Test
    void aTickThatFiresJustAfterAProtocolEventWonTheRaceIsDeliveredNotLost() {
        java.util.concurrent.atomic.AtomicReference<WithTicks> self = new java.util.concurrent.atomic.AtomicReference<>();
        // The tick fires as the request event is handed over: after the race was decided for the request.
        Application probe = (scope, receive, send) -> App.stream(scope, () -> receive.receive().thenApply(e -> {
            if (e instanceof HttpRequest) {
                self.get().hub().publish();
            }
            return e;
        }), send);
        WithTicks middleware = new WithTicks(probe, NEVER);
        self.set(middleware);
        try (StreamingResponse stream = TestClient.of(middleware).get("/").stream()) {
            stream.awaitStart();
            assertEquals("{\"tick\":1}\n", stream.nextChunk(Duration.ofSeconds(5)).orElseThrow().utf8(),
                    "the tick waits for the next receive instead of being dropped");
        }
    }
}
