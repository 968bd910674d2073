package org.pagi.compliance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.protocol.sse.SseDecoder;
import org.pagi.protocol.sse.SseFrame;
import org.pagi.protocol.sse.SseItem;
import org.pagi.protocol.websocket.WsEvent;
import org.pagi.server.ExecutionMode;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.WebSocketMessage;

/**
 * The HTTP, WebSocket and SSE lines of the {@link ConformanceApp} contract over a real socket, on a live
 * {@link PagiServer} in each execution mode. Clients written independently of the server carry most checks: the
 * JDK's {@code java.net.http.HttpClient} for HTTP and SSE (the stream decoded by the kit's {@link SseDecoder}, as
 * an {@code EventSource} reads it) and its {@code WebSocket} ({@link JdkWebSocketPeer}). The kit's own client-role
 * codecs over a raw socket take the checks that need what the JDK's clients hide: chunk boundaries and trailers
 * (its parser), the exact bytes of an event stream, and the server's Close frame and the end of the connection
 * after it ({@link RawWebSocket}). What only the application sees, such as stopping early on
 * {@code sse.disconnect}, stays in {@link ConformanceAppTest}.
 */
class ConformanceAppLiveTest {
    /** How long any read may wait: far longer than anything here takes, short enough to fail a stuck test. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final List<Bytes> STREAM_CHUNKS =
            List.of(Bytes.utf8("Chunk 1\n"), Bytes.utf8("Chunk 2\n"), Bytes.utf8("Chunk 3\n"));

    @Nested
    class OnVirtualThreads extends Contract {
        OnVirtualThreads() {
            super(ExecutionMode.VIRTUAL_THREADS);
        }
    }

    @Nested
    class OnTheEventLoop extends Contract {
        OnTheEventLoop() {
            super(ExecutionMode.EVENT_LOOP);
        }
    }

    /** Every check, against a server started for it in the subclass's execution mode. */
    abstract static class Contract {
        private final ExecutionMode mode;
        private PagiServer server;
        private HttpClient client;

        Contract(ExecutionMode mode) {
            this.mode = mode;
        }

        @BeforeEach
        void startServer() throws IOException {
            server = PagiServer.start(new ConformanceApp(), ServerConfig.builder().host("127.0.0.1").port(0)
                    .accessLog(false).executionMode(mode).shutdownGrace(Duration.ofSeconds(2)).build());
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        }

        @AfterEach
        void stopServer() {
            try {
                client.close();
            } finally {
                server.close();
            }
        }

