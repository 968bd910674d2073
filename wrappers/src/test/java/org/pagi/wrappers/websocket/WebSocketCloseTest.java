package org.pagi.wrappers.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketKeepalive;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;

/** close, the close status, onClose, the send failures around a close, trySend and keepalive, in both modes. */
@Timeout(20)
class WebSocketCloseTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void closeIsIdempotentAndRecordsItsOwnCodeAndRunsOnCloseOnce(Mode mode) {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(mode.app(
                ws -> ws.onClose(seen::add).accept()
                        .thenCompose(v -> ws.close(4000, "done"))
                        .thenCompose(v -> ws.close())
                        .thenCompose(v -> ws.close(1001, "again"))
                        .thenRun(() -> report(ws, seen)),
                ws -> {
                    ws.webSocket().onClose(seen::add);
                    ws.accept();
                    ws.close(4000, "done");
                    ws.close();
                    ws.close(1001, "again");
                    report(ws.webSocket(), seen);
                }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            assertEquals("done", s.expectClose(4000).reason());
        }
        assertEquals(new Closed(4000, "done"), seen.next(), "onClose");
        assertEquals(List.of(OptionalInt.of(4000), Optional.of("done"), WebSocketState.CLOSED, false, true),
                seen.next());
        assertEquals(new Closed(4000, "done"), seen.next(), "onClose registered after the close runs at once");
        assertTrue(seen.isEmpty(), "onClose ran once");
    }

