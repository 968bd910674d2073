package org.pagi.wrappers.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketHandshake;
import org.pagi.testing.WebSocketSession;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.websocket.Closed;
import org.pagi.wrappers.websocket.Message;

/** The WebSocket operations a WebSocketContext delegates, in both handler modes. */
@Timeout(20)
class WebSocketContextTest {

    record Point(int x, int y) {
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void acceptReceiveSendAndCloseThroughTheContext(ContextMode mode) {
        ContextMode.Seen seen = new ContextMode.Seen();
        TestClient client = TestClient.of(mode.webSocket(
                c -> c.accept("chat", Headers.of("x-accepted", "yes"))
                        .thenRun(() -> seen.add(c.subprotocols() + " " + c.isConnected()))
                        .thenCompose(v -> c.keepalive(Duration.ofSeconds(30), Duration.ofSeconds(5)))
                        .thenCompose(v -> c.keepalive(Duration.ofSeconds(20)))
                        .thenCompose(v -> c.receiveText()).thenCompose(t -> c.sendText(t.toUpperCase()))
                        .thenCompose(v -> c.receiveBytes()).thenCompose(b -> c.sendBytes(b.concat(b)))
                        .thenCompose(v -> c.receiveJson(Point.class))
                        .thenCompose(p -> c.sendJson(new Point(p.y(), p.x())))
                        .thenCompose(v -> c.receiveJsonTree()).thenCompose(c::sendJson)
                        .thenCompose(v -> c.receiveMessage()).thenAccept(seen::add)
                        .thenCompose(v -> c.trySendText("t")).thenAccept(seen::add)
                        .thenCompose(v -> c.trySendBytes(Bytes.utf8("b"))).thenAccept(seen::add)
                        .thenCompose(v -> c.trySendJson(List.of(1))).thenAccept(seen::add)
                        .thenCompose(v -> c.close(4001, "done"))
                        .thenRun(() -> seen.add(c.isClosed() + " " + c.closeCode() + " " + c.disconnectReason()
                                + " " + c.isConnected()))
                        .thenCompose(v -> c.trySendText("late")).thenAccept(seen::add),
                v -> {
                    v.accept("chat", Headers.of("x-accepted", "yes"));
                    WebSocketContext c = v.context();
                    seen.add(c.subprotocols() + " " + c.isConnected());
                    v.keepalive(Duration.ofSeconds(30), Duration.ofSeconds(5));
                    v.keepalive(Duration.ofSeconds(20));
                    v.sendText(v.receiveText().toUpperCase());
                    Bytes b = v.receiveBytes();
                    v.sendBytes(b.concat(b));
                    Point p = v.receiveJson(Point.class);
                    v.sendJson(new Point(p.y(), p.x()));
                    v.sendJson(v.receiveJsonTree());
                    seen.add(v.receiveMessage());
                    seen.add(v.trySendText("t"));
                    seen.add(v.trySendBytes(Bytes.utf8("b")));
                    seen.add(v.trySendJson(List.of(1)));
                    v.close(4001, "done");
                    seen.add(c.isClosed() + " " + c.closeCode() + " " + c.disconnectReason() + " " + c.isConnected());
                    seen.add(v.trySendText("late"));
                }));
        try (WebSocketSession s = client.websocket("/").subprotocols("chat", "json").connect()) {
            assertEquals(Optional.of("chat"), s.subprotocol());
            assertEquals(Optional.of("yes"), s.acceptHeaders().first("x-accepted"));
            assertEquals("[chat, json] true", seen.next());
            assertEquals("ABC", s.sendText("abc").receiveText());
            assertEquals(Bytes.of(new byte[] {7, 7}), s.sendBytes(Bytes.of(new byte[] {7})).receiveBytes());
            assertEquals(new Point(2, 1), s.sendJson(new Point(1, 2)).receiveJson(Point.class));
            assertEquals(Map.of("k", "v"), s.sendText("{\"k\":\"v\"}").receiveJson(Map.class));
            s.sendText("plain");
            assertEquals(new Message.Text("plain"), seen.next());
            assertEquals(true, seen.next());
            assertEquals(true, seen.next());
            assertEquals(true, seen.next());
            assertEquals("t", s.receiveText());
            assertEquals(Bytes.utf8("b"), s.receiveBytes());
            assertEquals("[1]", s.receiveText());
            assertEquals(4001, s.expectClose(4001).code());
            assertEquals(Duration.ofSeconds(20), s.keepalive().orElseThrow().interval(), "the last keepalive wins");
            assertEquals("true OptionalInt[4001] Optional[done] false", seen.next());
            assertEquals(false, seen.next(), "trySend after the close reports false");
        }
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void forEachAndThePlainAcceptAndCloseEndWithThePeersClose(ContextMode mode) {
        ContextMode.Seen seen = new ContextMode.Seen();
        TestClient client = TestClient.of(mode.webSocket(
                c -> c.accept().thenCompose(v -> c.forEach(m -> c.sendText("got " + ((Message.Text) m).text())))
                        .thenCompose(v -> c.close())
                        .thenRun(() -> seen.add(c.closeCode() + " " + c.disconnectReason())),
                v -> {
                    v.accept();
                    v.forEach(m -> v.sendText("got " + ((Message.Text) m).text()));
                    v.close();
                    seen.add(v.context().closeCode() + " " + v.context().disconnectReason());
                }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            assertEquals("got a", s.sendText("a").receiveText());
            assertEquals("got b", s.sendText("b").receiveText());
            s.close(4002, "client done");
        }
        assertEquals("OptionalInt[4002] Optional[client done]", seen.next(), "close after the peer's: a no-op");
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void denyAnswersTheHandshakeAndOnDisconnectReportsIt(ContextMode mode) {
        ContextMode.Seen seen = new ContextMode.Seen();
        Response no = Response.text("no").withStatus(403);
        TestClient client = TestClient.of(mode.webSocket(
                c -> c.onDisconnect(seen::add).deny(no),
                v -> {
                    v.context().onDisconnect(seen::add);
                    v.deny(no);
                }));
        WebSocketHandshake.Denied d = assertInstanceOf(WebSocketHandshake.Denied.class,
                client.websocket("/").tryConnect());
        assertEquals(403, d.status());
        assertEquals(Closed.DENIED, seen.next());
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void aClosedSocketsReceiveReportsTheClose(ContextMode mode) {
        ContextMode.Seen seen = new ContextMode.Seen();
        TestClient client = TestClient.of(mode.webSocket(
                c -> c.accept().thenCompose(v -> c.receiveMessage()).thenAccept(seen::add)
                        .thenRun(() -> seen.add(c.closeCode())),
                v -> {
                    v.accept();
                    seen.add(v.receiveMessage());
                    seen.add(v.context().closeCode());
                }));
        client.websocket("/").connect().close(4003, "bye");
        assertEquals(new Closed(4003, "bye"), seen.next());
        assertEquals(OptionalInt.of(4003), seen.next());
    }
}