        @Test
        void answersGetRootWithHelloFromPagi() throws Exception {
            HttpResponse<String> r = client.send(request("/").GET().build(), BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(Optional.of("text/plain"), r.headers().firstValue("content-type"));
            assertEquals(Optional.of("16"), r.headers().firstValue("content-length"));
            assertEquals("Hello from PAGI!", r.body());
        }

        @Test
        void answersHeadRootLikeGetWithoutTheBody() throws Exception {
            HttpResponse<byte[]> r = client.send(request("/").HEAD().build(), BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertEquals(Optional.of("16"), r.headers().firstValue("content-length"));
            assertEquals(0, r.body().length);
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT"})
        void echoesAOneMebibyteRandomBodyByteForByte(String method) throws Exception {
            byte[] body = new byte[1024 * 1024];
            new Random(20_240_601).nextBytes(body);
            HttpResponse<byte[]> r = client.send(request("/echo").method(method, BodyPublishers.ofByteArray(body))
                    .build(), BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertEquals(Optional.of("application/octet-stream"), r.headers().firstValue("content-type"));
            assertArrayEquals(body, r.body());
        }

        @Test
        void echoesABodySentChunkedByteForByte() throws Exception {
            // A publisher of unknown length makes the JDK's client send the body chunked, one chunk per piece.
            byte[] binary = {0, -1, 13, 10};
            BodyPublisher pieces = BodyPublishers.fromPublisher(BodyPublishers.concat(
                    BodyPublishers.ofString("first, "), BodyPublishers.ofByteArray(binary),
                    BodyPublishers.ofString(", last")));
            HttpResponse<byte[]> r = client.send(request("/echo").POST(pieces).build(), BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertEquals(Bytes.utf8("first, ").concat(Bytes.of(binary)).concat(Bytes.utf8(", last")),
                    Bytes.of(r.body()));
        }

        @Test
        void echoesAnEmptyBodyAsAnEmptyBody() throws Exception {
            HttpResponse<byte[]> r = client.send(request("/echo").POST(BodyPublishers.noBody()).build(),
                    BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertEquals(0, r.body().length);
        }

        @Test
        void streamsThreeChunksWithoutTrailersWhenTheClientDoesNotAcceptThem() throws IOException {
            RawResponse r = RawResponse.exchange(server.port(), "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n", "GET");
            assertEquals(200, r.status());
            assertEquals(Optional.of("text/plain"), r.headers().first("content-type"));
            assertEquals(List.of("chunked"), r.headers().all("transfer-encoding"));
            assertEquals(List.of(), r.headers().all("content-length"));
            assertEquals(STREAM_CHUNKS, r.chunks());
            assertEquals(Headers.empty(), r.trailers());
        }

        @Test
        void endsTheStreamWithTheCompleteTrailerWhenTheClientSendsTeTrailers() throws IOException {
            RawResponse r = RawResponse.exchange(server.port(),
                    "GET /stream HTTP/1.1\r\nHost: x\r\nTE: trailers\r\n\r\n", "GET");
            assertEquals(200, r.status());
            assertEquals(STREAM_CHUNKS, r.chunks());
            assertEquals(Headers.of("x-stream-complete", "1"), r.trailers());
        }

        @Test
        void streamsTheSameTextToTheJdkClient() throws Exception {
            HttpResponse<String> r = client.send(request("/stream").header("te", "trailers").GET().build(),
                    BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("Chunk 1\nChunk 2\nChunk 3\n", r.body());
        }

        @ParameterizedTest
        @ValueSource(ints = {200, 201, 202, 206, 301, 400, 404, 418, 500, 503, 599})
        void answersStatusPathsWithThatStatusAndAnEmptyBody(int status) throws Exception {
            HttpResponse<byte[]> r = client.send(request("/status/" + status).GET().build(),
                    BodyHandlers.ofByteArray());
            assertEquals(status, r.statusCode());
            assertEquals(Optional.of("0"), r.headers().firstValue("content-length"));
            assertEquals(0, r.body().length);
        }

        @ParameterizedTest
        @ValueSource(ints = {204, 304})
        void answersStatusPathsThatMustNotCarryALengthWithoutOne(int status) throws IOException {
            // Raw, so the check sees the header as sent: nothing may follow the head of a 204 or a 304.
            RawResponse r = RawResponse.exchange(server.port(),
                    "GET /status/" + status + " HTTP/1.1\r\nHost: x\r\n\r\n", "GET");
            assertEquals(status, r.status());
            assertEquals(List.of(), r.headers().all("content-length"));
            assertEquals(List.of(), r.headers().all("transfer-encoding"));
            assertEquals(List.of(), r.chunks());
        }

        @ParameterizedTest
        @ValueSource(strings = {"/status/abc", "/status/99", "/status/100", "/status/600", "/nowhere", "/echo"})
        void answersEverythingElseWithNotFound(String path) throws Exception {
            assertNotFound(client.send(request(path).GET().build(), BodyHandlers.ofString()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/", "/stream", "/status/200"})
        void answersUploadsToReadOnlyPathsWithNotFound(String path) throws Exception {
            assertNotFound(client.send(request(path).POST(BodyPublishers.ofString("ignored")).build(),
                    BodyHandlers.ofString()));
        }

        @Test
        void answersOtherMethodsOnEchoWithNotFound() throws Exception {
            assertNotFound(client.send(request("/echo").method("DELETE", BodyPublishers.noBody()).build(),
                    BodyHandlers.ofString()));
        }

        @Test
        void acceptsAWebSocketOnAnyPathWithNoSubprotocolEvenWhenOffered() throws Exception {
            try (JdkWebSocketPeer ws = JdkWebSocketPeer.open(client, uri("ws", "/rooms/42?user=ann"),
                    List.of("chat", "superchat"))) {
                assertEquals(Optional.empty(), ws.subprotocol());
                ws.send(WebSocketMessage.text("still there"));
                assertEquals(WebSocketMessage.text("still there"), ws.receive());
            }
        }

        /** Sizes at each edge of the payload length encodings (RFC 6455 section 5.2: 7, 16 and 64 bits), to 1 MiB. */
        @ParameterizedTest
        @ValueSource(ints = {0, 1, 125, 126, 65_535, 65_536, 1024 * 1024})
        void echoesBinaryAsBinaryByteForByte(int size) throws Exception {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data); // seeded: a failure replays the same bytes
            WebSocketMessage message = WebSocketMessage.bytes(Bytes.of(data));
            try (JdkWebSocketPeer ws = JdkWebSocketPeer.open(client, uri("ws", "/"), List.of())) {
                ws.send(message);
                assertEquals(message, ws.receive());
            }
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 125, 126, 65_535, 65_536, 1024 * 1024})
        void echoesTextAsTextCharacterForCharacter(int utf8Bytes) throws Exception {
            WebSocketMessage message = WebSocketMessage.text(text(utf8Bytes));
            try (JdkWebSocketPeer ws = JdkWebSocketPeer.open(client, uri("ws", "/"), List.of())) {
                ws.send(message);
                assertEquals(message, ws.receive());
            }
        }

        @Test
        void echoesMessagesOfBothKindsInTheOrderSent() throws Exception {
            List<WebSocketMessage> sent = List.of(WebSocketMessage.text("one"),
                    WebSocketMessage.bytes(Bytes.utf8("two")), WebSocketMessage.text(""),
                    WebSocketMessage.bytes(Bytes.empty()), WebSocketMessage.text("five"));
            try (JdkWebSocketPeer ws = JdkWebSocketPeer.open(client, uri("ws", "/"), List.of())) {
                for (WebSocketMessage m : sent) {
                    ws.send(m);
                }
                List<WebSocketMessage> received = new ArrayList<>();
                for (int i = 0; i < sent.size(); i++) {
                    received.add(ws.receive());
                }
                assertEquals(sent, received);
            }
        }

        @ParameterizedTest
        @ValueSource(ints = {1000, 4000})
        void answersTheClientsCloseWithTheSameCodeThenClosesTheConnection(int code) throws IOException {
            try (RawWebSocket ws = RawWebSocket.open(server.port(), "/")) {
                ws.sendClose(code, "bye");
                // RFC 6455 section 5.5.1: the endpoint answers a Close with a Close, "typically echoing the status
                // code it received"; section 7.1.1: then the server closes the TCP connection first.
                assertEquals(code, assertInstanceOf(WsEvent.Close.class, ws.next()).code());
                assertTrue(ws.closedByServer(), "the server kept the connection open after the close handshake");
            }
        }

        @Test
        void streamsFiveTicksOneIntervalApartThenDoneThenEnds() throws Exception {
            long started = System.nanoTime();
            HttpResponse<byte[]> r = sse(request("/events"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(200, r.statusCode());
            assertEquals(Optional.of("text/event-stream"), r.headers().firstValue("content-type"));
            assertEquals(events(1), decode(r.body()));
            // Four pauses lie between the request and the last tick: a lower bound that no delay can break.
            Duration pauses = ConformanceApp.TICK_INTERVAL.multipliedBy(ConformanceApp.LAST_TICK - 1);
            assertTrue(took.compareTo(pauses) >= 0, "five ticks 100 ms apart all came within " + took);
        }

        @ParameterizedTest
        @CsvSource({"0, 1", "1, 2", "4, 5", "5, 6", "99, 6", "99999999999999999999, 6", "abc, 1", "-3, 1", "2.5, 1"})
        void resumesAfterANumericLastEventId(String lastEventId, int firstTick) throws Exception {
            HttpResponse<byte[]> r = sse(request("/events").header("last-event-id", lastEventId));
            assertEquals(200, r.statusCode());
            assertEquals(events(firstTick), decode(r.body()));
        }

        @Test
        void readsARequestBodyBeforeStreaming() throws Exception {
            HttpResponse<byte[]> r = sse(request("/events").header("last-event-id", "4")
                    .POST(BodyPublishers.ofString("{\"subscribe\": \"ticks\"}")));
            assertEquals(200, r.statusCode());
            assertEquals(events(5), decode(r.body()));
        }

        @Test
        void writesEachEventAsItsOwnChunkInTheExactWireFormat() throws IOException {
            String all = RawResponse.readToClose(server.port(),
                    "GET /events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\nLast-Event-ID: 4\r\n\r\n");
            int end = all.indexOf("\r\n\r\n");
            String head = all.substring(0, end + 2).toLowerCase(Locale.ROOT);
            assertTrue(head.startsWith("http/1.1 200 ok\r\n"), head);
            assertTrue(head.contains("\r\ncontent-type: text/event-stream\r\n"), head);
            assertTrue(head.contains("\r\ntransfer-encoding: chunked\r\n"), head);
            // Fields in the order the encoder writes them (event, data, id), each event one chunk (0x1b and 0x1c
            // bytes), then the last chunk; the server then closes the connection, which ended this read.
            assertEquals("1b\r\nevent: tick\ndata: 5\nid: 5\n\n\r\n"
                    + "1c\r\nevent: done\ndata: finished\n\n\r\n"
                    + "0\r\n\r\n", all.substring(end + 4));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/", "/nowhere", "/events/", "/events/1", "/Events"})
        void declinesSseOnAnyOtherPathWithNotFound(String path) throws Exception {
            assertNotFound(client.send(request(path).header("accept", "text/event-stream").GET().build(),
                    BodyHandlers.ofString()));
        }

        /**
         * @return the stream that starts at {@code firstTick}: ticks {@code firstTick..5} with their ids, then
         *         {@code done}, whose last event ID is the last tick's (none when no tick came)
         */
        private static List<SseItem> events(int firstTick) {
            List<SseItem> events = new ArrayList<>();
            String lastId = "";
            for (int k = firstTick; k <= ConformanceApp.LAST_TICK; k++) {
                lastId = Integer.toString(k);
                events.add(SseFrame.of("tick", lastId).withId(lastId));
            }
            events.add(SseFrame.of("done", "finished").withLastEventId(lastId));
            return events;
        }

        /** Sends an event-stream request and reads the whole stream, bounded in time: it ends by itself. */
        private HttpResponse<byte[]> sse(HttpRequest.Builder request) throws Exception {
            return client.sendAsync(request.header("accept", "text/event-stream").build(), BodyHandlers.ofByteArray())
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** @return every item of a whole stream, read as an {@code EventSource} reads it, comments included */
        private static List<SseItem> decode(byte[] stream) throws Exception {
            SseDecoder decoder = new SseDecoder();
            decoder.feed(stream);
            decoder.end();
            return decoder.drain();
        }

        /** @return text of exactly {@code utf8Bytes} bytes in UTF-8, with characters of one to four bytes */
        private static String text(int utf8Bytes) {
            String pattern = "aé€🌍"; // 1 + 2 + 3 + 4 bytes
            StringBuilder text = new StringBuilder();
            int bytes = 0;
            while (bytes + 10 <= utf8Bytes) {
                text.append(pattern);
                bytes += 10;
            }
            return text.append("a".repeat(utf8Bytes - bytes)).toString();
        }

        private static void assertNotFound(HttpResponse<String> r) {
            assertEquals(404, r.statusCode());
            assertEquals(Optional.of("text/plain"), r.headers().firstValue("content-type"));
            assertEquals(Optional.of("9"), r.headers().firstValue("content-length"));
            assertEquals("Not Found", r.body());
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(uri("http", path)).timeout(TIMEOUT);
        }

        private URI uri(String scheme, String path) {
            return URI.create(scheme + "://127.0.0.1:" + server.port() + path);
        }
    }
}
