package org.pagi.compliance.blackbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.pagi.protocol.websocket.Opcodes;
import org.pagi.protocol.websocket.WsEvent;

/**
 * The closing handshake (RFC 6455 sections 5.5.1, 7 and 7.4), after Autobahn's group 7: the server answers a
 * Close, ignores whatever follows it, closes TCP first, and checks the code and reason of the Close it receives.
 */
final class WsCloseCases {
    /**
     * Autobahn 7.7.x's valid codes, plus 1012-1014, registered with IANA since RFC 6455 (section 11.7's registry)
     * and accepted by Autobahn's current validator.
     */
    private static final int[] VALID_CODES = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013,
            1014, 3000, 3999, 4000, 4999};
    /**
     * Autobahn 7.9.x's invalid codes: unused (0-999), reserved (1004), never sent (1005, 1006, 1015), and not yet
     * assigned (1016-2999).
     */
    private static final int[] INVALID_CODES = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999};

    private WsCloseCases() {
    }

    static List<WireCase> all() {
        List<WireCase> all = new ArrayList<>();
        all.add(WireCase.of(Category.WEBSOCKET, "close-after-message", "RFC 6455 sections 5.5.1 and 7.1.1 (Autobahn "
                + "7.1.1): a message then a Close: the message is echoed, the Close answered with 1000, then the "
                + "server closes TCP", WsCloseCases::afterMessage));
        all.add(WireCase.of(Category.WEBSOCKET, "close-twice", "RFC 6455 section 5.5.1 (Autobahn 7.1.2): a second "
                + "Close is ignored; one Close comes back, then TCP closes", t -> afterClose(t,
                WsWire.closeFrame(1000, new byte[0]))));
        all.add(WireCase.of(Category.WEBSOCKET, "close-then-ping", "RFC 6455 section 5.5.1 (Autobahn 7.1.3): a Ping "
                + "after the Close gets no Pong", t -> afterClose(t, WsWire.ping("ping".getBytes(
                StandardCharsets.US_ASCII)))));
        all.add(WireCase.of(Category.WEBSOCKET, "close-then-text", "RFC 6455 section 5.5.1 (Autobahn 7.1.4): a "
                + "message after the Close is not echoed", t -> afterClose(t, WsWire.text("too late"))));
        all.add(WireCase.of(Category.WEBSOCKET, "close-inside-fragmented-message", "RFC 6455 sections 5.4 and 5.5.1 "
                + "(Autobahn 7.1.5): a Close between fragments ends the connection; the message is never echoed",
                WsCloseCases::insideFragments));
        all.add(WireCase.of(Category.WEBSOCKET, "close-after-large-message", "RFC 6455 section 5.5.1 (Autobahn "
                + "7.1.6): a 256 KiB message, a Close and a Ping sent back to back: maybe the echo, then the Close, "
                + "never a Pong", WsCloseCases::afterLargeMessage));
        all.add(WireCase.of(Category.WEBSOCKET, "close-empty", "RFC 6455 section 5.5.1 (Autobahn 7.3.1): a Close "
                + "without payload is answered by an empty Close or 1000, then TCP closes", WsCloseCases::empty));
        all.add(WireCase.of(Category.WEBSOCKET, "close-one-byte-1002", "RFC 6455 section 5.5.1 (Autobahn 7.3.2): a "
                + "Close payload of one byte fails the connection with 1002", t -> fails(t,
                WsWire.frame(true, 0, Opcodes.CLOSE, new byte[] {0x03}), 1002)));
        all.add(WireCase.of(Category.WEBSOCKET, "close-code-only", "RFC 6455 section 5.5.1 (Autobahn 7.3.3): Close "
                + "1000 without reason is answered with 1000", t -> echoesCode(t, 1000, new byte[0])));
        all.add(WireCase.of(Category.WEBSOCKET, "close-with-reason", "RFC 6455 section 5.5.1 (Autobahn 7.3.4): Close "
                + "1000 with a reason is answered with 1000", t -> echoesCode(t, 1000, ascii("Hello World!"))));
        all.add(WireCase.of(Category.WEBSOCKET, "close-reason-123", "RFC 6455 section 5.5 (Autobahn 7.3.5): Close "
                + "1000 with a 123-byte reason, the largest that fits, is answered with 1000",
                t -> echoesCode(t, 1000, ascii("*".repeat(123)))));
        all.add(WireCase.of(Category.WEBSOCKET, "close-reason-124-1002", "RFC 6455 section 5.5 (Autobahn 7.3.6): a "
                + "Close with a 124-byte reason (126-byte payload) fails the connection with 1002",
                t -> fails(t, WsWire.closeFrame(1000, ascii("*".repeat(124))), 1002)));
        all.add(WireCase.of(Category.WEBSOCKET, "close-reason-invalid-utf8", "RFC 6455 sections 5.5.1 and 8.1 "
                + "(Autobahn 7.5.1): a Close reason that is not UTF-8 fails the connection, with 1002 or 1007",
                t -> fails(t, WsWire.closeFrame(1000, WsWire.concat(WsWire.KOSME, WsWire.hex("eda080"),
                        ascii("edited"))), 1002, 1007)));
        for (int code : VALID_CODES) {
            all.add(WireCase.of(Category.WEBSOCKET, "close-code-" + code, "RFC 6455 section 7.4 (Autobahn "
                    + (code >= 1012 && code <= 1014 ? "7.7.x, IANA registry" : "7.7.x") + "): Close " + code
                    + " is valid and answered with " + code + " or 1000", t -> echoesCode(t, code, new byte[0])));
        }
        for (int code : INVALID_CODES) {
            all.add(WireCase.of(Category.WEBSOCKET, "close-code-" + code + "-1002", "RFC 6455 section 7.4 (Autobahn "
                    + "7.9.x): Close " + code + " may not be sent, so it fails the connection with 1002",
                    t -> fails(t, WsWire.closeFrame(code, new byte[0]), 1002)));
        }
        for (int code : new int[] {5000, 65535}) {
            all.add(WireCase.of(Category.WEBSOCKET, "close-code-" + code + "-1002", "RFC 6455 section 7.4.2 (Autobahn "
                    + "7.13.x, informational there): no code above 4999 is defined, so Close " + code + " fails the "
                    + "connection with 1002", t -> fails(t, WsWire.closeFrame(code, new byte[0]), 1002)));
        }
        return all;
    }

    private static void afterMessage(Target t) throws IOException {
        try (WebSocketConnection c = WsWire.open(t)) {
            c.sendText("Hello World!");
            WsWire.expectText(c, "Hello World!");
            WsWire.closeCleanly(c);
        }
    }

    /** Sends Close 1000 and {@code after} in one write: only the Close is answered, then TCP closes. */
    private static void afterClose(Target t, byte[] after) throws Exception {
        try (WebSocketConnection c = WsWire.open(t)) {
            WsWire.mayBeCut(() -> c.raw(WsWire.concat(WsWire.closeFrame(1000, new byte[0]), after)));
            expectCloseAnswer(c, 1000);
        }
    }

    private static void insideFragments(Target t) throws Exception {
        try (WebSocketConnection c = WsWire.open(t)) {
            WsWire.mayBeCut(() -> c.raw(WsWire.concat(WsWire.frame(false, 0, Opcodes.TEXT, ascii("fragment1")),
                    WsWire.closeFrame(1000, new byte[0]), WsWire.frame(true, 0, Opcodes.CONTINUATION,
                            ascii("fragment2")))));
            expectCloseAnswer(c, 1000);
        }
    }

    private static void afterLargeMessage(Target t) throws Exception {
        String text = WsWire.ascii(256 * 1024);
        try (WebSocketConnection c = WsWire.open(t)) {
            WsWire.mayBeCut(() -> c.raw(WsWire.concat(WsWire.text(text), WsWire.closeFrame(1000, new byte[0]),
                    WsWire.ping(ascii("ping")))));
            while (true) {
                WsEvent e = c.next();
                if (e instanceof WsEvent.Close close) {
                    Expect.equal(1000, close.code(), "code of the Close answering Close 1000");
                    WsWire.expectTcpClosed(c);
                    return;
                }
                Expect.that(e instanceof WsEvent.Message m && m.message().asText().orElse("").equals(text),
                        "before the Close only the echo of the message may come, got " + e);
            }
        }
    }

    private static void empty(Target t) throws IOException {
        try (WebSocketConnection c = WsWire.open(t)) {
            c.raw(WsWire.frame(true, 0, Opcodes.CLOSE, new byte[0]));
            WsEvent e = c.next();
            Expect.that(e instanceof WsEvent.Close close && (close.code() == 1005 || close.code() == 1000),
                    "expected an empty Close or Close 1000, got " + e);
            WsWire.expectTcpClosed(c);
        }
    }

    private static void echoesCode(Target t, int code, byte[] reason) throws IOException {
        try (WebSocketConnection c = WsWire.open(t)) {
            c.raw(WsWire.closeFrame(code, reason));
            expectCloseAnswer(c, code);
        }
    }

    /** The very next frame is a Close with {@code code} or 1000 (Autobahn accepts both), then TCP closes. */
    private static void expectCloseAnswer(WebSocketConnection c, int code) throws IOException {
        WsEvent e = c.next();
        if (!(e instanceof WsEvent.Close close)) {
            throw new CaseFailed("expected the Close answering ours, got " + e);
        }
        Expect.that(close.code() == code || close.code() == 1000, "the Close answering Close " + code
                + " carries " + close.code() + " (RFC 6455 section 5.5.1: typically the code received)");
        WsWire.expectTcpClosed(c);
    }

    private static void fails(Target t, byte[] frame, int... codes) throws Exception {
        try (WebSocketConnection c = WsWire.open(t)) {
            WsWire.mayBeCut(() -> c.raw(frame));
            WsWire.expectFailure(c, codes);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
