package org.pagi.protocol.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing the server-role frame decoder: arbitrary bytes, damaged valid streams and hostile frame headers, fed in
 * arbitrary pieces, give only events or one terminal {@link WsEvent.Failure} with a close code; never an
 * exception, never a loop without progress, never more than an unfinished frame header buffered; and the same
 * events whatever the split. A header claiming more than the limit fails at once, before any payload.
 */
class WebSocketFrameFuzzTest {
    private static final long LIMIT = 64 * 1024;
    /** The longest frame header is 14 bytes: anything held while waiting is a part of one. */
    private static final int MAX_HELD = 13;
    private static final Set<Integer> CLOSE_CODES = Set.of(1002, 1007, 1009);

    private static WebSocketCodec server(boolean deflate) {
        return new WebSocketCodec(WebSocketCodec.Role.SERVER, new WebSocketLimits(LIMIT),
                deflate ? Optional.of(DeflateParams.defaults()) : Optional.empty());
    }

    /** Feeds {@code input} in pieces of the given sizes (repeated), draining after each; checks the invariants. */
    static List<WsEvent> feed(WebSocketCodec codec, byte[] input, int[] pieces) {
        List<WsEvent> events = new ArrayList<>();
        int pos = 0;
        for (int i = 0; pos < input.length; i++) {
            int n = Math.min(input.length - pos, Math.max(1, pieces[i % pieces.length]));
            codec.feed(ByteBuffer.wrap(input, pos, n));
            pos += n;
            for (int steps = 0; ; steps++) {
                assertTrue(steps <= n + 4, "the decoder made no progress after " + steps + " calls");
                WsEvent e = codec.next();
                if (e instanceof WsEvent.NeedData) {
                    break;
                }
                events.add(e);
                if (e instanceof WsEvent.Failure || e instanceof WsEvent.Close) {
                    return events;
                }
            }
            assertTrue(codec.buffered() <= MAX_HELD, "held " + codec.buffered() + " bytes while waiting");
        }
        return events;
    }

