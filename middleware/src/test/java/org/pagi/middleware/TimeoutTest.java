package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.testing.SseStream;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.response.Response;

@org.junit.jupiter.api.Timeout(30)
class TimeoutTest {

    private static final Duration SHORT = Duration.ofMillis(50);
    /** For handlers that must start in time even on a loaded machine; that they did is checked, not assumed. */
    private static final Duration LONG = Duration.ofSeconds(10);

    /** A handler that answers only when {@code release} completes, keeping what its late send did. */
    private static Application lateHandler(CompletableFuture<Void> release, CompletableFuture<Void> lateSend,
                                           AtomicInteger calls) {
        return (scope, receive, send) -> {
            calls.incrementAndGet();
            return release.thenCompose(v -> send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                    .whenComplete((r, e) -> {
                        if (e != null) {
                            lateSend.completeExceptionally(e);
                        } else {
                            lateSend.complete(null);
                        }
                    }));
        };
    }

    @Test
    void aHandlerThatHasNotStartedInTimeGets503AndItsLateSendFails() {
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Void> lateSend = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();
        try (Timeout timeout = Timeout.builder().timeout(SHORT).build()) {
            TestResponse res = TestClient.of(timeout.wrap(lateHandler(release, lateSend, calls))).get("/slow").send();
            assertEquals(503, res.status());
            assertEquals(Timeout.BODY, res.text());
            assertEquals(1, calls.get());
            release.complete(null);
            CompletionException late = assertThrows(CompletionException.class, lateSend::join);
            assertInstanceOf(Timeout.TimedOutException.class, late.getCause());
            assertTrue(late.getCause().getMessage().startsWith("timeout:"));
        }
    }

    @Test
    void headGetsThe503WithoutABody() {
        try (Timeout timeout = Timeout.builder().timeout(SHORT).build()) {
            TestResponse res = TestClient.of(timeout.wrap(lateHandler(new CompletableFuture<>(),
                    new CompletableFuture<>(), new AtomicInteger()))).head("/slow").send();
            assertEquals(503, res.status());
            assertEquals(0, res.body().length());
        }
    }

    @Test
    void aQuickResponseIsUntouchedAndCancelsItsDeadline() {
        try (Timeout timeout = Timeout.builder().build()) {
            TestClient client = TestClient.of(timeout.wrap((scope, receive, send) ->
                    Response.text("quick").respond(scope, send)));
            for (int i = 0; i < 50; i++) {
                TestResponse res = client.get("/").send();
                assertEquals(200, res.status());
                assertEquals("quick", res.text());
            }
            assertEquals(0, timeout.pendingDeadlines(), "no deadline is left behind by finished requests");
            assertEquals(Duration.ofSeconds(30), timeout.config().timeout(), "the default");
        }
    }

    @Test
    void aStreamStartedInTimeIsNeverCutByItsDeadline() {
        CompletableFuture<Void> release = new CompletableFuture<>();
        Application streaming = (scope, receive, send) -> send.send(new HttpResponseStart(200,
                        Headers.of("content-type", "text/plain")))
                .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8("a"))))
                .thenCompose(v -> release)
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("b"))));
        try (Timeout timeout = Timeout.builder().timeout(LONG).build();
                StreamingResponse stream = TestClient.of(timeout.wrap(streaming)).get("/").stream()) {
            stream.awaitStart();
            assertEquals(200, stream.status());
            assertEquals("a", stream.nextChunk().orElseThrow().utf8());
            assertEquals(0, timeout.pendingDeadlines(), "the start cancelled the deadline: nothing can fire now");
            release.complete(null);
            assertEquals("b", stream.nextChunk().orElseThrow().utf8());
        }
    }

    @Test
    void anSseStreamNotStartedInTimeIsRefusedWith503AndAStartedOneIsLeftAlone() {
        try (Timeout timeout = Timeout.builder().timeout(SHORT).build()) {
            Application never = (scope, receive, send) -> new CompletableFuture<>();
            try (SseStream refused = TestClient.of(timeout.wrap(never)).sse("/events").open()) {
                assertTrue(refused.declined());
                assertEquals(503, refused.status());
                assertEquals(Timeout.BODY, refused.body().utf8());
            }
        }
        try (Timeout timeout = Timeout.builder().timeout(LONG).build()) {
            CompletableFuture<Void> release = new CompletableFuture<>();
            Application ticking = (scope, receive, send) -> send.send(new SseStart())
                    .thenCompose(v -> send.send(SseSend.data("one")))
                    .thenCompose(v -> release)
                    .thenCompose(v -> send.send(SseSend.data("two")));
            try (SseStream stream = TestClient.of(timeout.wrap(ticking)).sse("/events").open()) {
                assertEquals("one", stream.next().data());
                assertEquals(0, timeout.pendingDeadlines());
                release.complete(null);
                assertEquals("two", stream.next().data());
                stream.awaitEnd();
            }
        }
    }

    @Test
    void badConfigurationIsRefusedNamingTheOption() {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-1)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Timeout.builder().timeout(bad).build());
            assertTrue(e.getMessage().startsWith("timeout:"), e.getMessage());
        }
    }

    @Test
    void webSocketAndLifespanPassThroughUntouched() {
        try (Timeout timeout = Timeout.builder().timeout(SHORT).build()) {
            PassThrough.untouched(timeout, PassThrough.Kind.WEBSOCKET, PassThrough.Kind.LIFESPAN);
        }
    }
}
