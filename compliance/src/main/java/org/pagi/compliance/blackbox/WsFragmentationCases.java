package org.pagi.compliance.blackbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.pagi.protocol.websocket.Opcodes;

/**
 * Fragmentation (RFC 6455 section 5.4), after Autobahn's group 5 and cases 6.1.2-6.1.3: messages in several
 * frames, control frames between them, and every way of breaking the fragment order. Each sequence is written
 * three ways where Autobahn does: in one write, frame by frame, and byte by byte.
 */
final class WsFragmentationCases {
    /** How a case's bytes go out. */
    private enum Chops {
        ONE_WRITE("in one write"), FRAME_WISE("frame by frame"), OCTET_WISE("byte by byte");

        final String words;

        Chops(String words) {
            this.words = words;
        }

        void send(WebSocketConnection c, byte[]... frames) throws IOException, InterruptedException {
            switch (this) {
                case ONE_WRITE -> c.raw(WsWire.concat(frames));
                case FRAME_WISE -> WsWire.frameWise(c, frames);
                case OCTET_WISE -> WsWire.octetWise(c, WsWire.concat(frames));
            }
        }
    }

    private WsFragmentationCases() {
    }

    static List<WireCase> all() {
        List<WireCase> all = new ArrayList<>();
        all.add(WireCase.of(Category.WEBSOCKET, "ping-fragmented-1002", "RFC 6455 section 5.5 (Autobahn 5.1): a "
                + "fragmented Ping fails the connection with 1002",
                t -> fails(t, Chops.ONE_WRITE, frame(false, Opcodes.PING, "fragment1"),
                        frame(true, Opcodes.CONTINUATION, "fragment2"))));
        all.add(WireCase.of(Category.WEBSOCKET, "pong-fragmented-1002", "RFC 6455 section 5.5 (Autobahn 5.2): a "
                + "fragmented Pong fails the connection with 1002",
                t -> fails(t, Chops.ONE_WRITE, frame(false, Opcodes.PONG, "fragment1"),
                        frame(true, Opcodes.CONTINUATION, "fragment2"))));
        all.add(WireCase.of(Category.WEBSOCKET, "close-fragmented-1002", "RFC 6455 section 5.5: a fragmented Close "
                + "fails the connection with 1002",
                t -> fails(t, Chops.ONE_WRITE, WsWire.frame(false, 0, Opcodes.CLOSE, new byte[] {3, (byte) 0xE8}),
                        frame(true, Opcodes.CONTINUATION, "bye"))));
        int n = 3;
        for (Chops chops : Chops.values()) {
            all.add(WireCase.of(Category.WEBSOCKET, "text-two-fragments-" + slug(chops), "RFC 6455 section 5.4 "
                    + "(Autobahn 5." + n + "): a text message in two fragments, written " + chops.words
                    + ", is echoed whole", t -> twoFragments(t, chops)));
            n++;
        }
        for (Chops chops : Chops.values()) {
            all.add(WireCase.of(Category.WEBSOCKET, "ping-between-fragments-" + slug(chops), "RFC 6455 section 5.4 "
                    + "(Autobahn 5." + n + "): a Ping between two fragments, written " + chops.words
                    + ", is answered, then the message is echoed", t -> pingBetween(t, chops)));
            n++;
        }
        for (Chops chops : Chops.values()) {
            all.add(WireCase.of(Category.WEBSOCKET, "continuation-fin-no-start-" + slug(chops) + "-1002",
                    "RFC 6455 section 5.4 (Autobahn 5." + n + "): a final continuation frame with nothing to "
                    + "continue, written " + chops.words + ", fails the connection with 1002",
                    t -> fails(t, chops, frame(true, Opcodes.CONTINUATION, "fragment1"),
                            frame(true, Opcodes.TEXT, "fragment2"))));
            n++;
        }
        for (Chops chops : Chops.values()) {
            all.add(WireCase.of(Category.WEBSOCKET, "continuation-no-start-" + slug(chops) + "-1002",
                    "RFC 6455 section 5.4 (Autobahn 5." + n + "): a non-final continuation frame with nothing to "
                    + "continue, written " + chops.words + ", fails the connection with 1002",
                    t -> fails(t, chops, frame(false, Opcodes.CONTINUATION, "fragment1"),
                            frame(true, Opcodes.TEXT, "fragment2"))));
            n++;
        }
        all.addAll(orderBroken());
        all.addAll(valid());
        return all;
    }