    private static void check(List<WsEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            WsEvent e = events.get(i);
            boolean terminal = e instanceof WsEvent.Failure || e instanceof WsEvent.Close;
            assertTrue(!terminal || i == events.size() - 1, "nothing follows a Failure or a Close: " + events);
            if (e instanceof WsEvent.Failure f) {
                assertTrue(CLOSE_CODES.contains(f.closeCode()), "close code " + f.closeCode());
            }
            if (e instanceof WsEvent.Message m) {
                assertTrue(WebSocketCodecPropertiesTest.payload(m.message()).length <= LIMIT, "a message over the limit");
            }
        }
    }

    /**
     * Failures compare by rule: the detail may name where in the input the decoder stood. One pair of rules is one:
     * a compressed text message whose DEFLATE data turns bad after its output stopped being UTF-8 fails with either,
     * by where the input was split. Fed in pieces, zlib hands out the bad UTF-8 before it reaches the bad data; fed
     * whole, its one call hits the bad data and the JDK's {@code Inflater} drops that call's output. Both are the
     * same close, 1007 (invalid payload data); {@code aCompressedMessageBadTwiceFailsWith1007WhateverTheSplit}.
     */
    private static List<Object> comparable(List<WsEvent> events) {
        return events.stream().map(e -> e instanceof WsEvent.Failure f ? (Object) rule(f.violation()) : e).toList();
    }

    private static Object rule(WsViolation v) {
        return v == WsViolation.INVALID_UTF8 || v == WsViolation.INVALID_COMPRESSED_DATA ? "invalid payload data" : v;
    }

    @org.junit.jupiter.api.Test
    void aCompressedMessageBadTwiceFailsWith1007WhateverTheSplit() {
        // One masked compressed text frame (RSV1) whose 66 payload bytes inflate to bad UTF-8, then to bad DEFLATE.
        byte[] input = {-63, -62, 55, -6, 33, 61, -4, -58, 33, -2, -56, -87, 109, 8, 67, -34, 111, 75, 72, -78, 41,
            55, 23, 47, -66, -46, -96, 122, 11, 42, -15, 73, -15, -109, 39, -2, 46, 107, -40, 81, -98, 113, -57, 66,
            -95, -110, 89, -115, 17, -29, -89, 11, -82, -118, -79, -77, 83, 4, -40, 122, -81, 5, -18, 65, 102, -26,
            -104, -71, 125, -18, -70, -6};
        try (WebSocketCodec whole = server(true); WebSocketCodec bytes = server(true)) {
            WsEvent.Failure a = (WsEvent.Failure) feed(whole, input, new int[] {input.length}).get(0);
            WsEvent.Failure b = (WsEvent.Failure) feed(bytes, input, new int[] {1}).get(0);
            assertEquals(WsViolation.INVALID_COMPRESSED_DATA, a.violation());
            assertEquals(WsViolation.INVALID_UTF8, b.violation());
            assertEquals(1007, a.closeCode());
            assertEquals(1007, b.closeCode());
        }
    }

    @Property(tries = 500)
    void anyBytesInAnyPiecesGiveEventsOrOneCleanFailure(@ForAll("hostile") byte[] input, @ForAll boolean deflate,
            @ForAll("pieces") int[] pieces) {
        try (WebSocketCodec codec = server(deflate)) {
            check(feed(codec, input, pieces));
        }
    }

    @Property(tries = 300)
    void theSameBytesGiveTheSameEventsWhateverTheSplit(@ForAll("hostile") byte[] input, @ForAll boolean deflate,
            @ForAll("pieces") int[] pieces) {
        try (WebSocketCodec whole = server(deflate); WebSocketCodec split = server(deflate)) {
            List<WsEvent> a = feed(whole, input, new int[] {input.length});
            List<WsEvent> b = feed(split, input, pieces);
            assertEquals(comparable(a), comparable(b));
        }
    }

    @Property(tries = 500)
    void aHeaderClaimingTooMuchFailsBeforeAnyPayload(@ForAll("headers") byte[] header) {
        try (WebSocketCodec codec = server(false)) {
            List<WsEvent> events = feed(codec, header, new int[] {1});
            long length = FrameHeader.peek(readBuffer(header)).length();
            boolean control = (header[0] & 0x08) != 0;
            if (events.isEmpty()) {
                assertTrue(length >= 0 && length <= (control ? 125 : LIMIT), "waits for " + length + " bytes");
            } else {
                assertEquals(1, events.size(), events.toString());
                assertTrue(events.get(0) instanceof WsEvent.Failure, events.toString());
            }
            if (!control && length > LIMIT && (header[0] & 0x70) == 0 && (header[0] & 0x0F) != 0
                    && (header[0] & 0x0F) < 3 && (header[1] & 0x80) != 0 && length > 0xFFFF) {
                assertEquals(WsViolation.MESSAGE_TOO_BIG, ((WsEvent.Failure) events.get(0)).violation());
            }
        }
    }

    private static org.pagi.protocol.bytes.ReadBuffer readBuffer(byte[] b) {
        org.pagi.protocol.bytes.ReadBuffer in = new org.pagi.protocol.bytes.ReadBuffer();
        in.append(b, 0, b.length);
        return in;
    }

    @Provide
    Arbitrary<int[]> pieces() {
        return Arbitraries.integers().between(1, 70).array(int[].class).ofMinSize(1).ofMaxSize(10);
    }

    @Provide
    Arbitrary<byte[]> hostile() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(500),
                Arbitraries.longs().map(WebSocketCodecPropertiesTest::damagedStream),
                headers().map(h -> Wire.concat(h, new byte[h.length * 3])));
    }

    /** Complete frame headers with any first byte, masked or not, and 64-bit lengths from 0 to 2^64-1. */
    @Provide
    Arbitrary<byte[]> headers() {
        Arbitrary<Long> lengths = Arbitraries.oneOf(Arbitraries.longs(),
                Arbitraries.of(0L, 125L, 126L, 0xFFFFL, 0x10000L, LIMIT, LIMIT + 1, Long.MAX_VALUE, Long.MIN_VALUE, -1L));
        Arbitrary<Integer> first = Arbitraries.integers().between(0, 255);
        Arbitrary<Boolean> masked = Arbitraries.of(true, true, true, false);
        return net.jqwik.api.Combinators.combine(first, masked, lengths).as((b0, mask, len) -> {
            ByteBuffer b = ByteBuffer.allocate(14).put((byte) (int) b0);
            b.put((byte) ((mask ? 0x80 : 0) | 127)).putLong(len);
            if (mask) {
                b.put(new byte[] {9, 8, 7, 6});
            }
            return java.util.Arrays.copyOf(b.array(), b.position());
        });
    }
}
