package org.pagi.compliance.blackbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pagi.protocol.websocket.Opcodes;
import org.pagi.spec.Bytes;

/**
 * Compressed traffic once permessage-deflate is agreed (RFC 7692 sections 6 and 7.2), after Autobahn's group 12:
 * the server's frames carry RSV1 and inflate to the echo, context carries over many messages, compressed
 * messages may be fragmented, uncompressed ones stay legal, and the bits and bytes a peer may not send fail the
 * connection.
 */
final class WsCompressedMessageCases {
    /** Autobahn's default offer: permessage-deflate, announcing that the client honours client_max_window_bits. */
    private static final WsCompressionCases.Offer DEFAULT = new WsCompressionCases.Offer(false, 0, false, 0);

    private WsCompressedMessageCases() {
    }

    static List<WireCase> all() {
        return List.of(
                WireCase.of(Category.WEBSOCKET, "deflate-server-frames-rsv1", "RFC 7692 sections 6 and 7.2.1 "
                        + "(Autobahn 12.1.x-12.5.x): echoes of compressed messages of 16 B to 128 KiB come with RSV1 "
                        + "on their first frame only and inflate to the message; a server that agreed compresses "
                        + "those of 1 KiB or more (this suite's expectation: section 6 lets it send any uncompressed)",
                        WsCompressedMessageCases::serverFrames),
                WireCase.of(Category.WEBSOCKET, "deflate-context-takeover-many", "RFC 7692 section 7.2.3.2 "
                        + "(Autobahn 12.x): 500 messages in a row, each compressed with the context of those before, "
                        + "all echo", WsCompressedMessageCases::manyMessages),
                WireCase.of(Category.WEBSOCKET, "deflate-fragmented-messages", "RFC 7692 section 6.1 (Autobahn 12.x, "
                        + "auto-fragmented): compressed messages cut into 256-byte frames, RSV1 on the first only, "
                        + "echo", WsCompressedMessageCases::fragmented),
                WireCase.of(Category.WEBSOCKET, "deflate-uncompressed-message", "RFC 7692 section 6: with "
                        + "permessage-deflate agreed a message without RSV1 is uncompressed and echoes, between "
                        + "compressed ones", WsCompressedMessageCases::uncompressed),
                WireCase.of(Category.WEBSOCKET, "deflate-empty-message", "RFC 7692 section 7.2.3.6: an empty "
                        + "message compressed as the single byte 00 echoes as an empty message",
                        WsCompressedMessageCases::empty),
                WireCase.of(Category.WEBSOCKET, "deflate-bfinal-block", "RFC 7692 section 7.2.3.4: a message "
                        + "compressed as a complete DEFLATE stream ending in a BFINAL block echoes",
                        WsCompressedMessageCases::finalBlock),
                WireCase.of(Category.WEBSOCKET, "deflate-rsv1-on-ping-1002", "RFC 7692 section 6.1 and RFC 6455 "
                        + "section 5.2: RSV1 on a control frame fails the connection with 1002",
                        t -> fails(t, WsWire.frame(true, Opcodes.RSV1, Opcodes.PING, new byte[] {1, 2}), 1002)),
                WireCase.of(Category.WEBSOCKET, "deflate-rsv1-on-continuation-1002", "RFC 7692 section 6.1: RSV1 on "
                        + "a continuation frame fails the connection with 1002",
                        WsCompressedMessageCases::rsv1OnContinuation),
                WireCase.of(Category.WEBSOCKET, "deflate-rsv2-1002", "RFC 6455 section 5.2: permessage-deflate gives "
                        + "RSV2 no meaning, so a frame with it fails the connection with 1002",
                        t -> fails(t, WsWire.frame(true, Opcodes.RSV2, Opcodes.TEXT, new byte[] {'h', 'i'}), 1002)),
                WireCase.of(Category.WEBSOCKET, "deflate-invalid-data-fails", "RFC 7692 section 7.2.2 and RFC 6455 "
                        + "section 7.1.7: a compressed payload that is not DEFLATE data (a reserved block type) fails "
                        + "the connection, with 1007 (data inconsistent with the message, section 7.4.1) or 1002",
                        t -> fails(t, WsWire.frame(true, Opcodes.RSV1, Opcodes.BINARY, WsWire.hex("ffffff")), 1007,
                                1002)),
                WireCase.of(Category.WEBSOCKET, "deflate-invalid-utf8-1007", "RFC 6455 section 8.1 and RFC 7692 "
                        + "section 6: a compressed text message that inflates to invalid UTF-8 fails the connection "
                        + "with 1007", WsCompressedMessageCases::invalidUtf8));
    }

