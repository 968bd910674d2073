package org.pagi.compliance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.HttpResponseTrailers;
import org.pagi.spec.event.SseDisconnect;
import org.pagi.spec.event.SseSend;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.WebSocketSession;

/** Every line of the {@link ConformanceApp} contract, through the in-process test client. */
class ConformanceAppTest {
    private static final Bytes CHUNK_1 = Bytes.utf8("Chunk 1\n");
    private static final Bytes CHUNK_2 = Bytes.utf8("Chunk 2\n");
    private static final Bytes CHUNK_3 = Bytes.utf8("Chunk 3\n");

    private final TestClient client = TestClient.of(new ConformanceApp());

    /** A client whose waits give up quickly, for checks that the application stops when the client leaves. */
    private static TestClient impatient(Application app) {
        return TestClient.builder(app).timeout(Duration.ofSeconds(2)).build();
    }

    /** @return {@code app}, keeping every event it sends in {@code sent} */
    private static Application recording(Application app, List<Event> sent) {
        return (scope, receive, send) -> app.call(scope, receive, event -> {
            sent.add(event);
            return send.send(event);
        });
    }

    @Nested
    class Root {
        @Test
        void answersGetWithHelloFromPagi() {
            TestResponse response = client.get("/").send();
            assertEquals(200, response.status());
            assertEquals(Optional.of("text/plain"), response.header("content-type"));
            assertEquals(Optional.of("16"), response.header("content-length"));
            assertEquals("Hello from PAGI!", response.text());
        }

        @Test
        void answersHeadLikeGetWithoutTheBody() {
            TestResponse response = client.head("/").send();
            assertEquals(200, response.status());
            assertEquals(Optional.of("16"), response.header("content-length"));
            assertTrue(response.body().isEmpty());
        }

        @Test
        void answersOtherMethodsWithNotFound() {
            TestResponse response = client.post("/").text("hello").send();
            assertEquals(404, response.status());
            assertEquals("Not Found", response.text());
        }
    }

    @Nested
    class Echo {
        @Test
        void answersPostWithTheExactRequestBytes() {
            Bytes body = Bytes.of(new byte[] {0, 1, (byte) 0xFF, '\r', '\n', (byte) 0xC3});
            TestResponse response = client.post("/echo").body(body, "text/plain").send();
            assertEquals(200, response.status());
            assertEquals(Optional.of("application/octet-stream"), response.header("content-type"));
            assertEquals(body, response.body());
        }

        @Test
        void answersPutTheSame() {
            assertEquals(Bytes.utf8("put me back"), client.put("/echo").body(Bytes.utf8("put me back")).send().body());
        }

        @Test
        void echoesABodySentInSeveralChunksOnePieceAtATime() {
            List<Bytes> pieces = List.of(Bytes.utf8("one "), Bytes.utf8("two "), Bytes.utf8("three"));
            TestResponse response = client.post("/echo").bodyChunks(pieces).send();
            assertEquals(Bytes.utf8("one two three"), response.body());
            assertEquals(pieces, response.chunks());
        }

        @Test
        void sendsEachPieceBackBeforeTheNextArrives() {
            try (StreamingResponse response = client.post("/echo").openBody().stream()) {
                response.writeBody(Bytes.utf8("first"), true);
                assertEquals(200, response.status());
                assertEquals(Optional.of(Bytes.utf8("first")), response.nextChunk());
                response.writeBody(Bytes.utf8("second"), false);
                assertEquals(Optional.of(Bytes.utf8("second")), response.nextChunk());
                assertEquals(Optional.empty(), response.nextChunk());
            }
        }

        @Test
        void answersAnEmptyBodyWithAnEmptyBody() {
            TestResponse response = client.post("/echo").body(Bytes.empty()).send();
            assertEquals(200, response.status());
            assertTrue(response.body().isEmpty());
        }

        @Test
        void stopsWhenTheClientLeavesMidBody() {
            StreamingResponse response = impatient(new ConformanceApp()).post("/echo").openBody().stream();
            response.writeBody(Bytes.utf8("half"), true);
            response.disconnect();
            assertDoesNotThrow(response::close, "the application kept waiting for a body that will never come");
        }

        @Test
        void answersGetWithNotFound() {
            assertEquals(404, client.get("/echo").send().status());
        }
    }

    @Nested
    class Stream {
        @Test
        void sendsThreeChunksWithoutContentLength() {
            TestResponse response = client.get("/stream").send();
            assertEquals(200, response.status());
            assertEquals(Optional.of("text/plain"), response.header("content-type"));
            assertFalse(response.headers().contains("content-length"));
            assertEquals(List.of(CHUNK_1, CHUNK_2, CHUNK_3), response.chunks());
            assertTrue(response.trailers().isEmpty());
        }

