package org.pagi.testing.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.protocol.websocket.Opcodes;
import org.pagi.protocol.websocket.WsEvent;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.testing.PagiTestTimeoutException;

/** An open WebSocket in wire mode: messages, control frames, protocol errors, closing, keepalive. */
class WireWebSocketTest {
    private final LinkedBlockingQueue<WebSocketDisconnect> disconnects = new LinkedBlockingQueue<>();
    private final WireClient wire = WireClient.of(WireTestApps.websocket(disconnects));
    private final WireConnection c = wire.connect();

    @AfterEach
    void closeClient() {
        c.close();
        wire.close();
    }

    /**
     * @return a client of the same application whose waits give up after 2 s: short, so a test can let a wait run
     *     out, yet long enough for the handshake and the steps before it on a loaded machine
     */
    private WireClient quickClient() {
        return WireClient.of(WireTestApps.websocket(disconnects), Http1Limits.defaults(), Duration.ofSeconds(2));
    }

    private WebSocketDisconnect appDisconnect() throws InterruptedException {
        WebSocketDisconnect d = disconnects.poll(5, TimeUnit.SECONDS);
        if (d == null) {
            throw new AssertionError("the application received no websocket.disconnect");
        }
        return d;
    }

    @Nested
    class Messages {
        @Test
        void echoesTextAndBinary() {
            try (WireWebSocket ws = c.websocket("/echo")) {
                assertEquals("héllo", ws.sendText("héllo").receiveText());
                Bytes bytes = Bytes.of(new byte[] {0, 1, 2, (byte) 0xFF});
                assertEquals(new WebSocketMessage.Binary(bytes), ws.sendBinary(bytes).receive());
            }
        }

        @Test
        void echoesAMebibyteMessage() {
            byte[] big = new byte[1024 * 1024];
            new Random(42).nextBytes(big);
            try (WireWebSocket ws = c.websocket("/echo")) {
                assertEquals(new WebSocketMessage.Binary(Bytes.of(big)), ws.sendBinary(Bytes.of(big)).receive());
                String text = "x".repeat(1024 * 1024);
                assertEquals(text, ws.sendText(text).receiveText());
            }
        }

        @Test
        void answersAPingInsideAFragmentedMessageBeforeTheMessage() {
            try (WireWebSocket ws = c.websocket("/echo")) {
                ws.sendFrame(false, 0, Opcodes.TEXT, Bytes.utf8("hel"), true)
                        .sendFrame(true, 0, Opcodes.PING, Bytes.utf8("are you there"), true)
                        .sendFrame(true, 0, Opcodes.CONTINUATION, Bytes.utf8("lo"), true);
                assertEquals(new WsEvent.Pong(Bytes.utf8("are you there")), ws.next());
                assertEquals(new WsEvent.Message(new WebSocketMessage.Text("hello")), ws.next());
            }
        }

        @Test
        void answersAPingOfTheClient() {
            try (WireWebSocket ws = c.websocket("/echo")) {
                assertEquals(new WsEvent.Pong(Bytes.utf8("p")), ws.ping(Bytes.utf8("p")).next());
            }
        }

        @Test
        void anUnsolicitedPongIsIgnoredByTheServer() {
            try (WireWebSocket ws = c.websocket("/echo")) {
                ws.pong(Bytes.utf8("unasked")).sendText("still open");
                assertEquals(new WsEvent.Message(new WebSocketMessage.Text("still open")), ws.next());
            }
        }

        @Test
        void receiveSkipsPongs() {
            try (WireWebSocket ws = c.websocket("/echo")) {
                ws.ping(Bytes.utf8("p")).sendText("after the ping");
                assertEquals("after the ping", ws.receiveText());
            }
        }

        @Test
        void takesRawBytes() {
            byte[] frame = {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, 'o' ^ 1, 'k' ^ 2}; // masked text "ok"
            try (WireWebSocket ws = c.websocket("/echo")) {
                assertEquals("ok", ws.sendRaw(frame).receiveText());
            }
        }

        @Test
        void failsAfterTheTimeoutWhenNothingComes() {
            try (WireClient quick = quickClient(); WireConnection qc = quick.connect();
                    WireWebSocket ws = qc.websocket("/echo")) {
                assertThrows(PagiTestTimeoutException.class, ws::next);
            }
        }
    }

    @Nested
    class ProtocolErrors {
        @Test
        void anUnmaskedFrameIsClosedWith1002() throws InterruptedException {
            try (WireWebSocket ws = c.websocket("/echo")) {
                ws.sendFrame(true, 0, Opcodes.TEXT, Bytes.utf8("bare"), false);
                assertEquals(1002, ws.expectClose().code());
                assertTrue(ws.awaitClosed());
            }
            assertEquals(1002, appDisconnect().code());
        }

