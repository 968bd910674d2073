package org.pagi.protocol.http1;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.pagi.spec.Bytes;

/**
 * The one helper that feeds a parser every way (STYLE: whole input, one byte at a time, every fragment size),
 * collecting events and merging body data so that results compare equal however the bytes were split.
 */
final class Feeds {
    private Feeds() {
    }

    /**
     * What a parse produced: the events, with adjacent body data merged, the failure, if any, and the most bytes
     * the parser held unparsed while it asked for more.
     */
    record Outcome(List<Http1Event> events, ProtocolException failure, int maxBuffered) {
        Violation violation() {
            return failure == null ? null : failure.violation();
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** How bytes reach the parser: as arrays, or as the transport hands them, in a direct buffer it reuses. */
    enum Via { ARRAY, DIRECT_BUFFER }

    /** Parses {@code input} split into pieces of {@code fragment} bytes, continuing after each message. */
    static Outcome parse(Http1Parser.Role role, Http1Limits limits, byte[] input, int fragment, boolean eof) {
        return parse(role, limits, input, new int[] {fragment}, eof, Via.ARRAY);
    }

    /** Parses as above, feeding through {@code via}. */
    static Outcome parse(Http1Parser.Role role, Http1Limits limits, byte[] input, int fragment, boolean eof, Via via) {
        return parse(role, limits, input, new int[] {fragment}, eof, via);
    }

    /** Parses {@code input} fed in pieces of the sizes in {@code pieces} (repeated as needed), as arrays. */
    static Outcome parse(Http1Parser.Role role, Http1Limits limits, byte[] input, int[] pieces, boolean eof) {
        return parse(role, limits, input, pieces, eof, Via.ARRAY);
    }

    /**
     * Parses {@code input} fed in pieces of the sizes in {@code pieces} (repeated as needed) through {@code via},
     * continuing after each message; fails if the parser keeps answering without asking for input (a loop that
     * would hang a server). A direct buffer is overwritten after each feed, as the transport's next read would: a
     * parser that kept a view of it instead of a copy reads the overwritten bytes.
     */
    static Outcome parse(Http1Parser.Role role, Http1Limits limits, byte[] input, int[] pieces, boolean eof,
            Via via) {
        ByteBuffer reused = ByteBuffer.allocateDirect(Math.max(1, java.util.Arrays.stream(pieces).max().orElse(1)));
        Http1Parser parser = new Http1Parser(role, limits);
        List<Http1Event> events = new ArrayList<>();
        int pos = 0;
        int piece = 0;
        int maxBuffered = 0;
        long steps = 0;
        try {
            while (true) {
                if (++steps > 4L * input.length + 64) {
                    throw new AssertionError("the parser made no progress after " + steps + " calls");
                }
                Http1Event e = parser.next();
                switch (e) {
                    case Http1Event.NeedData n -> {
                        maxBuffered = Math.max(maxBuffered, parser.buffered());
                        if (pos >= input.length) {
                            if (eof) {
                                parser.feedEof();
                                eof = false;
                                continue;
                            }
                            return new Outcome(merge(events), null, maxBuffered);
                        }
                        int n2 = Math.min(Math.max(1, pieces[piece++ % pieces.length]), input.length - pos);
                        if (via == Via.ARRAY) {
                            parser.feed(input, pos, n2);
                        } else {
                            reused.clear();
                            reused.put(input, pos, n2).flip();
                            parser.feed(reused);
                            if (reused.hasRemaining()) {
                                throw new AssertionError("feed left " + reused.remaining() + " bytes unconsumed");
                            }
                            reused.clear();
                            while (reused.hasRemaining()) {
                                reused.put((byte) '#');
                            }
                        }
                        pos += n2;
                    }
                    case Http1Event.Paused p -> {
                        events.add(p);
                        parser.nextMessage();
                    }
                    case Http1Event.ConnectionClosed c -> {
                        events.add(c);
                        return new Outcome(merge(events), null, maxBuffered);
                    }
                    default -> events.add(e);
                }
            }
        } catch (ProtocolException ex) {
            return new Outcome(merge(events), ex, maxBuffered);
        }
    }

    /** Parses with every fragment size from 1 to the input length, from arrays and direct buffers, and checks they all agree. */
    static Outcome parseEveryWay(Http1Parser.Role role, Http1Limits limits, byte[] input, boolean eof) {
        Outcome whole = parse(role, limits, input, Math.max(1, input.length), eof);
        for (Via via : Via.values()) {
            for (int f = 1; f <= input.length; f++) {
                Outcome o = parse(role, limits, input, f, eof, via);
                if (!o.events().equals(whole.events()) || o.violation() != whole.violation()) {
                    throw new AssertionError("fragment size " + f + " via " + via + " gave " + o
                            + " but the whole input gave " + whole);
                }
            }
        }
        return whole;
    }

    static Outcome server(String input) {
        return parseEveryWay(Http1Parser.Role.SERVER, Http1Limits.defaults(), bytes(input), false);
    }

    static Outcome server(Http1Limits limits, String input) {
        return parseEveryWay(Http1Parser.Role.SERVER, limits, bytes(input), false);
    }

    private static List<Http1Event> merge(List<Http1Event> events) {
        List<Http1Event> out = new ArrayList<>();
        for (Http1Event e : events) {
            if (e instanceof Http1Event.Data d && !out.isEmpty() && out.get(out.size() - 1) instanceof Http1Event.Data prev) {
                out.set(out.size() - 1, new Http1Event.Data(prev.data().concat(d.data())));
            } else {
                out.add(e);
            }
        }
        return out;
    }

    static Http1Event.Data data(String s) {
        return new Http1Event.Data(Bytes.latin1(s));
    }
}
