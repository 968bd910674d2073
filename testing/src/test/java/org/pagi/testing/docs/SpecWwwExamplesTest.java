package org.pagi.testing.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.ConnectionState;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.SseScope;
import org.pagi.spec.TransportFlow;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseFile;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.HttpResponseTrailers;
import org.pagi.spec.event.SseClose;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseKeepalive;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.spec.server.FlowTracker;
import org.pagi.spec.server.PercentDecoder;
import org.pagi.spec.server.ScopeFactory;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.WebSocketDeniedException;
import org.pagi.testing.WebSocketSession;

/** The examples of spec/docs/www.md. */
class SpecWwwExamplesTest {

    @Test
    void headers() {
        // snippet: www.headers
        Headers headers = Headers.builder()
                .add("Content-Type", "text/plain; charset=utf-8") // names are lower-cased
                .add("set-cookie", "a=1")
                .add("set-cookie", "b=2")                         // repeated names keep their order
                .build();
        assertEquals("content-type", headers.list().get(0).name());
        assertEquals(List.of("a=1", "b=2"), headers.all("Set-Cookie"));
        assertEquals(Optional.of(Bytes.ascii("a=1")), headers.firstBytes("set-cookie"));
        assertEquals("caf\u00e9", Header.of("x-name", "caf\u00e9").text()); // one byte per char, ISO-8859-1
        assertThrows(IllegalArgumentException.class, () -> Header.of("x-note", "line1\r\nline2"));
        assertThrows(IllegalArgumentException.class, () -> Header.of("bad name", "value"));
        // end-snippet
        assertEquals(Bytes.of(new byte[] {'c', 'a', 'f', (byte) 0xE9}), Header.of("x-name", "caf\u00e9").value());
    }

    @Test
    void cookieNormalization() {
        // snippet: www.cookies
        Headers received = Headers.of("cookie", "a=1", "accept", "*/*", "cookie", "b=2; c=3");
        Headers inScope = ScopeFactory.normalizeCookies(received);
        assertEquals(Headers.of("cookie", "a=1; b=2; c=3", "accept", "*/*"), inScope);
        // end-snippet
    }

    @Test
    void pathDecoding() {
        // snippet: www.path
        assertEquals("/caf\u00e9", PercentDecoder.decodePath(Bytes.ascii("/caf%C3%A9"))); // valid UTF-8
        assertEquals("/caf\u00e9", PercentDecoder.decodePath(Bytes.ascii("/caf%E9")));    // not UTF-8: byte fallback
        assertEquals("/a b/c+d", PercentDecoder.decodePath(Bytes.ascii("/a%20b/c+d")));   // '+' stays '+' in a path
        assertEquals("/100%", PercentDecoder.decodePath(Bytes.ascii("/100%")));           // a bare '%' is kept
        // end-snippet
    }

    @Test
    void echo() {
        // snippet: www.http-echo
        Executor virtualThreads = task -> Thread.ofVirtual().start(task);
        Application echo = (scope, receive, send) -> CompletableFuture.runAsync(() -> {
            HttpScope http = (HttpScope) scope;
            Bytes body = Bytes.empty();
            for (boolean more = true; more; ) {
                if (receive.receive().toCompletableFuture().join() instanceof HttpRequest request) {
                    body = body.concat(request.body());
                    more = request.more();
                } else {
                    return; // http.disconnect: the client is gone, nobody is left to answer
                }
            }
            String type = http.headers().first("content-type").orElse("application/octet-stream");
            Headers headers = Headers.of("content-type", type, "content-length", Integer.toString(body.length()));
            send.send(new HttpResponseStart(200, headers)).toCompletableFuture().join();
            send.send(HttpResponseBody.last(body)).toCompletableFuture().join();
        }, virtualThreads);
        // end-snippet
        TestResponse response = TestClient.of(echo).post("/echo")
                .bodyChunks(List.of(Bytes.utf8("Hello, "), Bytes.utf8("PAGI"))).send();
        assertEquals("Hello, PAGI", response.text());
        assertEquals(Optional.of("11"), response.header("content-length"));
    }