        @Test
        void invalidUtf8IsClosedWith1007() throws InterruptedException {
            try (WireWebSocket ws = c.websocket("/echo")) {
                ws.sendFrame(true, 0, Opcodes.TEXT, Bytes.of(new byte[] {'a', (byte) 0xC3, '(', 'b'}), true);
                assertEquals(1007, ws.expectClose().code());
                assertTrue(ws.awaitClosed());
            }
            assertEquals(1007, appDisconnect().code());
        }
    }

    @Nested
    class Closing {
        @Test
        void theClientsCloseIsEchoedAndItsCodeReachesTheApplication() throws InterruptedException {
            try (WireWebSocket ws = c.websocket("/echo")) {
                ws.close(4000, "done");
                assertEquals(new WsEvent.Close(4000, ""), ws.expectClose());
                assertTrue(ws.awaitClosed());
            }
            assertEquals(new WebSocketDisconnect(4000, "done"), appDisconnect());
        }

        @Test
        void theApplicationsCloseReachesTheClientWhichAnswersIt() throws InterruptedException {
            try (WireWebSocket ws = c.websocket("/close")) {
                assertEquals(new WsEvent.Close(4001, "bye"), ws.expectClose());
                assertTrue(ws.awaitClosed()); // the server closes once the client's answer arrives
            }
            assertEquals(4001, appDisconnect().code());
        }

        @Test
        void nextReturnsTheCloseWithoutAnsweringIt() {
            try (WireClient quick = quickClient(); WireConnection qc = quick.connect();
                    WireWebSocket ws = qc.websocket("/close")) {
                assertEquals(new WsEvent.Close(4001, "bye"), ws.next());
                // unanswered, the server keeps the connection open for its close timeout (5 s): nothing comes
                assertThrows(PagiTestTimeoutException.class, ws::next);
            }
        }

        @Test
        void receiveFailsNamingTheCodeWhenTheServerClosesInstead() {
            try (WireWebSocket ws = c.websocket("/close")) {
                AssertionError e = assertThrows(AssertionError.class, ws::receive);
                assertTrue(e.getMessage().contains("4001 \"bye\""), e.getMessage());
            }
        }

        @Test
        void refusesASecondCloseFromTheSameClient() {
            try (WireWebSocket ws = c.websocket("/echo")) {
                ws.close(1000, "");
                assertThrows(IllegalStateException.class, () -> ws.close(1000, ""));
                assertEquals(new WsEvent.Close(1000, ""), ws.expectClose());
            }
        }

        @Test
        void aDroppedConnectionReachesTheApplicationAs1006() throws InterruptedException {
            try (WireWebSocket ws = c.websocket("/echo")) {
                ws.disconnect();
                assertTrue(ws.awaitClosed());
            }
            assertEquals(new WebSocketDisconnect(WebSocketDisconnect.ABNORMAL, DisconnectReason.CLIENT_CLOSED.token()),
                    appDisconnect());
        }

        @Test
        void closingTheObjectClosesWith1000() throws InterruptedException {
            try (WireWebSocket ws = c.websocket("/echo")) {
                assertEquals("x", ws.sendText("x").receiveText());
            }
            assertEquals(new WebSocketDisconnect(1000, ""), appDisconnect());
            assertThrows(IllegalStateException.class, c::read); // the connection carried a WebSocket
        }
    }

    @Nested
    class Keepalive {
        @Test
        void theServersPingsArrive() {
            try (WireWebSocket ws = c.websocket("/keepalive")) {
                assertEquals(List.of(new WsEvent.Ping(Bytes.empty()), new WsEvent.Ping(Bytes.empty())),
                        List.of(ws.next(), ws.next()));
            }
        }

        @Test
        void aClientThatNeverAnswersIsDroppedWithKeepaliveTimeout() throws InterruptedException {
            try (WireWebSocket ws = c.websocket("/strict-keepalive")) {
                assertTrue(ws.awaitClosed());
            }
            assertEquals(new WebSocketDisconnect(WebSocketDisconnect.ABNORMAL,
                    DisconnectReason.KEEPALIVE_TIMEOUT.token()), appDisconnect());
        }

        @Test
        void receiveAnswersPingsSoTheConnectionSurvives() {
            try (WireWebSocket ws = c.websocket("/late")) {
                assertEquals("still here", ws.receiveText());
            }
        }
    }
}