    private static List<WireCase> orderBroken() {
        return List.of(
                WireCase.of(Category.WEBSOCKET, "continuation-after-message-1002", "RFC 6455 section 5.4 (Autobahn "
                        + "5.15): a continuation frame after a finished fragmented message (echo awaited) fails the "
                        + "connection with 1002", WsFragmentationCases::continuationAfterMessage),
                WireCase.of(Category.WEBSOCKET, "continuation-then-fragments-1002", "RFC 6455 section 5.4 (Autobahn "
                        + "5.16): a non-final continuation frame before a fragmented text message fails the "
                        + "connection with 1002", t -> fails(t, Chops.ONE_WRITE, frame(false, Opcodes.CONTINUATION,
                        "fragment1"), frame(false, Opcodes.TEXT, "fragment2"),
                        frame(true, Opcodes.CONTINUATION, "fragment3"))),
                WireCase.of(Category.WEBSOCKET, "continuation-fin-then-fragments-1002", "RFC 6455 section 5.4 "
                        + "(Autobahn 5.17): a final continuation frame before a fragmented text message fails the "
                        + "connection with 1002", t -> fails(t, Chops.ONE_WRITE, frame(true, Opcodes.CONTINUATION,
                        "fragment1"), frame(false, Opcodes.TEXT, "fragment2"),
                        frame(true, Opcodes.CONTINUATION, "fragment3"))),
                WireCase.of(Category.WEBSOCKET, "text-inside-fragmented-text-1002", "RFC 6455 section 5.4 (Autobahn "
                        + "5.18): a new text frame inside a fragmented message fails the connection with 1002",
                        t -> fails(t, Chops.ONE_WRITE, frame(false, Opcodes.TEXT, "fragment1"),
                                frame(true, Opcodes.TEXT, "fragment2"))),
                WireCase.of(Category.WEBSOCKET, "binary-inside-fragmented-text-1002", "RFC 6455 section 5.4: a "
                        + "binary frame inside a fragmented text message fails the connection with 1002",
                        t -> fails(t, Chops.ONE_WRITE, frame(false, Opcodes.TEXT, "fragment1"),
                                frame(true, Opcodes.BINARY, "fragment2"))));
    }

    private static List<WireCase> valid() {
        return List.of(
                WireCase.of(Category.WEBSOCKET, "pings-answered-mid-message", "RFC 6455 section 5.4 (Autobahn "
                        + "5.19-5.20): Pings between fragments are answered at once, before the message is complete",
                        WsFragmentationCases::pingsMidMessage),
                WireCase.of(Category.WEBSOCKET, "text-many-fragments", "RFC 6455 section 5.4: a text message in 100 "
                        + "fragments of uneven sizes is echoed whole", WsFragmentationCases::manyFragments),
                WireCase.of(Category.WEBSOCKET, "binary-three-fragments", "RFC 6455 section 5.4: a binary message in "
                        + "three fragments is echoed whole, byte for byte", WsFragmentationCases::binaryFragments),
                WireCase.of(Category.WEBSOCKET, "text-empty-fragments", "RFC 6455 section 5.4 (Autobahn 6.1.2): a "
                        + "text message of three empty fragments is echoed as an empty message",
                        t -> echoes(t, "", frame(false, Opcodes.TEXT, ""), frame(false, Opcodes.CONTINUATION, ""),
                                frame(true, Opcodes.CONTINUATION, ""))),
                WireCase.of(Category.WEBSOCKET, "text-empty-first-and-last-fragment", "RFC 6455 section 5.4 "
                        + "(Autobahn 6.1.3): empty first and last fragments around a non-empty one",
                        t -> echoes(t, "middle frame payload", frame(false, Opcodes.TEXT, ""),
                                frame(false, Opcodes.CONTINUATION, "middle frame payload"),
                                frame(true, Opcodes.CONTINUATION, ""))));
    }

    private static void twoFragments(Target t, Chops chops) throws Exception {
        try (WebSocketConnection c = WsWire.open(t)) {
            chops.send(c, frame(false, Opcodes.TEXT, "fragment1"), frame(true, Opcodes.CONTINUATION, "fragment2"));
            WsWire.expectText(c, "fragment1fragment2");
            WsWire.closeCleanly(c);
        }
    }

