package org.pagi.testing.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.protocol.websocket.DeflateParams;
import org.pagi.protocol.websocket.Opcodes;
import org.pagi.protocol.websocket.PerMessageDeflate;
import org.pagi.protocol.websocket.WebSocketCodec;
import org.pagi.protocol.websocket.WebSocketHandshake;
import org.pagi.protocol.websocket.WebSocketLimits;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketMessage;

/** The opening handshake in wire mode: accepted, refused, denied, rejected, checked; and compression. */
class WireWebSocketHandshakeTest {
    private final LinkedBlockingQueue<WebSocketDisconnect> disconnects = new LinkedBlockingQueue<>();
    private final WireClient wire = WireClient.of(WireTestApps.websocket(disconnects));
    private final WireConnection c = wire.connect();

    @AfterEach
    void closeClient() {
        c.close();
        wire.close();
    }

    private WebSocketDisconnect appDisconnect() throws InterruptedException {
        WebSocketDisconnect d = disconnects.poll(5, TimeUnit.SECONDS);
        if (d == null) {
            throw new AssertionError("the application received no websocket.disconnect");
        }
        return d;
    }

    @Nested
    class Accepted {
        @Test
        void opensWithTheSubprotocolTheApplicationChose() {
            try (WireWebSocket ws = c.websocket("/echo", List.of("v2", "chat"))) {
                assertEquals(Optional.of("chat"), ws.subprotocol());
                assertEquals(List.of("websocket"), ws.responseHeaders().all("upgrade"));
                assertEquals(List.of("chat"), ws.responseHeaders().all("sec-websocket-protocol"));
                assertFalse(ws.compressed());
                assertEquals("hi", ws.sendText("hi").receiveText());
            }
        }

        @Test
        void opensWithNoSubprotocolWhenNoneWasOffered() {
            try (WireWebSocket ws = c.websocket("/echo")) {
                assertEquals(Optional.empty(), ws.subprotocol());
                assertFalse(ws.responseHeaders().contains("sec-websocket-protocol"));
            }
        }

        @Test
        void failsAHandshakeWhoseSubprotocolTheClientDidNotOffer() throws InterruptedException {
            AssertionError e = assertThrows(AssertionError.class, () -> c.websocket("/rogue", List.of("chat")));
            assertTrue(e.getMessage().contains("not one the client offered"), e.getMessage());
            // the client dropped the connection, as a browser does
            assertEquals(new WebSocketDisconnect(WebSocketDisconnect.ABNORMAL, DisconnectReason.CLIENT_CLOSED.token()),
                    appDisconnect());
        }

        @Test
        void keepsTheFramesThatCameInTheSameReadAsThe101Head() {
            String key = WebSocketHandshake.newKey(RandomGenerator.getDefault());
            ByteArrayOutputStream wireBytes = new ByteArrayOutputStream();
            wireBytes.writeBytes(WebSocketHandshake.response(
                    new WebSocketHandshake.Accepted(WebSocketHandshake.acceptKey(key), Optional.empty()),
                    Optional.empty(), Headers.empty(), "Thu, 01 Jan 2026 00:00:00 GMT", Optional.empty()));
            try (WebSocketCodec server = new WebSocketCodec(WebSocketCodec.Role.SERVER, WebSocketLimits.defaults(),
                    Optional.empty())) {
                wireBytes.writeBytes(ServerBytes.concat(server.message(new WebSocketMessage.Text("early"))));
            }
            ServerBytes in = new ServerBytes();
            in.write(wireBytes.toByteArray()); // one read holds both, as a socket read may
            List<byte[]> sent = new ArrayList<>();
            ToServer recorder = new ToServer() {
                @Override
                public void send(byte[] bytes) {
                    sent.add(bytes);
                }

                @Override
                public void fin() {
                    throw new AssertionError("the handshake is fine: no reason to drop it");
                }
            };
            Duration timeout = Duration.ofMillis(500);
            WireWebSocket ws = WebSocketUpgrade.answer(new ResponseStream(in, timeout), in, recorder,
                    new WebSocketUpgrade.Offer(key, List.of(), false), timeout, RandomGenerator.getDefault());

            assertEquals(new WebSocketMessage.Text("early"), ws.receive());
            assertTrue(sent.isEmpty());
        }
    }

    @Nested
    class Refused {
        @Test
        void aCloseBeforeAcceptingIsAnswered403() {
            WireRefusedException e = assertThrows(WireRefusedException.class, () -> c.websocket("/refuse"));
            assertEquals(403, e.status());
            assertTrue(c.awaitClosed());
        }

        @Test
        void aDenialResponseReachesTheClientWhole() {
            WireRefusedException e = assertThrows(WireRefusedException.class, () -> c.websocket("/deny"));
            assertEquals(418, e.status());
            assertEquals(List.of("test"), e.headers().all("x-denied-by"));
            assertEquals(Bytes.utf8("no tea here"), e.body());
            assertEquals("no tea here", e.response().text());
            assertTrue(c.awaitClosed());
        }

        @Test
        void aHandshakeWithoutAKeyIsAnswered400() {
            WireResponse r = c.send("GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").read();
            assertEquals(400, r.status());
            assertTrue(c.awaitClosed());
        }

        @Test
        void aHandshakeOfAnotherVersionIsAnswered426NamingVersion13() {
            WireResponse r = c.send("GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n").read();
            assertEquals(426, r.status());
            assertEquals(List.of("13"), r.headers().all("sec-websocket-version"));
        }
    }

    @Nested
    class Compression {
        @Test
        void isAgreedWhenOfferedAndRoundTripsMessages() {
            try (WireWebSocket ws = c.websocket("/echo", List.of(), true)) {
                assertTrue(ws.compressed());
                assertTrue(ws.responseHeaders().first("sec-websocket-extensions").orElseThrow()
                        .startsWith(DeflateParams.NAME));
                String text = "compress me ".repeat(1000);
                assertEquals(text, ws.sendText(text).receiveText());
                Bytes binary = Bytes.utf8("abc".repeat(500));
                assertEquals(new WebSocketMessage.Binary(binary), ws.sendBinary(binary).receive());
            }
        }

        @Test
        void letsTheServerInflateAFrameCompressedByHand() {
            try (WireWebSocket ws = c.websocket("/echo", List.of(), true)) {
                DeflateParams agreed = PerMessageDeflate.acceptResponse(
                        ws.responseHeaders().first("sec-websocket-extensions").orElseThrow()).orElseThrow();
                Bytes compressed;
                try (PerMessageDeflate client = new PerMessageDeflate(agreed, false, 1 << 20)) {
                    compressed = client.compress(Bytes.utf8("squeezed"));
                }
                ws.sendFrame(true, Opcodes.RSV1, Opcodes.TEXT, compressed, true);
                assertEquals("squeezed", ws.receiveText());
            }
        }

        @Test
        void isNotUsedWithoutAnOffer() {
            try (WireWebSocket ws = c.websocket("/echo", List.of(), false)) {
                assertFalse(ws.compressed());
                assertFalse(ws.responseHeaders().contains("sec-websocket-extensions"));
            }
        }
    }
}
