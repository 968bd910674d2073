package org.pagi.wrappers.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.WebSocketScope;

/**
 * The wrapper over real sockets (server on 127.0.0.1, port 0; the JDK WebSocket client, and a raw socket for
 * what that client cannot do): echo, JSON, the close codes both ways, 1005, 1009, and keepalive pings with
 * dead-peer detection.
 */
@Timeout(60)
class WebSocketServerTest {

    record Point(int x, int y) {
    }

    private static final Duration PING_EVERY = Duration.ofMillis(200);
    private static final Duration PONG_WITHIN = Duration.ofSeconds(2);

    /** Echoes text, swaps JSON points, closes with 4001 on "close"; reports every close as "path code reason". */
    private static Application app(Mode mode, BlockingQueue<String> closes) {
        Application handler = mode.app(
                ws -> {
                    ws.maxMessageSize(64).onClose(c -> closes.add(ws.path() + " " + c.code() + " " + c.reason()));
                    return ws.accept()
                            .thenCompose(v -> ws.keepalive(PING_EVERY, PONG_WITHIN))
                            .thenCompose(v -> ws.forEach(m -> reply(ws, ((Message.Text) m).text())))
                            .exceptionally(e -> null);   // a 1009 ends the loop; the close already went out
                },
                ws -> {
                    WebSocket socket = ws.webSocket();
                    socket.maxMessageSize(64).onClose(c -> closes.add(socket.path() + " " + c.code() + " " + c.reason()));
                    ws.accept();
                    ws.keepalive(PING_EVERY, PONG_WITHIN);
                    try {
                        for (Message m : ws) {
                            String text = ((Message.Text) m).text();
                            if (text.equals("close")) {
                                ws.close(4001, "bye");
                            } else if (text.startsWith("{")) {
                                Point p = org.pagi.wrappers.json.Json.decode(org.pagi.spec.Bytes.utf8(text), Point.class);
                                ws.sendJson(new Point(p.y(), p.x()));
                            } else {
                                ws.sendText(text);
                            }
                        }
                    } catch (MessageTooLargeException e) {
                        // the socket is closed with 1009
                    }
                });
        return (scope, receive, send) -> scope instanceof WebSocketScope
                ? handler.call(scope, receive, send)
                : CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
    }

    private static CompletionStage<?> reply(WebSocket ws, String text) {
        if (text.equals("close")) {
            return ws.close(4001, "bye");
        }
        if (text.startsWith("{")) {
            Point p = org.pagi.wrappers.json.Json.decode(org.pagi.spec.Bytes.utf8(text), Point.class);
            return ws.sendJson(new Point(p.y(), p.x()));
        }
        return ws.sendText(text);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void echoJsonCloseCodesAndKeepaliveOverASocket(Mode mode) throws Exception {
        BlockingQueue<String> closes = new LinkedBlockingQueue<>();
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (PagiServer server = PagiServer.start(app(mode, closes), config)) {
            URI base = URI.create("ws://127.0.0.1:" + server.port());

            Client one = Client.open(http, base.resolve("/one"));
            one.ws.sendText("hello", true).get(5, TimeUnit.SECONDS);
            assertEquals("hello", one.next());
            one.ws.sendText("{\"x\":1,\"y\":2}", true).get(5, TimeUnit.SECONDS);
            assertEquals("{\"x\":2,\"y\":1}", one.next());
            assertTrue(one.pings.poll(10, TimeUnit.SECONDS) != null, "keepalive: the server pings");
            one.ws.sendText("close", true).get(5, TimeUnit.SECONDS);
            assertEquals("close 4001 bye", one.next());
            assertEquals("/one 4001 bye", poll(closes));

            Client two = Client.open(http, base.resolve("/two"));
            two.ws.sendClose(4002, "client bye").get(5, TimeUnit.SECONDS);
            assertEquals("/two 4002 client bye", poll(closes));

            Client three = Client.open(http, base.resolve("/three"));
            three.ws.sendText("x".repeat(65), true).get(5, TimeUnit.SECONDS);
            assertEquals("close 1009 message too big", three.next());
            assertEquals("/three 1009 message too big", poll(closes));

            try (Socket raw = rawHandshake(server.port(), "/four")) {
                raw.getOutputStream().write(new byte[] {(byte) 0x88, (byte) 0x80, 1, 2, 3, 4}); // Close, no code
                assertEquals("/four 1005 ", poll(closes), "no code in the peer's close: 1005");
            }

            try (Socket raw = rawHandshake(server.port(), "/five")) {  // never answers the pings
                assertEquals("/five 1006 keepalive_timeout", poll(closes), "a dead peer is closed");
            }
        } finally {
            // Not close(): it can wait past the timeout for the TCP close of a socket that has seen its
            // close handshake; every socket here has, so stopping at once loses nothing.
            http.shutdownNow();
            http.awaitTermination(Duration.ofSeconds(5));
        }
    }

    private static String poll(BlockingQueue<String> q) throws InterruptedException {
        String s = q.poll(10, TimeUnit.SECONDS);
        assertTrue(s != null, "nothing within 10 s");
        return s;
    }

    private static Socket rawHandshake(int port, String path) throws Exception {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertTrue(b >= 0, "the server closed during the handshake: " + head);
            head.write(b);
        }
        assertTrue(head.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 101"), head.toString());
        return s;
    }

    /** A JDK WebSocket whose events arrive as strings (the text, or "close code reason"); pings apart. */
    private record Client(java.net.http.WebSocket ws, BlockingQueue<String> events, BlockingQueue<String> pings) {
        static Client open(HttpClient http, URI uri) throws Exception {
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            BlockingQueue<String> pings = new LinkedBlockingQueue<>();
            java.net.http.WebSocket.Listener listener = new java.net.http.WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        events.add(text.toString());
                        text.setLength(0);
                    }
                    w.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onPing(java.net.http.WebSocket w, ByteBuffer message) {
                    pings.add("ping");   // the client answers with a pong by itself
                    w.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(java.net.http.WebSocket w, int code, String reason) {
                    events.add("close " + code + " " + reason);
                    return null;
                }
            };
            java.net.http.WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(uri, listener).get(10, TimeUnit.SECONDS);
            return new Client(ws, events, pings);
        }

        String next() throws InterruptedException {
            String s = events.poll(10, TimeUnit.SECONDS);
            assertTrue(s != null, "no event within 10 s");
            return s;
        }
    }
}