    private static void report(WebSocket ws, Mode.Seen seen) {
        seen.add(List.of(ws.closeCode(), ws.closeReason(), ws.connectionState(), ws.isConnected(), ws.isClosed()));
        ws.onClose(seen::add);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void closeRefusesCodesAndReasonsRfc6455Forbids(Mode mode) {
        Mode.Seen seen = new Mode.Seen();
        int[] bad = {999, 1004, 1005, 1006, 1015, 1016, 2999, 5000};
        String longReason = "é".repeat(62);  // 124 bytes of UTF-8
        TestClient client = TestClient.of(mode.app(
                ws -> {
                    for (int code : bad) {
                        tryClose(() -> ws.close(code, ""), seen);
                    }
                    tryClose(() -> ws.close(1000, longReason), seen);
                    seen.add(ws.connectionState());
                    return ws.accept().thenCompose(v -> ws.close(4999, "x".repeat(123)));
                },
                ws -> {
                    for (int code : bad) {
                        tryClose(() -> ws.close(code, ""), seen);
                    }
                    tryClose(() -> ws.close(1000, longReason), seen);
                    seen.add(ws.webSocket().connectionState());
                    ws.accept();
                    ws.close(4999, "x".repeat(123));
                }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            s.expectClose(4999);
        }
        for (int code : bad) {
            String m = (String) seen.next();
            assertTrue(m.startsWith("close code " + code + " may not be sent"), m);
        }
        assertEquals("close reason is 124 bytes of UTF-8; at most 123 fit in a close frame", seen.next());
        assertEquals(WebSocketState.CONNECTING, seen.next(), "nothing was sent");
    }

    private static void tryClose(Runnable close, Mode.Seen seen) {
        try {
            close.run();
            seen.add("accepted");
        } catch (IllegalArgumentException e) {
            seen.add(e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void thePeersCloseOrADropIsReportedWithItsCodeAndReason(Mode mode) {
        for (boolean drop : new boolean[] {false, true}) {
            Mode.Seen seen = new Mode.Seen();
            TestClient client = TestClient.of(mode.app(
                    ws -> ws.onClose(seen::add).accept().thenCompose(v -> ws.receive())
                            .thenRun(() -> seen.add(List.of(ws.closeCode(), ws.closeReason(), ws.isConnected()))),
                    ws -> {
                        ws.webSocket().onClose(seen::add);
                        ws.accept();
                        ws.receive();
                        seen.add(List.of(ws.webSocket().closeCode(), ws.webSocket().closeReason(),
                                ws.webSocket().isConnected()));
                    }));
            WebSocketSession s = client.websocket("/").connect();
            if (drop) {
                s.disconnect();
            } else {
                s.close(4001, "bye");
            }
            Closed expected = drop ? new Closed(1006, "client_closed") : new Closed(4001, "bye");
            assertEquals(expected, seen.next());
            assertEquals(List.of(OptionalInt.of(expected.code()), Optional.of(expected.reason()), false), seen.next());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sendsFailBeforeAcceptAndAfterTheCloseWhileTrySendReportsFalse(Mode mode) {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(mode.app(
                ws -> Mode.Seen.recordAll(seen, ws.sendText("early"))
                        .thenCompose(v -> ws.trySendText("early")).thenAccept(seen::add)
                        .thenCompose(v -> ws.accept())
                        .thenCompose(v -> ws.trySendText("t")).thenAccept(seen::add)
                        .thenCompose(v -> ws.trySendBytes(Bytes.utf8("b"))).thenAccept(seen::add)
                        .thenCompose(v -> ws.trySendJson(List.of(1))).thenAccept(seen::add)
                        .thenCompose(v -> ws.receive())
                        .thenCompose(v -> Mode.Seen.recordAll(seen, ws.sendText("late"), ws.sendBytes(Bytes.empty()),
                                ws.sendJson(1), ws.keepalive(Duration.ofSeconds(1))))
                        .thenCompose(v -> ws.trySendText("late")).thenAccept(seen::add)
                        .thenCompose(v -> ws.trySendBytes(Bytes.empty())).thenAccept(seen::add)
                        .thenCompose(v -> ws.trySendJson(1)).thenAccept(seen::add),
                ws -> {
                    Mode.Seen.recordAll(seen, () -> ws.sendText("early"));
                    seen.add(ws.trySendText("early"));
                    ws.accept();
                    seen.add(ws.trySendText("t"));
                    seen.add(ws.trySendBytes(Bytes.utf8("b")));
                    seen.add(ws.trySendJson(List.of(1)));
                    ws.receive();
                    Mode.Seen.recordAll(seen, () -> ws.sendText("late"), () -> ws.sendBytes(Bytes.empty()),
                            () -> ws.sendJson(1), () -> ws.keepalive(Duration.ofSeconds(1)));
                    seen.add(ws.trySendText("late"));
                    seen.add(ws.trySendBytes(Bytes.empty()));
                    seen.add(ws.trySendJson(1));
                }));
        WebSocketSession s = client.websocket("/").connect();
        assertEquals("t", s.receiveText());
        assertEquals("b", s.receiveBytes().utf8());
        assertEquals("[1]", s.receiveText());
        s.close(1001, "away");
        assertEquals("sendText: accept the WebSocket first", seen.next(IllegalStateException.class).getMessage());
        assertEquals(false, seen.next());
        assertEquals(true, seen.next());
        assertEquals(true, seen.next());
        assertEquals(true, seen.next());
        for (String what : List.of("sendText", "sendBytes", "sendJson", "keepalive")) {
            assertEquals(what + ": the WebSocket is closed (code 1001, reason \"away\")",
                    seen.next(WebSocketClosedException.class).getMessage());
        }
        assertEquals(false, seen.next());
        assertEquals(false, seen.next());
        assertEquals(false, seen.next());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void keepaliveAsksTheServerToPingWithAndWithoutATimeout(Mode mode) {
        TestClient client = TestClient.of(mode.app(
                ws -> ws.accept().thenCompose(v -> ws.keepalive(Duration.ofSeconds(20)))
                        .thenCompose(v -> ws.sendText("one"))
                        .thenCompose(v -> ws.keepalive(Duration.ofSeconds(30), Duration.ofSeconds(10)))
                        .thenCompose(v -> ws.sendText("two")),
                ws -> {
                    ws.accept();
                    ws.keepalive(Duration.ofSeconds(20));
                    ws.sendText("one");
                    ws.keepalive(Duration.ofSeconds(30), Duration.ofSeconds(10));
                    ws.sendText("two");
                }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            assertEquals("one", s.receiveText());
            assertEquals(Optional.of(new WebSocketKeepalive(Duration.ofSeconds(20), Optional.empty())), s.keepalive());
            assertEquals("two", s.receiveText());
            assertEquals(Optional.of(new WebSocketKeepalive(Duration.ofSeconds(30), Optional.of(Duration.ofSeconds(10)))),
                    s.keepalive());
        }
    }
}
