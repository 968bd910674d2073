package org.pagi.compliance.blackbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pagi.protocol.websocket.Opcodes;
import org.pagi.protocol.websocket.WsEvent;
import org.pagi.spec.Bytes;

/**
 * Base framing (RFC 6455 section 5.2), after Autobahn's groups 1 (text and binary echo at every length encoding),
 * 3 (reserved bits) and 4 (reserved opcodes), and the masking rule of section 5.1.
 */
final class WsFramingCases {
    /** Autobahn 1.1.x and 1.2.x: each edge of the 7-bit, 16-bit and 64-bit length encodings. */
    private static final int[] LENGTHS = {0, 125, 126, 127, 128, 65535, 65536};
    private static final byte[] HELLO = "Hello, world!".getBytes(StandardCharsets.US_ASCII);

    private WsFramingCases() {
    }

    static List<WireCase> all() {
        List<WireCase> all = new ArrayList<>();
        for (int i = 0; i < LENGTHS.length; i++) {
            int n = LENGTHS[i];
            all.add(WireCase.of(Category.WEBSOCKET, "text-echo-" + n, "RFC 6455 section 5.2 (Autobahn 1.1." + (i + 1)
                    + "): a " + n + "-byte text message is echoed", t -> textEcho(t, n, 0)));
        }
        all.add(WireCase.of(Category.WEBSOCKET, "text-echo-65536-chopped", "RFC 6455 section 5.2 (Autobahn 1.1.8): "
                + "a 65536-byte text frame written in 997-byte pieces is echoed", t -> textEcho(t, 65536, 997)));
        all.add(WireCase.of(Category.WEBSOCKET, "text-echo-1mib", "RFC 6455 section 5.2 (Autobahn 9.1.3): a 1 MiB "
                + "text message (64-bit length) is echoed", t -> textEcho(t, 1 << 20, 0)));
        for (int i = 0; i < LENGTHS.length; i++) {
            int n = LENGTHS[i];
            all.add(WireCase.of(Category.WEBSOCKET, "binary-echo-" + n, "RFC 6455 section 5.2 (Autobahn 1.2."
                    + (i + 1) + "): a " + n + "-byte binary message is echoed byte for byte",
                    t -> binaryEcho(t, n, 0)));
        }
        all.add(WireCase.of(Category.WEBSOCKET, "binary-echo-65536-chopped", "RFC 6455 section 5.2 (Autobahn "
                + "1.2.8): a 65536-byte binary frame written in 997-byte pieces is echoed",
                t -> binaryEcho(t, 65536, 997)));
        all.add(WireCase.of(Category.WEBSOCKET, "binary-echo-1mib", "RFC 6455 section 5.2 (Autobahn 9.2.3): a 1 MiB "
                + "binary message is echoed byte for byte", t -> binaryEcho(t, 1 << 20, 0)));
        all.add(WireCase.of(Category.WEBSOCKET, "frame-octet-wise", "RFC 6455 section 5.2: a frame written one byte "
                + "per write is still one frame", WsFramingCases::octetWise));
        all.add(WireCase.of(Category.WEBSOCKET, "unmasked-frame-fails", "RFC 6455 section 5.1: a server closes the "
                + "connection on an unmasked client frame (a Close, if any, carries 1002)",
                WsFramingCases::unmasked));
        all.addAll(reservedBits());
        all.addAll(reservedOpcodes());
        return all;
    }

    private static void textEcho(Target t, int n, int chop) throws Exception {
        String text = WsWire.ascii(n);
        try (WebSocketConnection c = WsWire.open(t)) {
            if (chop > 0) {
                WsWire.chopped(c, WsWire.text(text), chop, 0);
            } else {
                c.sendText(text);
            }
            WsWire.expectText(c, text);
            WsWire.closeCleanly(c);
        }
    }

    private static void binaryEcho(Target t, int n, int chop) throws Exception {
        byte[] data = WsWire.random(n, n);
        try (WebSocketConnection c = WsWire.open(t)) {
            if (chop > 0) {
                WsWire.chopped(c, WsWire.frame(true, 0, Opcodes.BINARY, data), chop, 0);
            } else {
                c.sendBinary(Bytes.of(data));
            }
            WsWire.expectBinary(c, data);
            WsWire.closeCleanly(c);
        }
    }

    private static void octetWise(Target t) throws Exception {
        String text = WsWire.ascii(200);
        try (WebSocketConnection c = WsWire.open(t)) {
            WsWire.octetWise(c, WsWire.text(text));
            WsWire.expectText(c, text);
            WsWire.closeCleanly(c);
        }
    }

