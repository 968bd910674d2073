package org.pagi.protocol.sse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one helper that feeds an {@link SseDecoder} every way (STYLE: whole input, one byte at a time, every
 * fragment size, with trailing bytes) and checks that every way gives the same items and the same failure.
 */
final class SseFeeds {
    /** An incomplete block: after any complete input it must change nothing, with or without {@code end()}. */
    static final byte[] TRAILING = utf8("event: e\nid: t\ndata: x\ndata");

    private SseFeeds() {
    }

    /** What a decode produced: the items in order, and the limit that stopped it, or null. */
    record Outcome(List<SseItem> items, String failedLimit) {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Decodes {@code input} cut at {@code cuts} (ascending offsets), taking items after every feed.
     *
     * @param end whether to call {@code end()} after the last piece
     */
    static Outcome decode(SseDecoder decoder, byte[] input, int[] cuts, boolean end) {
        List<SseItem> items = new ArrayList<>();
        int from = 0;
        try {
            for (int i = 0; i <= cuts.length; i++) {
                int to = i < cuts.length ? cuts[i] : input.length;
                decoder.feed(input, from, to - from);
                decoder.next().ifPresent(items::add); // take one now, the rest below: next() and drain() agree
                items.addAll(decoder.drain());
                from = to;
            }
        } catch (SseLimitException e) {
            items.addAll(decoder.drain());
            return new Outcome(List.copyOf(items), e.limitName());
        }
        if (end) {
            decoder.end();
            items.addAll(decoder.drain());
        }
        return new Outcome(List.copyOf(items), null);
    }

    /** @return the cut offsets that split {@code length} bytes into pieces of {@code fragment} bytes */
    static int[] every(int fragment, int length) {
        int count = Math.max(0, (length - 1) / fragment);
        int[] cuts = new int[count];
        for (int i = 0; i < count; i++) {
            cuts[i] = (i + 1) * fragment;
        }
        return cuts;
    }

    /** Decodes {@code wire} with default limits every way; @return the items, all ways having agreed */
    static List<SseItem> everyWay(String wire) {
        Outcome o = everyWay(SseDecoder::new, utf8(wire));
        if (o.failedLimit() != null) {
            throw new AssertionError("unexpected failure on " + o.failedLimit());
        }
        return o.items();
    }

    /**
     * Decodes {@code input} whole, through a direct ByteBuffer, in every fragment size, split once at every
     * offset, and (when it ends with a line break) followed by {@link #TRAILING}; checks they all agree.
     */
    static Outcome everyWay(Supplier<SseDecoder> decoders, byte[] input) {
        Outcome whole = decode(decoders.get(), input, new int[0], true);
        agree(whole, direct(decoders.get(), input), "a direct ByteBuffer");
        for (int f = 1; f < input.length; f++) {
            agree(whole, decode(decoders.get(), input, every(f, input.length), true), "fragment size " + f);
            agree(whole, decode(decoders.get(), input, new int[] {f}, true), "one cut at offset " + f);
        }
        boolean lineComplete = input.length == 0 || input[input.length - 1] == '\n' || input[input.length - 1] == '\r';
        if (lineComplete && whole.failedLimit() == null) {
            byte[] longer = concat(input, TRAILING);
            agree(whole, decode(decoders.get(), longer, new int[0], true), "trailing bytes, then end()");
            agree(whole, decode(decoders.get(), longer, every(3, longer.length), false), "trailing bytes, no end()");
        }
        return whole;
    }

    private static Outcome direct(SseDecoder decoder, byte[] input) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(input.length).put(input).flip();
        try {
            decoder.feed(buffer);
        } catch (SseLimitException e) {
            return new Outcome(decoder.drain(), e.limitName());
        }
        if (buffer.hasRemaining()) {
            throw new AssertionError("feed(ByteBuffer) left " + buffer.remaining() + " bytes unconsumed");
        }
        decoder.end();
        return new Outcome(decoder.drain(), null);
    }

    private static void agree(Outcome expected, Outcome actual, String how) {
        if (!expected.equals(actual)) {
            throw new AssertionError(how + " gave " + actual + " but the whole input gave " + expected);
        }
    }
}