        @Test
        void sendsThreeBodiesWithMoreThenAnEmptyLastOne() {
            List<Event> sent = new CopyOnWriteArrayList<>();
            TestClient.of(recording(new ConformanceApp(), sent)).get("/stream").send();
            assertEquals(List.of(new HttpResponseStart(200, Headers.of("content-type", "text/plain"), false),
                    HttpResponseBody.chunk(CHUNK_1), HttpResponseBody.chunk(CHUNK_2), HttpResponseBody.chunk(CHUNK_3),
                    HttpResponseBody.last(Bytes.empty())), sent);
        }

        @Test
        void declaresAndSendsTheTrailerWhenTheClientAcceptsTrailers() {
            List<Event> sent = new CopyOnWriteArrayList<>();
            TestClient.of(recording(new ConformanceApp(), sent)).get("/stream").header("te", "trailers").send();
            assertEquals(List.of(new HttpResponseStart(200, Headers.of("content-type", "text/plain"), true),
                    HttpResponseBody.chunk(CHUNK_1), HttpResponseBody.chunk(CHUNK_2), HttpResponseBody.chunk(CHUNK_3),
                    HttpResponseBody.last(Bytes.empty()), new HttpResponseTrailers(Headers.of("x-stream-complete", "1"))),
                    sent);
        }

        @Test
        void findsTheTrailersTokenInAListInAnyCase() {
            TestResponse response = client.get("/stream").header("te", "gzip;q=0.5, Trailers").send();
            assertEquals(Headers.of("x-stream-complete", "1"), response.trailers());
        }

        @Test
        void sendsNoTrailersWhenTeListsOnlyCodings() {
            assertTrue(client.get("/stream").header("te", "gzip, deflate").send().trailers().isEmpty());
        }
    }

    @Nested
    class Status {
        @ParameterizedTest
        @ValueSource(ints = {200, 201, 202, 301, 302, 400, 404, 418, 500, 503, 599})
        void answersWithTheRequestedStatusAndAnEmptyBody(int status) {
            TestResponse response = client.get("/status/" + status).send();
            assertEquals(status, response.status());
            assertTrue(response.body().isEmpty());
            assertEquals(Optional.of("0"), response.header("content-length"));
        }

        @ParameterizedTest
        @ValueSource(ints = {204, 304})
        void leavesOutContentLengthWhereTheStatusForbidsIt(int status) {
            TestResponse response = client.get("/status/" + status).send();
            assertEquals(status, response.status());
            assertEquals(Headers.empty(), response.headers());
        }

        @ParameterizedTest
        @ValueSource(strings = {"/status/abc", "/status/99", "/status/100", "/status/199", "/status/600",
            "/status/2000", "/status/020", "/status/", "/status", "/status/200/more"})
        void treatsAnythingButAFinalStatusAsAnUnknownPath(String path) {
            TestResponse response = client.get(path).send();
            assertEquals(404, response.status());
            assertEquals("Not Found", response.text());
        }

        @Test
        void answersOnlyGetAndHead() {
            assertEquals(404, client.post("/status/201").body(Bytes.empty()).send().status());
            assertEquals(201, client.head("/status/201").send().status());
        }
    }

    @Nested
    class NotFound {
        @ParameterizedTest
        @ValueSource(strings = {"/nope", "/index.html", "/stream/", "/echo/more", "/%20"})
        void answersAnyOtherPathWithNotFound(String path) {
            TestResponse response = client.get(path).send();
            assertEquals(404, response.status());
            assertEquals(Optional.of("text/plain"), response.header("content-type"));
            assertEquals("Not Found", response.text());
        }
    }

    @Nested
    class WebSocket {
        @Test
        void acceptsAtAnyPathWithNoSubprotocolEvenWhenOffered() {
            try (WebSocketSession ws = client.websocket("/any/path").subprotocols("chat", "echo").connect()) {
                assertEquals(Optional.empty(), ws.subprotocol());
            }
        }

        @Test
        void echoesTextAsTextAndBinaryAsBinary() {
            try (WebSocketSession ws = client.websocket("/ws").connect()) {
                ws.sendText("héllo ✓");
                assertEquals("héllo ✓", ws.receiveText());
                ws.sendBytes(Bytes.of(new byte[] {0, (byte) 0x80, (byte) 0xFF}));
                assertEquals(Bytes.of(new byte[] {0, (byte) 0x80, (byte) 0xFF}), ws.receiveBytes());
                ws.sendText("");
                assertEquals("", ws.receiveText());
            }
        }

        @Test
        void echoesAThousandQueuedMessagesInOrder() {
            // Messages queued before the application reads them complete its receives at once: the loop must
            // neither overflow the stack nor reorder them.
            try (WebSocketSession ws = client.websocket("/ws").connect()) {
                IntStream.range(0, 1000).forEach(i -> ws.sendText("m" + i));
                List<String> echoed = new ArrayList<>();
                IntStream.range(0, 1000).forEach(i -> echoed.add(ws.receiveText()));
                assertEquals(IntStream.range(0, 1000).mapToObj(i -> "m" + i).toList(), echoed);
            }
        }