    private static void serverFrames(Target t) throws IOException {
        try (WsCompressionCases.Agreed a = WsCompressionCases.agree(t, "", List.of(DEFAULT));
                WsDeflate.Decompressor inflater = new WsDeflate.Decompressor(a.serverNoContext())) {
            WebSocketConnection c = a.connection();
            List<String> plain = new ArrayList<>();
            for (int size : WsCompressionCases.SIZES) {
                for (boolean text : new boolean[] {true, false}) {
                    byte[] data = WsCompressionCases.json(size, size + (text ? 0 : 1)).getBytes(StandardCharsets.UTF_8);
                    if (text) {
                        c.sendText(new String(data, StandardCharsets.UTF_8));
                    } else {
                        c.sendBinary(Bytes.of(data));
                    }
                    WsCompressionCases.ServerMessage m = WsCompressionCases.ServerMessage.read(c);
                    String what = (text ? "text" : "binary") + " echo of " + data.length + " bytes";
                    Expect.equal(text ? Opcodes.TEXT : Opcodes.BINARY, m.opcode(), "opcode of the " + what);
                    Expect.equal(WsWire.hex(data), WsWire.hex(m.decoded(inflater)), what);
                    if (!m.compressed() && data.length >= 1024) {
                        plain.add(what);
                    }
                }
            }
            Expect.that(plain.isEmpty(), "permessage-deflate was agreed, but these compressible echoes came "
                    + "without RSV1 (uncompressed): " + plain);
            WsCompressionCases.closeRaw(c);
        }
    }

    private static void manyMessages(Target t) throws IOException {
        try (WsCompressionCases.Agreed a = WsCompressionCases.agree(t, "", List.of(DEFAULT))) {
            WebSocketConnection c = a.connection();
            for (int i = 0; i < 500; i++) {
                String text = WsCompressionCases.json(16 << (i % 9), i);
                c.sendText(text);
                try {
                    WsWire.expectText(c, text);
                } catch (CaseFailed e) {
                    throw new CaseFailed("message " + (i + 1) + " of 500: " + e.getMessage());
                }
            }
            WsWire.closeCleanly(c);
        }
    }

    private static void fragmented(Target t) throws IOException {
        try (WsCompressionCases.Agreed a = WsCompressionCases.agree(t, "", List.of(DEFAULT));
                WsDeflate.Compressor deflater = new WsDeflate.Compressor(false, a.clientWindowLimited(DEFAULT))) {
            WebSocketConnection c = a.connection();
            for (int size : new int[] {8192, 65536, 131072}) {
                for (int opcode : new int[] {Opcodes.TEXT, Opcodes.BINARY}) {
                    byte[] data = WsCompressionCases.json(size, size + opcode).getBytes(StandardCharsets.UTF_8);
                    byte[] z = deflater.compress(data);
                    List<byte[]> frames = new ArrayList<>();
                    for (int at = 0; at < z.length; at += 256) {
                        int end = Math.min(z.length, at + 256);
                        frames.add(WsWire.frame(end == z.length, at == 0 ? Opcodes.RSV1 : 0,
                                at == 0 ? opcode : Opcodes.CONTINUATION, Arrays.copyOfRange(z, at, end)));
                    }
                    c.raw(WsWire.concat(frames.toArray(byte[][]::new)));
                    if (opcode == Opcodes.TEXT) {
                        WsWire.expectText(c, new String(data, StandardCharsets.UTF_8));
                    } else {
                        WsWire.expectBinary(c, data);
                    }
                }
            }
            WsWire.closeCleanly(c);
        }
    }

