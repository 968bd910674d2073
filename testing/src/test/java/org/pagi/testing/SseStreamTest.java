package org.pagi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.testing.Apps.blocking;
import static org.pagi.testing.Apps.receive;
import static org.pagi.testing.Apps.send;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.SseScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.SseClose;
import org.pagi.spec.event.SseComment;
import org.pagi.spec.event.SseDisconnect;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseKeepalive;
import org.pagi.spec.event.SseRequest;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.order.IllegalEventOrderException;

class SseStreamTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    /** An application that reads the request, starts the stream, then runs {@code afterStart}. */
    private static Application streaming(Apps.Blocking afterStart) {
        return blocking((scope, receive, send) -> {
            receive(receive);
            send(send, new SseStart());
            afterStart.run(scope, receive, send);
        });
    }

    @Nested
    class Events {
        @Test
        void readsEventsWithTheirTypeIdAndRetryAsAClientDispatchesThem() {
            Application app = blocking((scope, receive, send) -> {
                receive(receive);
                send(send, new SseStart(200, Headers.of("x-feed", "prices")));
                send(send, SseSend.data("plain"));
                send(send, SseSend.event("tick", "line 1\r\nline 2").withId("7").withRetry(1500));
                send(send, SseSend.event("", "unnamed").withId("8"));
            });
            try (SseStream events = TestClient.of(app).sse("/prices").open()) {
                assertEquals(List.of(200, Headers.of("x-feed", "prices")), List.of(events.status(), events.headers()));
                assertEquals(List.of(SseMessage.of("plain"),
                        SseMessage.of("tick", "line 1\nline 2").withId("7").withRetry(1500),
                        SseMessage.of("unnamed").withId("8")), events.take(3));
                assertEquals(Optional.of("8"), events.lastEventId());
                events.awaitEnd();
                assertTrue(events.isClosed());
            }
        }

        @Test
        void commentsAndKeepalivesAreSkippedAndKept() {
            Application app = streaming((scope, receive, send) -> {
                send(send, new SseComment("warming up"));
                send(send, new SseKeepalive(Duration.ofSeconds(15), "ping"));
                send(send, SseSend.data("first"));
                send(send, new SseComment("still here"));
            });
            try (SseStream events = TestClient.of(app).sse("/").open()) {
                assertEquals(SseMessage.of("first"), events.next());
                events.awaitEnd();
                assertEquals(List.of("warming up", "still here"), events.comments());
                assertEquals(Optional.of(new SseKeepalive(Duration.ofSeconds(15), "ping")), events.keepalive());
            }
        }

        @Test
        void resumesFromTheLastEventIdTheClientSends() {
            Application app = streaming((scope, receive, send) -> {
                int last = scope instanceof SseScope sse
                        ? Integer.parseInt(sse.headers().first("last-event-id").orElse("0")) : 0;
                for (int id = last + 1; id <= last + 2; id++) {
                    send(send, SseSend.data("update " + id).withId(Integer.toString(id)));
                }
            });
            TestClient client = TestClient.of(app);
            try (SseStream first = client.sse("/feed").open()) {
                assertEquals(List.of(SseMessage.of("update 1").withId("1"), SseMessage.of("update 2").withId("2")),
                        first.take(2));
                try (SseStream resumed = client.sse("/feed").lastEventId(first.lastEventId().orElseThrow()).open()) {
                    assertEquals(List.of(SseMessage.of("update 3").withId("3"), SseMessage.of("update 4").withId("4")),
                            resumed.take(2));
                    assertEquals(Optional.of("4"), resumed.lastEventId());
                }
            }
        }

        @Test
        void nextAfterSseCloseSaysTheStreamEnded() {
            Application app = streaming((scope, receive, send) -> {
                send(send, SseSend.data("one"));
                send(send, new SseClose("job_complete"));
            });
            try (SseStream events = TestClient.of(app).sse("/").open()) {
                assertEquals(SseMessage.of("one"), events.next());
                AssertionError e = assertThrows(AssertionError.class, events::next);
                assertEquals("expected an event, but the stream ended (sse.close \"job_complete\")", e.getMessage());
            }
        }

        @Test
        void nextAfterTheApplicationReturnedSaysTheStreamEnded() {
            Application app = streaming((scope, receive, send) -> { });
            try (SseStream events = TestClient.of(app).sse("/").open()) {
                AssertionError e = assertThrows(AssertionError.class, events::next);
                assertEquals("expected an event, but the stream ended (the application returned)", e.getMessage());
                assertTrue(events.isClosed());
            }
        }

        @Test
        void awaitEndFailsWhenAnEventComesInstead() {
            Application app = streaming((scope, receive, send) -> send(send, SseSend.data("unexpected")));
            try (SseStream events = TestClient.of(app).sse("/").open()) {
                AssertionError e = assertThrows(AssertionError.class, events::awaitEnd);
                assertEquals("expected the stream to end, got an event: " + SseMessage.of("unexpected"),
                        e.getMessage());
            }
        }

        @Test
        void anInfiniteStreamCanBeReadInPartAndClosed() {
            CompletableFuture<Event> seenByApp = new CompletableFuture<>();
            Application app = streaming((scope, receive, send) -> {
                CompletableFuture<Event> gone = receive.receive().toCompletableFuture();
                for (int i = 0; !gone.isDone(); i++) {
                    send(send, SseSend.data("tick " + i));
                    Thread.sleep(5);
                }
                seenByApp.complete(gone.join());
            });
            SseStream events = TestClient.of(app).sse("/ticks").open();
            assertEquals(List.of(SseMessage.of("tick 0"), SseMessage.of("tick 1"), SseMessage.of("tick 2")),
                    events.take(3));
            events.close();
            assertEquals(new SseDisconnect(DisconnectReason.CLIENT_CLOSED), seenByApp.getNow(null));
            assertTrue(events.isClosed());
        }

        @Test
        void anApplicationExceptionReachesTheTestFromTheNextRead() {
            Application app = streaming((scope, receive, send) -> {
                throw new IllegalStateException("feed broke");
            });
            try (SseStream events = TestClient.of(app).sse("/").open()) {
                IllegalStateException e = assertThrows(IllegalStateException.class, events::next);
                assertEquals("feed broke", e.getMessage());
            }
        }

        @Test
        void nextTimesOutNamingWhatItAwaited() {
            Application app = streaming((scope, receive, send) -> receive(receive));
            try (SseStream events = TestClient.builder(app).timeout(Apps.AFTER_A_STEP).build().sse("/").open()) {
                PagiTestTimeoutException e = assertThrows(PagiTestTimeoutException.class, events::next);
                assertTrue(e.getMessage().contains("waiting for sse.send on the sse scope"), e.getMessage());
            }
        }
    }

    @Nested
    class Requests {
        @Test
        void aGetRequestsTheEventStreamAndDeliversOneEmptySseRequest() {
            CompletableFuture<Event> request = new CompletableFuture<>();
            Application app = blocking((scope, receive, send) -> {
                request.complete(receive(receive));
                send(send, new SseStart());
            });
            try (SseStream events = TestClient.of(app).sse("/events").open()) {
                SseScope scope = events.scope();
                assertEquals(List.of("sse", "GET", "http", Optional.of("text/event-stream")),
                        List.of(scope.type(), scope.method(), scope.scheme(), scope.headers().first("accept")));
                assertEquals(new SseRequest(Bytes.empty(), false), request.getNow(null));
            }
        }

        @Test
        void aPostStreamDeliversItsBodyAsSseRequest() {
            CompletableFuture<Event> request = new CompletableFuture<>();
            Application app = blocking((scope, receive, send) -> {
                SseRequest body = (SseRequest) receive(receive);
                request.complete(body);
                send(send, new SseStart());
                send(send, SseSend.data("you asked: " + body.body().utf8()));
            });
            try (SseStream events = TestClient.of(app).sse("/search").method("POST").json(Map.of("q", "pagi")).open()) {
                assertEquals(SseMessage.of("you asked: {\"q\":\"pagi\"}"), events.next());
                assertEquals(List.of("POST", Optional.of("application/json"), Optional.of("12")),
                        List.of(events.scope().method(), events.scope().headers().first("content-type"),
                                events.scope().headers().first("content-length")));
            }
            assertEquals(new SseRequest(Bytes.utf8("{\"q\":\"pagi\"}"), false), request.getNow(null));
        }

        @Test
        void upgradeHeadersMakeItAWebSocketHandshakeNotAStream() {
            Application app = streaming((scope, receive, send) -> { });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestClient.of(app).sse("/")
                    .header("upgrade", "websocket").header("connection", "upgrade").open());
            assertTrue(e.getMessage().startsWith("a server gives this request a websocket scope, not sse"),
                    e.getMessage());
        }
    }

    @Nested
    class Declines {
        @Test
        void aDeclineWith204EndsTheReconnectLoop() {
            Application app = blocking((scope, receive, send) -> {
                receive(receive);
                send(send, new SseHttpResponseStart(204, Headers.empty()));
                send(send, new SseHttpResponseBody(Bytes.empty(), false));
            });
            try (SseStream events = TestClient.of(app).sse("/").open()) {
                assertTrue(events.declined());
                assertEquals(List.of(204, Headers.empty(), Bytes.empty()),
                        List.of(events.status(), events.headers(), events.body()));
                AssertionError e = assertThrows(AssertionError.class, events::next);
                assertEquals("expected an event, but the stream ended (the application declined the stream with 204)",
                        e.getMessage());
            }
        }

        @Test
        void aDeclineCarriesItsWholeBody() {
            Application app = blocking((scope, receive, send) -> {
                receive(receive);
                send(send, new SseHttpResponseStart(401, Headers.of("www-authenticate", "Bearer")));
                send(send, new SseHttpResponseBody(Bytes.ascii("Unauth"), true));
                send(send, new SseHttpResponseBody(Bytes.ascii("orized"), false));
            });
            try (SseStream events = TestClient.of(app).sse("/").open()) {
                assertEquals(List.of(true, 401, Headers.of("www-authenticate", "Bearer"), Bytes.ascii("Unauthorized")),
                        List.of(events.declined(), events.status(), events.headers(), events.body()));
            }
        }

        @Test
        void aStartedStreamIsNotDeclined() {
            try (SseStream events = TestClient.of(streaming((scope, receive, send) -> { })).sse("/").open()) {
                assertFalse(events.declined());
                assertEquals(Bytes.empty(), events.body());
            }
        }

        @Test
        void sendingBeforeSseStartFailsNamingSseStart() {
            Application app = blocking((scope, receive, send) -> {
                receive(receive);
                send(send, SseSend.data("too early"));
            });
            IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class,
                    () -> TestClient.of(app).sse("/").open());
            assertTrue(e.getMessage().contains("send sse.start first"), e.getMessage());
            assertEquals("sse.send", e.got());
        }

        @Test
        void returningWithoutStartingFailsTheTest() {
            Application app = blocking((scope, receive, send) -> receive(receive));
            AssertionError e = assertThrows(AssertionError.class, () -> TestClient.of(app).sse("/").open());
            assertEquals("the application returned without sending sse.start or declining the stream"
                    + " (a server answers 500)", e.getMessage());
        }

        @Test
        void returningWithoutStartingIsA500WhenNotRaising() {
            Application app = blocking((scope, receive, send) -> receive(receive));
            try (SseStream events = TestClient.builder(app).raiseAppExceptions(false).build().sse("/").open()) {
                assertEquals(List.of(true, 500, Bytes.ascii("Internal Server Error")),
                        List.of(events.declined(), events.status(), events.body()));
            }
        }

        @Test
        void anUnstartedStreamTimesOutNamingSseStart() throws Exception {
            CompletableFuture<Event> afterTimeout = new CompletableFuture<>();
            Application app = blocking((scope, receive, send) -> {
                receive(receive);
                afterTimeout.complete(receive(receive));
            });
            PagiTestTimeoutException e = assertThrows(PagiTestTimeoutException.class,
                    () -> TestClient.builder(app).timeout(SHORT).build().sse("/").open());
            assertTrue(e.getMessage().contains("waiting for sse.start or sse.http.response.start"), e.getMessage());
            assertEquals(new SseDisconnect(DisconnectReason.CLIENT_CLOSED), afterTimeout.get(5, TimeUnit.SECONDS));
        }
    }
}
