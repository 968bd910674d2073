package org.pagi.compliance.blackbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.pagi.protocol.websocket.Opcodes;
import org.pagi.spec.Bytes;

/**
 * Sizes and volume (Autobahn groups 9 and 10), kept small enough for every run: the largest message every server
 * must take by default here (16 MiB), large messages in many fragments or many writes, a thousand messages
 * pipelined, and a length field no server may accept.
 */
final class WsLimitCases {
    private static final int MIB = 1 << 20;

    private WsLimitCases() {
    }

    static List<WireCase> all() {
        return List.of(
                WireCase.of(Category.WEBSOCKET, "binary-echo-16mib", "RFC 6455 section 5.2 (Autobahn 9.2.6): a "
                        + "16 MiB binary message, Autobahn's largest, is echoed (server-jdk's default limit; a server "
                        + "under test must take messages this large)",
                        WsLimitCases::sixteenMib),
                WireCase.of(Category.WEBSOCKET, "text-1mib-in-256-byte-fragments", "RFC 6455 section 5.4 (Autobahn "
                        + "9.3.2, at 1 MiB): a text message in 4096 fragments is echoed whole",
                        t -> fragmented(t, Opcodes.TEXT, MIB, 256)),
                WireCase.of(Category.WEBSOCKET, "binary-1mib-in-64k-fragments", "RFC 6455 section 5.4 (Autobahn "
                        + "9.4.6, at 1 MiB): a binary message in 64 KiB fragments is echoed byte for byte",
                        t -> fragmented(t, Opcodes.BINARY, MIB, 65536)),
                WireCase.of(Category.WEBSOCKET, "text-65536-in-1300-byte-fragments", "RFC 6455 section 5.4 "
                        + "(Autobahn 10.1.1): a 65536-byte text message in 1300-byte fragments is echoed whole",
                        t -> fragmented(t, Opcodes.TEXT, 65536, 1300)),
                WireCase.of(Category.WEBSOCKET, "text-1mib-in-64-byte-writes", "RFC 6455 section 5.2 (Autobahn "
                        + "9.5.1): a 1 MiB text frame written 64 bytes at a time is echoed", WsLimitCases::chopped),
                WireCase.of(Category.WEBSOCKET, "text-1000-pipelined", "RFC 6455 section 5.2 (Autobahn 9.7.3): a "
                        + "thousand 256-byte text messages sent without waiting are all echoed, in order",
                        t -> pipelined(t, Opcodes.TEXT)),
                WireCase.of(Category.WEBSOCKET, "binary-1000-pipelined", "RFC 6455 section 5.2 (Autobahn 9.8.3): a "
                        + "thousand 256-byte binary messages sent without waiting are all echoed, in order",
                        t -> pipelined(t, Opcodes.BINARY)),
                WireCase.of(Category.WEBSOCKET, "length-top-bit-set-1002", "RFC 6455 section 5.2: a 64-bit payload "
                        + "length with its most significant bit set (over 2^63) fails the connection with 1002",
                        WsLimitCases::topBitLength));
    }

    private static void sixteenMib(Target t) throws Exception {
        byte[] data = WsWire.random(16 * MIB, 16);
        try (WebSocketConnection c = WsWire.open(t)) {
            // A server with a lower limit closes with 1009 while this is still being written: show its Close.
            WsWire.mayBeCut(() -> c.sendBinary(Bytes.of(data)));
            WsWire.expectBinary(c, data);
            WsWire.closeCleanly(c);
        }
    }

    private static void fragmented(Target t, int opcode, int size, int fragment) throws Exception {
        byte[] data = opcode == Opcodes.TEXT ? WsWire.ascii(size).getBytes(StandardCharsets.US_ASCII)
                : WsWire.random(size, size);
        List<byte[]> frames = new ArrayList<>();
        for (int at = 0; at < size; at += fragment) {
            int end = Math.min(size, at + fragment);
            frames.add(WsWire.frame(end == size, 0, at == 0 ? opcode : Opcodes.CONTINUATION,
                    Arrays.copyOfRange(data, at, end)));
        }
        try (WebSocketConnection c = WsWire.open(t)) {
            c.raw(WsWire.concat(frames.toArray(byte[][]::new)));
            if (opcode == Opcodes.TEXT) {
                WsWire.expectText(c, new String(data, StandardCharsets.US_ASCII));
            } else {
                WsWire.expectBinary(c, data);
            }
            WsWire.closeCleanly(c);
        }
    }

    private static void chopped(Target t) throws Exception {
        String text = WsWire.ascii(MIB);
        try (WebSocketConnection c = WsWire.open(t)) {
            WsWire.chopped(c, WsWire.text(text), 64, 0);
            WsWire.expectText(c, text);
            WsWire.closeCleanly(c);
        }
    }

    /**
     * Writes every message from another thread while this one reads the echoes, so neither side's buffers can
     * fill up and stall the other: the server may echo the first messages before it has read the last.
     * The writer only calls {@code raw}, so the two threads share nothing but the socket's two directions.
     */
    private static void pipelined(Target t, int opcode) throws Exception {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String s = String.format("%04d", i) + WsWire.ascii(252);
            payloads.add(opcode == Opcodes.TEXT ? s.getBytes(StandardCharsets.US_ASCII)
                    : WsWire.random(256, i));
        }
        try (WebSocketConnection c = WsWire.open(t)) {
            CompletableFuture<Void> written = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    for (byte[] p : payloads) {
                        c.raw(WsWire.frame(true, 0, opcode, p));
                    }
                    written.complete(null);
                } catch (IOException e) {
                    written.completeExceptionally(e);
                }
            });
            for (int i = 0; i < payloads.size(); i++) {
                try {
                    if (opcode == Opcodes.TEXT) {
                        WsWire.expectText(c, new String(payloads.get(i), StandardCharsets.US_ASCII));
                    } else {
                        WsWire.expectBinary(c, payloads.get(i));
                    }
                } catch (CaseFailed e) {
                    throw new CaseFailed("message " + i + " of 1000: " + e.getMessage());
                }
            }
            written.get(t.timeout().toMillis(), TimeUnit.MILLISECONDS);
            WsWire.closeCleanly(c);
        }
    }

    private static void topBitLength(Target t) throws Exception {
        try (WebSocketConnection c = WsWire.open(t)) {
            // FIN + binary, mask bit + 127, then 2^63 + 1 as the 64-bit length, a masking key and a few bytes.
            byte[] header = {(byte) 0x82, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4};
            WsWire.mayBeCut(() -> c.raw(WsWire.concat(header, new byte[16])));
            WsWire.expectFailure(c, 1002);
        }
    }
}