    private static void pingBetween(Target t, Chops chops) throws Exception {
        try (WebSocketConnection c = WsWire.open(t)) {
            chops.send(c, frame(false, Opcodes.TEXT, "fragment1"), WsWire.ping(utf8("ping payload")),
                    frame(true, Opcodes.CONTINUATION, "fragment2"));
            WsWire.expectPong(c, utf8("ping payload"));
            WsWire.expectText(c, "fragment1fragment2");
            WsWire.closeCleanly(c);
        }
    }

    private static void continuationAfterMessage(Target t) throws Exception {
        try (WebSocketConnection c = WsWire.open(t)) {
            c.raw(WsWire.concat(frame(false, Opcodes.TEXT, "fragment1"), frame(true, Opcodes.CONTINUATION,
                    "fragment2")));
            // Awaited before the bad frames: a server may fail before an echo of a message it already took goes out.
            WsWire.expectText(c, "fragment1fragment2");
            WsWire.mayBeCut(() -> c.raw(WsWire.concat(frame(false, Opcodes.CONTINUATION, "fragment3"),
                    frame(true, Opcodes.TEXT, "fragment4"))));
            WsWire.expectFailure(c, 1002);
        }
    }

    private static void pingsMidMessage(Target t) throws Exception {
        try (WebSocketConnection c = WsWire.open(t)) {
            WsWire.frameWise(c, frame(false, Opcodes.TEXT, "fragment1"), frame(false, Opcodes.CONTINUATION,
                    "fragment2"), WsWire.ping(utf8("pongme 1!")));
            // The rest of the message is not sent until the Pong is here: the server may not wait for the end.
            WsWire.expectPong(c, utf8("pongme 1!"));
            WsWire.frameWise(c, frame(false, Opcodes.CONTINUATION, "fragment3"), frame(false, Opcodes.CONTINUATION,
                    "fragment4"), WsWire.ping(utf8("pongme 2!")));
            WsWire.expectPong(c, utf8("pongme 2!"));
            c.raw(frame(true, Opcodes.CONTINUATION, "fragment5"));
            WsWire.expectText(c, "fragment1fragment2fragment3fragment4fragment5");
            WsWire.closeCleanly(c);
        }
    }

    private static void manyFragments(Target t) throws Exception {
        String text = WsWire.ascii(5050);
        List<byte[]> frames = new ArrayList<>();
        int at = 0;
        for (int i = 1; i <= 100; i++) {
            frames.add(frame(i == 100, i == 1 ? Opcodes.TEXT : Opcodes.CONTINUATION, text.substring(at, at + i)));
            at += i;
        }
        echoes(t, text, frames.toArray(byte[][]::new));
    }

    private static void binaryFragments(Target t) throws Exception {
        byte[] data = WsWire.random(3000, 7);
        try (WebSocketConnection c = WsWire.open(t)) {
            c.raw(WsWire.concat(WsWire.frame(false, 0, Opcodes.BINARY, Arrays.copyOfRange(data, 0, 1000)),
                    WsWire.frame(false, 0, Opcodes.CONTINUATION, Arrays.copyOfRange(data, 1000, 2000)),
                    WsWire.frame(true, 0, Opcodes.CONTINUATION, Arrays.copyOfRange(data, 2000, 3000))));
            WsWire.expectBinary(c, data);
            WsWire.closeCleanly(c);
        }
    }

    private static void echoes(Target t, String expected, byte[]... frames) throws Exception {
        try (WebSocketConnection c = WsWire.open(t)) {
            c.raw(WsWire.concat(frames));
            WsWire.expectText(c, expected);
            WsWire.closeCleanly(c);
        }
    }

    private static void fails(Target t, Chops chops, byte[]... frames) throws Exception {
        try (WebSocketConnection c = WsWire.open(t)) {
            WsWire.mayBeCut(() -> chops.send(c, frames));
            WsWire.expectFailure(c, 1002);
        }
    }

    private static byte[] frame(boolean fin, int opcode, String payload) {
        return WsWire.frame(fin, 0, opcode, utf8(payload));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String slug(Chops chops) {
        return chops.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
