package org.pagi.wrappers.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pagi.server.ExecutionMode;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.DisconnectReason;
import org.pagi.wrappers.websocket.Closed;

/**
 * A class-based application on the real server (127.0.0.1, port 0), in both handler modes and both server
 * execution modes: routes with path
 * parameters, an HTTP endpoint's 405/HEAD/OPTIONS, a WebSocket endpoint with its 1003 close and disconnect hook,
 * and an SSE endpoint whose disconnect hook sees the client leave.
 */
@Timeout(60)
class EndpointServerTest {

    static Stream<Arguments> modes() {
        return Stream.of(Mode.values()).flatMap(mode -> Stream.of(ExecutionMode.VIRTUAL_THREADS, ExecutionMode.EVENT_LOOP)
                .map(execution -> Arguments.of(mode, execution)));
    }

    /** In EVENT_LOOP mode async handlers run on the loop and blocking ones go to virtual threads by themselves. */
    @ParameterizedTest
    @MethodSource("modes")
    void aClassBasedApplicationServesHttpWebSocketAndSseOverSockets(Mode mode, ExecutionMode execution)
            throws Exception {
        Mode.Seen wsSeen = new Mode.Seen();
        Mode.Seen sseSeen = new Mode.Seen();
        Application echo = WebSocketEndpointTest.recorder(mode, Encoding.TEXT, wsSeen);
        Application feed = SseEndpointTest.endpoint(mode, new SseEndpointTest.Connect(
                sse -> sse.send("hello"), sse -> sse.send("hello")), Duration.ZERO, sseSeen);
        EndpointRouter app = new EndpointRouter() {
            @Override
            protected void routes(Routes r) {
                r.mount("/shop", Shops.of(mode), "shop");
                if (echo instanceof WebSocketEndpoint<?> async) {
                    r.endpoint("/echo", async);
                } else {
                    r.endpoint("/echo", (BlockingWebSocketEndpoint<?>) echo);
                }
                if (feed instanceof SseEndpoint async) {
                    r.endpoint("/feed", async);
                } else {
                    r.endpoint("/feed", (BlockingSseEndpoint) feed);
                }
            }
        };
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .executionMode(execution).loops(1).shutdownGrace(Duration.ofSeconds(2)).build();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try (PagiServer server = PagiServer.start(app, config)) {
            URI base = URI.create("http://127.0.0.1:" + server.port());

            HttpResponse<String> user = http.send(HttpRequest.newBuilder(base.resolve("/shop/users/7")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("user 7", user.body());
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(base.resolve("/shop/items"))
                    .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, put.statusCode());
            assertEquals("DELETE, GET, HEAD, OPTIONS, POST", put.headers().firstValue("allow").orElseThrow());
            HttpResponse<String> head = http.send(HttpRequest.newBuilder(base.resolve("/shop/items"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, head.statusCode());
            assertEquals("", head.body());
            HttpResponse<String> options = http.send(HttpRequest.newBuilder(base.resolve("/shop/items"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, options.statusCode());

            BlockingQueue<String> frames = new LinkedBlockingQueue<>();
            java.net.http.WebSocket ws = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), listener(frames))
                    .get(10, TimeUnit.SECONDS);
            // Each send is awaited: the JDK client fails a send made while the previous one has not completed (an
            // IllegalStateException in the returned future), and an unchecked future lost the message under load.
            ws.sendText("hi", true).get(10, TimeUnit.SECONDS);
            assertEquals("got hi", poll(frames));
            ws.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1}), true).get(10, TimeUnit.SECONDS);
            assertEquals("close 1003 expected a text message", poll(frames));
            assertEquals("hi", wsSeen.next());
            assertEquals(new Closed(1003, "expected a text message"), wsSeen.next());
            java.net.http.WebSocket leaving = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), listener(frames))
                    .get(10, TimeUnit.SECONDS);
            leaving.sendClose(4002, "client bye").get(10, TimeUnit.SECONDS);
            assertEquals(new Closed(4002, "client bye"), wsSeen.next(), "the hook ran, off the I/O thread");

            HttpRequest events = HttpRequest.newBuilder(base.resolve("/feed"))
                    .header("accept", "text/event-stream").build();
            HttpResponse<InputStream> stream = http.send(events, HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, stream.statusCode());
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            assertEquals("data: hello", lines.readLine());
            http.shutdownNow();   // the client leaves while the endpoint waits
            Object reason = sseSeen.next();
            assertTrue(reason instanceof Optional<?> o && o.orElseThrow() instanceof DisconnectReason, "" + reason);
        } finally {
            // Not close(): after shutdownNow it can wait with no bound for the WebSocket connections to finish
            // (seen under load); bounded instead, as WebSocketServerTest does.
            http.shutdownNow();
            http.awaitTermination(Duration.ofSeconds(5));
        }
    }

    private static String poll(BlockingQueue<String> q) throws InterruptedException {
        String s = q.poll(10, TimeUnit.SECONDS);
        assertTrue(s != null, "nothing within 10 s");
        return s;
    }

    /** Text frames as their text, the close as "close code reason". */
    private static java.net.http.WebSocket.Listener listener(BlockingQueue<String> frames) {
        return new java.net.http.WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    frames.add(text.toString());
                    text.setLength(0);
                }
                w.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(java.net.http.WebSocket w, int code, String reason) {
                frames.add("close " + code + " " + reason);
                return null;
            }

            @Override
            public void onError(java.net.http.WebSocket w, Throwable error) {
                frames.add("error " + error);
            }
        };
    }
}