    private static void unmasked(Target t) throws IOException {
        try (WebSocketConnection c = WsWire.open(t)) {
            c.frame(true, 0, Opcodes.TEXT, Bytes.of(HELLO), false);
            Optional<WsEvent> answer;
            try {
                answer = Optional.of(c.next());
            } catch (CaseFailed noFrame) {
                answer = Optional.empty(); // "MAY send a Close frame": closing TCP without one is allowed too
            }
            if (answer.isPresent()) {
                Expect.that(answer.get() instanceof WsEvent.Close close && close.code() == 1002,
                        "expected the connection closed (with Close 1002 if any), got " + answer.get());
                WsWire.answerClose(c, 1002);
            }
            Expect.that(c.closedByServer(), "the server kept the connection open after an unmasked frame");
        }
    }

    /** Autobahn 3.1-3.7: every non-zero RSV value, on data and control frames, alone or after a valid message. */
    private static List<WireCase> reservedBits() {
        return List.of(
                rsvCase(1, "text", false, t -> bad(t, false, WsWire.frame(true, 1, Opcodes.TEXT, HELLO))),
                rsvCase(2, "text", true, t -> bad(t, true, WsWire.frame(true, 2, Opcodes.TEXT, HELLO))),
                rsvCase(3, "text-frame-wise", true, t -> {
                    try (WebSocketConnection c = WsWire.open(t)) {
                        validFirst(c);
                        WsWire.mayBeCut(() -> WsWire.frameWise(c, WsWire.frame(true, 3, Opcodes.TEXT, HELLO),
                                WsWire.ping(HELLO)));
                        WsWire.expectFailure(c, 1002);
                    }
                }),
                rsvCase(4, "text-octet-wise", true, t -> {
                    try (WebSocketConnection c = WsWire.open(t)) {
                        validFirst(c);
                        WsWire.mayBeCut(() -> WsWire.octetWise(c, WsWire.concat(
                                WsWire.frame(true, 4, Opcodes.TEXT, HELLO), WsWire.ping(HELLO))));
                        WsWire.expectFailure(c, 1002);
                    }
                }),
                rsvCase(5, "binary", false, t -> bad(t, false, WsWire.frame(true, 5, Opcodes.BINARY, HELLO))),
                rsvCase(6, "ping", false, t -> bad(t, false, WsWire.frame(true, 6, Opcodes.PING, HELLO))),
                rsvCase(7, "close", false, t -> bad(t, false, WsWire.frame(true, 7, Opcodes.CLOSE, new byte[] {3,
                        (byte) 0xE8}))));
    }

    private static WireCase rsvCase(int rsv, String on, boolean afterValid, WireCase.Body body) {
        return WireCase.of(Category.WEBSOCKET, "rsv-" + rsv + "-" + on + "-1002", "RFC 6455 section 5.2 (Autobahn 3."
                + rsv + "): RSV bits " + Integer.toBinaryString(8 | rsv).substring(1) + " on a " + on + " frame "
                + (afterValid ? "after a valid message (echo awaited) " : "")
                + "with no extension negotiated fail the connection with 1002", body);
    }

    /** Autobahn 4.1.1-4.2.5: reserved non-control opcodes 3-7 and control opcodes 0xB-0xF. */
    private static List<WireCase> reservedOpcodes() {
        List<WireCase> all = new ArrayList<>();
        int[] opcodes = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15};
        for (int i = 0; i < opcodes.length; i++) {
            int op = opcodes[i];
            int k = i % 5;
            boolean withPayload = k % 2 == 1 || k == 4;
            boolean afterValid = k >= 2;
            String ab = "4." + (i < 5 ? 1 : 2) + "." + (k + 1);
            all.add(WireCase.of(Category.WEBSOCKET, "opcode-" + op + "-1002", "RFC 6455 section 5.2 (Autobahn " + ab
                    + "): reserved " + (op < 8 ? "non-control" : "control") + " opcode " + op
                    + (withPayload ? " with a payload" : "")
                    + (afterValid ? " after a valid message (echo awaited)" : "")
                    + " fails the connection with 1002",
                    t -> bad(t, afterValid, WsWire.frame(true, 0, op, withPayload ? HELLO : new byte[0]))));
        }
        return all;
    }

    /**
     * Sends {@code badFrame} and a Ping, after a valid message and its echo when {@code afterValid}: the
     * connection fails with 1002 and the Ping goes unanswered.
     */
    private static void bad(Target t, boolean afterValid, byte[] badFrame) throws Exception {
        try (WebSocketConnection c = WsWire.open(t)) {
            if (afterValid) {
                validFirst(c);
            }
            WsWire.mayBeCut(() -> c.raw(WsWire.concat(badFrame, WsWire.ping(HELLO))));
            WsWire.expectFailure(c, 1002);
        }
    }

    /**
     * A valid message and its echo, before the bad frame. Autobahn sends all three frames in one write and rates a
     * missing echo only "non-strict": a server may fail the connection before the application's echo of a message
     * it already took goes out (RFC 6455 section 7.1.7 stops all processing), so the echo is awaited here first.
     */
    private static void validFirst(WebSocketConnection c) throws IOException {
        c.raw(WsWire.text(HELLO));
        WsWire.expectText(c, "Hello, world!");
    }
}