    @Test
    void streamingWithTrailers() {
        // snippet: www.http-streaming
        Application app = (scope, receive, send) ->
                send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain"), true))
                        .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8("one "))))
                        .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8("two"))))
                        .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.empty())))
                        .thenCompose(v -> send.send(new HttpResponseTrailers(Headers.of("x-checksum", "abc123"))));
        TestResponse response = TestClient.of(app).get("/").send();
        assertEquals(List.of(Bytes.utf8("one "), Bytes.utf8("two")), response.chunks());
        assertEquals(Optional.of("abc123"), response.trailers().first("x-checksum"));
        // end-snippet
    }

    @Test
    void fileBody(@TempDir Path tempDir) throws Exception {
        // snippet: www.http-file
        Path report = Files.writeString(tempDir.resolve("report.csv"), "id,name\n1,Ada\n").toAbsolutePath();
        Application app = (scope, receive, send) ->
                send.send(new HttpResponseStart(200, Headers.of("content-type", "text/csv")))
                        .thenCompose(v -> send.send(new HttpResponseFile(report, 8, OptionalLong.of(6))));
        assertEquals("1,Ada\n", TestClient.of(app).get("/report").send().text());
        // end-snippet
        assertThrows(IllegalArgumentException.class, () -> HttpResponseFile.of(Path.of("relative.csv")));
    }

    @Test
    void connectionCallbacks() {
        // snippet: www.connection-callbacks
        List<String> log = new CopyOnWriteArrayList<>();
        Application app = (scope, receive, send) -> {
            ConnectionState connection = ((HttpScope) scope).connection();
            connection.onDisconnect(reason -> log.add("aborted: " + reason)); // abnormal end only
            connection.onComplete(() -> log.add("delivered"));                  // successful end only
            return send.send(new HttpResponseStart(204, Headers.empty()))
                    .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.empty())));
        };
        TestClient.of(app).get("/").send();
        assertEquals(List.of("delivered"), log);
        // end-snippet
    }

    @Test
    void racingTheDisconnect() {
        // snippet: www.connection-race
        CompletableFuture<String> news = new CompletableFuture<>(); // completed elsewhere when there is news
        Application longPoll = (scope, receive, send) -> {
            ConnectionState connection = ((HttpScope) scope).connection();
            return CompletableFuture.anyOf(news, connection.disconnectFuture().toCompletableFuture())
                    .thenCompose(first -> !connection.isConnected()
                            ? CompletableFuture.completedFuture(null) // the client left: nothing to send
                            : send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                                    .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8(news.join())))));
        };
        // end-snippet
        TestClient client = TestClient.of(longPoll);
        ConnectionState seen;
        try (StreamingResponse waiting = client.post("/poll").openBody().stream()) {
            seen = waiting.connection();
            waiting.disconnect();
        }
        assertEquals(Optional.of(DisconnectReason.CLIENT_CLOSED), seen.disconnectReason());
        assertFalse(seen.isConnected());
        news.complete("fresh");
        assertEquals("fresh", client.get("/poll").send().text());
    }

    @Test
    void disconnectReasons() {
        // snippet: www.disconnect-reasons
        assertEquals("client_closed", DisconnectReason.CLIENT_CLOSED.token());
        DisconnectReason custom = new DisconnectReason("x-rate-limited"); // servers may add x- tokens
        assertFalse(custom.isStandard());
        assertThrows(IllegalArgumentException.class, () -> new DisconnectReason("rate_limited"));
        // end-snippet
    }

    @Test
    void flowHysteresis() {
        // snippet: www.flow-hysteresis
        FlowTracker flow = new FlowTracker(100, 20); // high mark 100 bytes, low mark 20
        List<String> seen = new ArrayList<>();
        flow.onHighWater(() -> seen.add("pause"));
        flow.onDrain(() -> seen.add("resume"));
        flow.queued(60);
        flow.queued(60);  // 120 >= 100: backpressure engages, "pause"
        flow.written(50); // 70: below the high mark but not below the low mark, nothing fires
        flow.written(60); // 10 < 20: drained, "resume"
        assertEquals(List.of("pause", "resume"), seen);
        // end-snippet
        assertFalse(flow.isBackpressured());
    }

    @Test
    void conflatingUnderBackpressure() {
        // snippet: www.flow-conflate
        Application ticker = (scope, receive, send) -> {
            TransportFlow transport = ((HttpScope) scope).transport();
            long ceiling = transport.highWaterMark().orElse(65_536);
            CompletionStage<Void> sending = send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")));
            for (int tick = 1; tick <= 3; tick++) {
                Bytes update = Bytes.utf8("tick " + tick + "\n");
                sending = sending.thenCompose(v -> transport.bufferedAmount() > ceiling / 2
                        ? CompletableFuture.completedFuture(null) // the client is behind: skip this update
                        : send.send(HttpResponseBody.chunk(update)));
            }
            return sending.thenCompose(v -> send.send(HttpResponseBody.last(Bytes.empty())));
        };
        // end-snippet
        assertEquals("tick 1\ntick 2\ntick 3\n", TestClient.of(ticker).get("/").send().text());
    }

    @Test
    void websocketEcho() {
        // snippet: www.websocket-echo
        Executor virtualThreads = task -> Thread.ofVirtual().start(task);
        Application echo = (scope, receive, send) -> CompletableFuture.runAsync(() -> {
            WebSocketScope ws = (WebSocketScope) scope;
            receive.receive().toCompletableFuture().join(); // websocket.connect
            Optional<String> chosen = ws.subprotocols().contains("echo.v1") ? Optional.of("echo.v1") : Optional.empty();
            send.send(new WebSocketAccept(chosen, Headers.empty())).toCompletableFuture().join();
            while (true) {
                switch (receive.receive().toCompletableFuture().join()) {
                    case WebSocketReceive(WebSocketMessage.Text(String text)) ->
                            send.send(WebSocketSend.text("echo: " + text)).toCompletableFuture().join();
                    case WebSocketReceive(WebSocketMessage.Binary(Bytes bytes)) ->
                            send.send(WebSocketSend.bytes(bytes)).toCompletableFuture().join();
                    case WebSocketDisconnect disconnect -> {
                        return; // closed by the client: the call is over
                    }
                    default -> throw new IllegalStateException("unexpected event");
                }
            }
        }, virtualThreads);
        try (WebSocketSession ws = TestClient.of(echo).websocket("/echo").subprotocols("echo.v1").connect()) {
            assertEquals(Optional.of("echo.v1"), ws.subprotocol());
            ws.sendText("hi");
            assertEquals("echo: hi", ws.receiveText());
        }
        // end-snippet
        try (WebSocketSession ws = TestClient.of(echo).websocket("/echo").connect()) {
            assertEquals(Optional.empty(), ws.subprotocol());
            ws.sendBytes(Bytes.of(new byte[] {1, 2, 3}));
            assertEquals(Bytes.of(new byte[] {1, 2, 3}), ws.receiveBytes());
        }
    }

    @Test
    void websocketRefused() {
        // snippet: www.websocket-refuse
        Application membersOnly = (scope, receive, send) -> receive.receive() // websocket.connect
                .thenCompose(connect -> ((WebSocketScope) scope).headers().contains("authorization")
                        ? send.send(new WebSocketAccept())
                        : send.send(new WebSocketClose())); // refused: the client gets 403
        WebSocketDeniedException refused = assertThrows(WebSocketDeniedException.class,
                () -> TestClient.of(membersOnly).websocket("/members").connect());
        assertEquals(403, refused.status());
        // end-snippet
        try (WebSocketSession ws = TestClient.of(membersOnly).websocket("/members")
                .header("authorization", "Bearer t").connect()) {
            ws.expectClose(WebSocketClose.NORMAL); // the application returned with the WebSocket open
        }
    }

    @Test
    void sseStream() {
        // snippet: www.sse-stream
        Application clock = (scope, receive, send) -> receive.receive() // sse.request: a GET has an empty body
                .thenCompose(request -> send.send(new SseStart()))
                .thenCompose(v -> send.send(new SseKeepalive(Duration.ofSeconds(15))))
                .thenCompose(v -> send.send(SseSend.event("tick", "1").withId("1")))
                .thenCompose(v -> send.send(SseSend.data("two\nlines")))
                .thenCompose(v -> send.send(new SseClose("done")));
        try (SseStream events = TestClient.of(clock).sse("/clock").open()) {
            assertEquals(SseMessage.of("tick", "1").withId("1"), events.next());
            assertEquals(SseMessage.of("two\nlines"), events.next());
            events.awaitEnd();
        }
        // end-snippet
        assertThrows(IllegalArgumentException.class, () -> SseSend.data("x").withId("a\nb"));
    }

    @Test
    void sseDecline() {
        // snippet: www.sse-decline
        Application guarded = (scope, receive, send) -> {
            if (((SseScope) scope).headers().contains("authorization")) {
                return send.send(new SseStart()).thenCompose(v -> send.send(SseSend.data("welcome")));
            }
            Headers headers = Headers.of("content-type", "text/plain", "www-authenticate", "Bearer");
            return send.send(new SseHttpResponseStart(401, headers))
                    .thenCompose(v -> send.send(new SseHttpResponseBody(Bytes.utf8("Unauthorized"), false)));
        };
        try (SseStream events = TestClient.of(guarded).sse("/private").open()) {
            assertTrue(events.declined());
            assertEquals(401, events.status());
        }
        // end-snippet
        try (SseStream events = TestClient.of(guarded).sse("/private").header("authorization", "Bearer t").open()) {
            assertFalse(events.declined());
            assertEquals(SseMessage.of("welcome"), events.next());
        }
    }
}