    private static void uncompressed(Target t) throws IOException {
        try (WsCompressionCases.Agreed a = WsCompressionCases.agree(t, "", List.of(DEFAULT))) {
            WebSocketConnection c = a.connection();
            String text = WsCompressionCases.json(2048, 3);
            c.sendText(text);
            WsWire.expectText(c, text);
            c.raw(WsWire.text(text));
            WsWire.expectText(c, text);
            c.raw(WsWire.frame(false, 0, Opcodes.BINARY, new byte[] {1, 2, 3}));
            c.raw(WsWire.frame(true, 0, Opcodes.CONTINUATION, new byte[] {4, 5}));
            WsWire.expectBinary(c, new byte[] {1, 2, 3, 4, 5});
            c.sendText(text);
            WsWire.expectText(c, text);
            WsWire.closeCleanly(c);
        }
    }

    private static void empty(Target t) throws IOException {
        try (WsCompressionCases.Agreed a = WsCompressionCases.agree(t, "", List.of(DEFAULT))) {
            WebSocketConnection c = a.connection();
            c.raw(WsWire.frame(true, Opcodes.RSV1, Opcodes.TEXT, new byte[] {0}));
            WsWire.expectText(c, "");
            c.raw(WsWire.frame(true, Opcodes.RSV1, Opcodes.BINARY, new byte[] {0}));
            WsWire.expectBinary(c, new byte[0]);
            WsWire.closeCleanly(c);
        }
    }

    /** Offers client_no_context_takeover, so every message is a stream of its own and may end with BFINAL. */
    private static void finalBlock(Target t) throws IOException {
        WsCompressionCases.Offer offer = new WsCompressionCases.Offer(false, 0, true, 0);
        try (WsCompressionCases.Agreed a = WsCompressionCases.agree(t, "", List.of(offer));
                WsDeflate.Compressor deflater = new WsDeflate.Compressor(true, a.clientWindowLimited(offer))) {
            WebSocketConnection c = a.connection();
            for (int i = 0; i < 3; i++) {
                String text = WsCompressionCases.json(1000 + i, i);
                c.raw(WsWire.frame(true, Opcodes.RSV1, Opcodes.TEXT, deflater.compressFinal(text.getBytes(
                        StandardCharsets.UTF_8))));
                WsWire.expectText(c, text);
            }
            WsWire.closeCleanly(c);
        }
    }

    private static void rsv1OnContinuation(Target t) throws Exception {
        try (WsCompressionCases.Agreed a = WsCompressionCases.agree(t, "", List.of(DEFAULT));
                WsDeflate.Compressor deflater = new WsDeflate.Compressor(false, a.clientWindowLimited(DEFAULT))) {
            WebSocketConnection c = a.connection();
            byte[] z = deflater.compress(WsCompressionCases.json(4096, 5).getBytes(StandardCharsets.UTF_8));
            int half = z.length / 2;
            WsWire.mayBeCut(() -> c.raw(WsWire.concat(
                    WsWire.frame(false, Opcodes.RSV1, Opcodes.TEXT, Arrays.copyOfRange(z, 0, half)),
                    WsWire.frame(true, Opcodes.RSV1, Opcodes.CONTINUATION, Arrays.copyOfRange(z, half, z.length)))));
            WsWire.expectFailure(c, 1002);
        }
    }

    private static void invalidUtf8(Target t) throws Exception {
        try (WsCompressionCases.Agreed a = WsCompressionCases.agree(t, "", List.of(DEFAULT));
                WsDeflate.Compressor deflater = new WsDeflate.Compressor(false, a.clientWindowLimited(DEFAULT))) {
            WebSocketConnection c = a.connection();
            byte[] bad = WsWire.concat(WsWire.KOSME, WsWire.hex("eda080"),
                    "edited".getBytes(StandardCharsets.US_ASCII));
            WsWire.mayBeCut(() -> c.raw(WsWire.frame(true, Opcodes.RSV1, Opcodes.TEXT, deflater.compress(bad))));
            WsWire.expectFailure(c, 1007);
        }
    }

    private static void fails(Target t, byte[] frame, int... codes) throws Exception {
        try (WsCompressionCases.Agreed a = WsCompressionCases.agree(t, "", List.of(DEFAULT))) {
            WebSocketConnection c = a.connection();
            WsWire.mayBeCut(() -> c.raw(frame));
            WsWire.expectFailure(c, codes);
        }
    }
}
