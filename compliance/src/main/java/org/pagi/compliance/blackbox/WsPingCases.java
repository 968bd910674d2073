package org.pagi.compliance.blackbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.pagi.protocol.websocket.Opcodes;
import org.pagi.protocol.websocket.WsEvent;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;

/** Ping and Pong (RFC 6455 sections 5.5.2 and 5.5.3), after Autobahn's group 2. */
final class WsPingCases {
    private WsPingCases() {
    }

    static List<WireCase> all() {
        return List.of(
                WireCase.of(Category.WEBSOCKET, "ping-empty", "RFC 6455 section 5.5.2 (Autobahn 2.1): a Ping without "
                        + "payload is answered by a Pong without payload", t -> pingPong(t, new byte[0], false)),
                WireCase.of(Category.WEBSOCKET, "ping-text-payload", "RFC 6455 section 5.5.2 (Autobahn 2.2): a Pong "
                        + "carries the Ping's payload", t -> pingPong(t, utf8("Hello, world!"), false)),
                WireCase.of(Category.WEBSOCKET, "ping-binary-payload", "RFC 6455 section 5.5.2 (Autobahn 2.3): a "
                        + "Pong carries the Ping's binary (non-UTF-8) payload unchanged",
                        t -> pingPong(t, new byte[] {0, (byte) 0xFF, (byte) 0xFE, (byte) 0xFD, (byte) 0xFC,
                                (byte) 0xFB, 0, (byte) 0xFF}, false)),
                WireCase.of(Category.WEBSOCKET, "ping-125", "RFC 6455 section 5.5.2 (Autobahn 2.4): a Ping with the "
                        + "largest control payload, 125 bytes, is answered in full", t -> pingPong(t, all125(), false)),
                WireCase.of(Category.WEBSOCKET, "ping-126-1002", "RFC 6455 section 5.5 (Autobahn 2.5): a control "
                        + "frame with more than 125 bytes of payload fails the connection with 1002",
                        WsPingCases::ping126),
                WireCase.of(Category.WEBSOCKET, "ping-125-octet-wise", "RFC 6455 section 5.5.2 (Autobahn 2.6): a "
                        + "125-byte Ping written one byte per write is answered", t -> pingPong(t, all125(), true)),
                WireCase.of(Category.WEBSOCKET, "pong-unsolicited-empty", "RFC 6455 section 5.5.3 (Autobahn 2.7): "
                        + "an unsolicited Pong is not answered", t -> unsolicitedPong(t, new byte[0])),
                WireCase.of(Category.WEBSOCKET, "pong-unsolicited-payload", "RFC 6455 section 5.5.3 (Autobahn 2.8): "
                        + "an unsolicited Pong with payload is not answered",
                        t -> unsolicitedPong(t, utf8("unsolicited pong payload"))),
                WireCase.of(Category.WEBSOCKET, "pong-then-ping", "RFC 6455 sections 5.5.2-5.5.3 (Autobahn 2.9): "
                        + "after an unsolicited Pong, a Ping gets exactly one Pong, with its own payload",
                        WsPingCases::pongThenPing),
                WireCase.of(Category.WEBSOCKET, "ping-ten-in-a-row", "RFC 6455 section 5.5.2 (Autobahn 2.10): ten "
                        + "Pings get ten Pongs, in order, each with its Ping's payload", t -> tenPings(t, false)),
                WireCase.of(Category.WEBSOCKET, "ping-ten-octet-wise", "RFC 6455 section 5.5.2 (Autobahn 2.11): ten "
                        + "Pings written one byte per write get ten Pongs in order", t -> tenPings(t, true)));
    }

    private static void pingPong(Target t, byte[] payload, boolean octetWise) throws Exception {
        try (WebSocketConnection c = WsWire.open(t)) {
            if (octetWise) {
                WsWire.octetWise(c, WsWire.ping(payload));
            } else {
                c.ping(Bytes.of(payload));
            }
            WsWire.expectPong(c, payload);
            WsWire.closeCleanly(c);
        }
    }

    private static void ping126(Target t) throws IOException {
        try (WebSocketConnection c = WsWire.open(t)) {
            c.frame(true, 0, Opcodes.PING, Bytes.of(new byte[126]), true);
            WsWire.expectFailure(c, 1002);
        }
    }

    private static void unsolicitedPong(Target t, byte[] payload) throws IOException {
        try (WebSocketConnection c = WsWire.open(t)) {
            c.pong(Bytes.of(payload)).sendText("after the pong");
            // The very next frame must be the echo: nothing answers a Pong.
            Expect.equal(new WsEvent.Message(WebSocketMessage.text("after the pong")), c.next(),
                    "first frame after a Pong");
            WsWire.closeCleanly(c);
        }
    }

    private static void pongThenPing(Target t) throws IOException {
        try (WebSocketConnection c = WsWire.open(t)) {
            c.pong(Bytes.of(utf8("unsolicited"))).ping(Bytes.of(utf8("solicited")));
            WsWire.expectPong(c, utf8("solicited"));
            WsWire.closeCleanly(c);
        }
    }

    private static void tenPings(Target t, boolean octetWise) throws Exception {
        try (WebSocketConnection c = WsWire.open(t)) {
            byte[][] pings = new byte[10][];
            for (int i = 0; i < 10; i++) {
                pings[i] = WsWire.ping(utf8("payload-" + i));
            }
            byte[] all = WsWire.concat(pings);
            if (octetWise) {
                WsWire.chopped(c, all, 1, 0);
            } else {
                c.raw(all);
            }
            for (int i = 0; i < 10; i++) {
                WsWire.expectPong(c, utf8("payload-" + i));
            }
            WsWire.closeCleanly(c);
        }
    }

    private static byte[] all125() {
        byte[] b = new byte[125];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (0xFE - i);
        }
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