        @Test
        void returnsWhenTheClientCloses() {
            WebSocketSession ws = impatient(new ConformanceApp()).websocket("/ws").connect();
            ws.sendText("last words");
            assertEquals("last words", ws.receiveText());
            assertDoesNotThrow(() -> ws.close(4000, "bye"), "the application did not return on websocket.disconnect");
        }

        @Test
        void returnsWhenTheConnectionDrops() {
            WebSocketSession ws = impatient(new ConformanceApp()).websocket("/ws").connect();
            assertDoesNotThrow(ws::disconnect);
        }
    }

    @Nested
    class Sse {
        private static List<SseMessage> ticks(int from, int to) {
            return IntStream.rangeClosed(from, to)
                    .mapToObj(k -> SseMessage.of("tick", Integer.toString(k)).withId(Integer.toString(k))).toList();
        }

        private static final SseMessage DONE = SseMessage.of("done", "finished");

        @Test
        void sendsFiveTicksThenDoneThenEnds() {
            try (SseStream events = client.sse("/events").open()) {
                assertFalse(events.declined());
                assertEquals(200, events.status());
                assertEquals(ticks(1, 5), events.take(5));
                assertEquals(DONE, events.next());
                events.awaitEnd();
            }
        }

        @Test
        void spacesTheTicksOneIntervalApart() {
            long started = System.nanoTime();
            try (SseStream events = client.sse("/events").open()) {
                events.take(5);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Duration fourIntervals = ConformanceApp.TICK_INTERVAL.multipliedBy(4);
            assertTrue(took.compareTo(fourIntervals) >= 0, "five ticks took " + took);
        }

        @Test
        void resumesAfterANumericLastEventId() {
            try (SseStream events = client.sse("/events").lastEventId("3").open()) {
                assertEquals(ticks(4, 5), events.take(2));
                assertEquals(DONE, events.next());
                events.awaitEnd();
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"5", "6", "99", "12345678901234567890123"})
        void sendsOnlyDoneWhenEveryTickWasSeen(String lastEventId) {
            try (SseStream events = client.sse("/events").lastEventId(lastEventId).open()) {
                assertEquals(DONE, events.next());
                events.awaitEnd();
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "-2", "3.5", "0x2", ""})
        void startsFromTheFirstTickWhenLastEventIdIsNotANumber(String lastEventId) {
            try (SseStream events = client.sse("/events").lastEventId(lastEventId).open()) {
                assertEquals(ticks(1, 1), events.take(1));
            }
        }

        @Test
        void stopsEarlyWhenTheClientDisconnects() {
            List<Event> sent = new CopyOnWriteArrayList<>();
            SseStream events = impatient(heldAfterFirstTick(recording(new ConformanceApp(), sent))).sse("/events")
                    .open();
            assertEquals(ticks(1, 1), events.take(1));
            events.close(); // waits for the application to return
            // Sends after a disconnect are silent no-ops, so only the recording shows whether it kept ticking.
            assertFalse(sent.contains(SseSend.event("done", "finished")), "sent after the disconnect: " + sent);
            assertTrue(sent.size() < 1 + ConformanceApp.LAST_TICK, "sent after the disconnect: " + sent);
        }

        /**
         * {@code app}, whose sends after its first tick wait until it has received {@code sse.disconnect}: the
         * ticks come 100 ms apart, and a client that left later than that (a loaded machine) would otherwise have
         * let it send them all without leaving early being shown.
         */
        private static Application heldAfterFirstTick(Application app) {
            return (scope, receive, send) -> {
                CompletableFuture<Void> left = new CompletableFuture<>();
                AtomicInteger ticks = new AtomicInteger();
                return app.call(scope, () -> receive.receive().whenComplete((event, failure) -> {
                    if (event instanceof SseDisconnect) {
                        left.complete(null);
                    }
                }), event -> event instanceof SseSend && ticks.incrementAndGet() > 1
                        ? left.thenCompose(v -> send.send(event)) : send.send(event));
            };
        }

        @Test
        void readsARequestBodyFirst() {
            try (SseStream events = client.sse("/events").method("POST").body(Bytes.utf8("{}")).open()) {
                assertEquals(ticks(1, 1), events.take(1));
            }
        }

        @Test
        void declinesAnyOtherPathWithNotFound() {
            try (SseStream events = client.sse("/other").open()) {
                assertTrue(events.declined());
                assertEquals(404, events.status());
                assertEquals(Optional.of("text/plain"), events.headers().first("content-type"));
                assertEquals(Bytes.utf8("Not Found"), events.body());
            }
        }
    }

    @Nested
    class Lifespan {
        @Test
        void completesStartupAndShutdown() {
            LifespanSession lifespan = client.lifespan();
            lifespan.startup();
            assertTrue(lifespan.supported());
            assertDoesNotThrow(lifespan::shutdown); // fails on lifespan.shutdown.failed or a hung application
        }
    }
}
