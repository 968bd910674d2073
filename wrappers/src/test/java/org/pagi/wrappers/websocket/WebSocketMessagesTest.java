package org.pagi.wrappers.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Bytes;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;
import org.pagi.wrappers.json.JsonDecodingException;

/** receive and its typed forms, the sends, and the per-message limit, in both handler modes. */
@Timeout(20)
class WebSocketMessagesTest {

    record Point(int x, int y) {
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void receiveYieldsTextBytesThenTheClose(Mode mode) {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(mode.app(
                ws -> ws.accept().thenCompose(v -> ws.receive()).thenAccept(seen::add)
                        .thenCompose(v -> ws.receive()).thenAccept(seen::add)
                        .thenCompose(v -> ws.receive()).thenAccept(seen::add)
                        .thenCompose(v -> ws.receive()).thenAccept(seen::add),
                ws -> {
                    ws.accept();
                    for (int i = 0; i < 4; i++) {
                        seen.add(ws.receive());
                    }
                }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            s.sendText("héllo").sendBytes(Bytes.of(new byte[] {1, 2}));
            s.close(4001, "bye");
        }
        assertEquals(new Message.Text("héllo"), seen.next());
        assertEquals(new Message.Binary(Bytes.of(new byte[] {1, 2})), seen.next());
        assertEquals(new Closed(4001, "bye"), seen.next());
        assertEquals(new Closed(4001, "bye"), seen.next(), "a receive after the close yields the close again");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void typedReceivesAndSendsEchoEachKind(Mode mode) {
        TestClient client = TestClient.of(mode.app(
                ws -> ws.accept()
                        .thenCompose(v -> ws.receiveText()).thenCompose(t -> ws.sendText(t.toUpperCase()))
                        .thenCompose(v -> ws.receiveBytes()).thenCompose(b -> ws.sendBytes(b.concat(b)))
                        .thenCompose(v -> ws.receiveJson(Point.class))
                        .thenCompose(p -> ws.sendJson(new Point(p.y(), p.x())))
                        .thenCompose(v -> ws.receiveJsonTree()).thenCompose(ws::sendJson),
                ws -> {
                    ws.accept();
                    ws.sendText(ws.receiveText().toUpperCase());
                    Bytes b = ws.receiveBytes();
                    ws.sendBytes(b.concat(b));
                    Point p = ws.receiveJson(Point.class);
                    ws.sendJson(new Point(p.y(), p.x()));
                    ws.sendJson(ws.receiveJsonTree());
                }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            assertEquals("ABC", s.sendText("abc").receiveText());
            assertEquals(Bytes.of(new byte[] {7, 7}), s.sendBytes(Bytes.of(new byte[] {7})).receiveBytes());
            assertEquals(new Point(2, 1), s.sendJson(new Point(1, 2)).receiveJson(Point.class));
            s.sendText("{\"list\":[1,\"a\",null],\"ok\":true}");
            assertEquals(Map.of("list", java.util.Arrays.asList(1, "a", null), "ok", true),
                    s.receiveJson(Map.class));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aWrongKindOfMessageOrBadJsonFailsWithASpecificException(Mode mode) {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(mode.app(
                ws -> ws.accept()
                        .thenCompose(v -> Mode.Seen.recordAll(seen, ws.receiveText()))
                        .thenCompose(v -> Mode.Seen.recordAll(seen, ws.receiveBytes()))
                        .thenCompose(v -> Mode.Seen.recordAll(seen, ws.receiveJson(Point.class)))
                        .thenCompose(v -> Mode.Seen.recordAll(seen, ws.receiveJsonTree())),
                ws -> {
                    ws.accept();
                    Mode.Seen.recordAll(seen, ws::receiveText, ws::receiveBytes,
                            () -> ws.receiveJson(Point.class), ws::receiveJsonTree);
                }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            s.sendBytes(Bytes.of(new byte[] {1, 2, 3})).sendText("text").sendText("{\"x\": 1,").sendBytes(Bytes.utf8("{}"));
            assertEquals("expected a text message, got a binary message of 3 bytes",
                    seen.next(UnexpectedMessageException.class).getMessage());
            UnexpectedMessageException wrongKind = seen.next(UnexpectedMessageException.class);
            assertEquals(new Message.Text("text"), wrongKind.message());
            JsonDecodingException bad = seen.next(JsonDecodingException.class);
            assertEquals(1, bad.line());
            assertTrue(bad.getMessage().startsWith("invalid JSON for Point"), bad.getMessage());
            seen.next(UnexpectedMessageException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aTypedReceiveOnAClosedSocketFailsWithTheCloseStatus(Mode mode) {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(mode.app(
                ws -> ws.accept().thenCompose(v -> Mode.Seen.recordAll(seen, ws.receiveText())),
                ws -> {
                    ws.accept();
                    Mode.Seen.recordAll(seen, () -> ws.receiveText());
                }));
        client.websocket("/").connect().close(4002, "gone");
        WebSocketClosedException e = seen.next(WebSocketClosedException.class);
        assertEquals(new Closed(4002, "gone"), e.closed());
        assertEquals("receiveText: the WebSocket is closed (code 4002, reason \"gone\")", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aMessageOverTheLimitClosesWith1009AndFailsTheReceive(Mode mode) {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(mode.app(
                ws -> ws.maxMessageSize(4).accept()
                        .thenCompose(v -> ws.receiveText()).thenAccept(seen::add)    // 4 UTF-8 bytes: fits
                        .thenCompose(v -> Mode.Seen.recordAll(seen, ws.receive()))
                        .thenRun(() -> seen.add(ws.closeCode())),
                ws -> {
                    ws.webSocket().maxMessageSize(4);
                    ws.accept();
                    seen.add(ws.receiveText());
                    Mode.Seen.recordAll(seen, () -> ws.receive());
                    seen.add(ws.webSocket().closeCode());
                }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            s.sendText("éé").sendText("hello");
            assertEquals(CloseCode.MESSAGE_TOO_BIG, s.expectClose(1009).code());
        }
        assertEquals("éé", seen.next());
        MessageTooLargeException e = seen.next(MessageTooLargeException.class);
        assertEquals(5, e.size());
        assertEquals(4, e.limit());
        assertEquals(OptionalInt.of(1009), seen.next());
    }

    @Test
    void maxMessageSizeMustBePositive() {
        TestClient client = TestClient.of(Mode.ASYNC.app(ws -> {
            assertEquals(WebSocket.DEFAULT_MAX_MESSAGE_SIZE, ws.maxMessageSize());
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> ws.maxMessageSize(0));
            assertEquals("maxMessageSize must be positive, got 0", e.getMessage());
            return ws.close();
        }, ws -> { }));
        assertInstanceOf(org.pagi.testing.WebSocketHandshake.Denied.class, client.websocket("/").tryConnect());
    }

    @Test
    void overlappingReceivesFailTheSecond() {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(Mode.ASYNC.app(ws -> ws.accept().thenCompose(v -> {
            CompletionStage<Received> first = ws.receive();
            return Mode.Seen.recordAll(seen, ws.receive()).thenCompose(x -> first).thenAccept(seen::add);
        }), ws -> { }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            assertEquals("a receive is already pending on this WebSocket; wait for it before receiving again",
                    seen.next(IllegalStateException.class).getMessage());
            s.sendText("one");
            assertEquals(new Message.Text("one"), seen.next());
        }
    }
}
