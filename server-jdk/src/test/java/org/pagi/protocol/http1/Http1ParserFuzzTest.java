package org.pagi.protocol.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzing the server-role parser: arbitrary bytes and mutated valid requests, fed in arbitrary pieces, give only
 * events or a {@link ProtocolException} with a 4xx/5xx status; never another exception, never a loop without
 * progress (checked by {@link Feeds#parse}), never more buffered than the limits allow; and the same events and
 * error whatever the split. Small limits, so the limits themselves are reached often.
 */
class Http1ParserFuzzTest {
    private static final Http1Limits SMALL = new Http1Limits(64, 128, 6, 256, 24);
    /** The most a parser may hold unparsed while it waits: the largest limit, plus the CR of a line ending. */
    private static final int MAX_HELD = 128 + 1;
    private static final byte[] INTERESTING = Feeds.bytes("\r\n\0 \t:;,0fF-+\u000b\u007f\u00ff");

    @Property(tries = 400)
    void arbitraryBytesInArbitraryPiecesGiveEventsOrACleanRejection(@ForAll @Size(max = 600) byte[] input,
            @ForAll("pieces") int[] pieces, @ForAll boolean eof) {
        check(Feeds.parse(Http1Parser.Role.SERVER, SMALL, input, pieces, eof), input);
    }

    @Property(tries = 400)
    void mutatedRequestsGiveEventsOrACleanRejectionTheSameWayWhateverTheSplit(
            @ForAll("mutatedRequests") byte[] input, @ForAll("pieces") int[] pieces) {
        Feeds.Outcome whole = Feeds.parse(Http1Parser.Role.SERVER, SMALL, input, new int[] {input.length}, true);
        Feeds.Outcome split = Feeds.parse(Http1Parser.Role.SERVER, SMALL, input, pieces, true);
        check(whole, input);
        check(split, input);
        assertEquals(whole.events(), split.events(), "events, whole and split");
        assertEquals(whole.violation(), split.violation(), "rejection, whole and split");
    }

    @Property(tries = 200)
    void validRequestsParseTheSameWayWhateverTheSplit(@ForAll("requests") byte[] input,
            @ForAll("pieces") int[] pieces) {
        Feeds.Outcome whole = Feeds.parse(Http1Parser.Role.SERVER, SMALL, input, new int[] {input.length}, false);
        Feeds.Outcome split = Feeds.parse(Http1Parser.Role.SERVER, SMALL, input, pieces, false);
        assertEquals(null, whole.failure(), "a valid request was refused");
        assertEquals(whole.events(), split.events());
        assertTrue(whole.events().stream().anyMatch(Http1Event.Request.class::isInstance));
    }

    private static void check(Feeds.Outcome o, byte[] input) {
        if (o.failure() != null) {
            int status = o.failure().status();
            assertTrue(status >= 400 && status <= 505, "status " + status);
        }
        assertTrue(o.maxBuffered() <= MAX_HELD, "held " + o.maxBuffered() + " bytes unparsed");
        long body = o.events().stream().filter(Http1Event.Data.class::isInstance)
                .mapToLong(e -> ((Http1Event.Data) e).data().length()).sum();
        assertTrue(body <= input.length, "more body bytes than input");
        assertTrue(o.events().stream().noneMatch(Http1Event.Response.class::isInstance), "a response from a server");
    }

    /** Piece sizes for feeding: mostly small, so lines, CRLFs and chunk sizes are cut everywhere. */
    @Provide
    Arbitrary<int[]> pieces() {
        return Arbitraries.integers().between(1, 97).array(int[].class).ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<byte[]> requests() {
        Arbitrary<String> method = Arbitraries.of("GET", "POST", "PUT", "OPTIONS");
        Arbitrary<String> path = Arbitraries.strings().withChars("abz/%?=&;").ofMaxLength(20).map(p -> "/" + p);
        Arbitrary<String> body = Arbitraries.strings().withChars("xyz\r\n0;").ofMaxLength(60);
        Arbitrary<Boolean> chunked = Arbitraries.of(true, false);
        Arbitrary<String> one = Combinators.combine(method, path, body, chunked).as(Http1ParserFuzzTest::request);
        return one.list().ofMinSize(1).ofMaxSize(3)
                .map(rs -> String.join("", rs).getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String request(String method, String path, String body, boolean chunked) {
        StringBuilder sb = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: x\r\n");
        if (!chunked) {
            return sb.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body).toString();
        }
        sb.append("Transfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < body.length(); i += 7) {
            String piece = body.substring(i, Math.min(body.length(), i + 7));
            sb.append(Integer.toHexString(piece.length())).append(i % 2 == 0 ? ";e=1" : "").append("\r\n")
                    .append(piece).append("\r\n");
        }
        return sb.append("0\r\n\r\n").toString();
    }

    /** A valid request with up to four mutations: a byte replaced, inserted or removed, or a range repeated. */
    @Provide
    Arbitrary<byte[]> mutatedRequests() {
        Arbitrary<int[]> edit = Arbitraries.integers().between(0, Integer.MAX_VALUE).array(int[].class).ofSize(3);
        return Combinators.combine(requests(), edit.list().ofMinSize(1).ofMaxSize(4)).as((r, edits) -> {
            byte[] b = r;
            for (int[] e : edits) {
                b = mutate(b, e[0] % 4, e[1], e[2]);
            }
            return b;
        });
    }

    private static byte[] mutate(byte[] b, int kind, int where, int what) {
        if (b.length == 0) {
            return b;
        }
        int at = where % b.length;
        byte value = INTERESTING[what % INTERESTING.length];
        return switch (kind) {
            case 0 -> {
                byte[] out = b.clone();
                out[at] = value;
                yield out;
            }
            case 1 -> concat(java.util.Arrays.copyOf(b, at), new byte[] {value},
                    java.util.Arrays.copyOfRange(b, at, b.length));
            case 2 -> concat(java.util.Arrays.copyOf(b, at), java.util.Arrays.copyOfRange(b, at + 1, b.length));
            default -> {
                int len = Math.min(b.length - at, 1 + what % 16);
                yield concat(java.util.Arrays.copyOf(b, at + len), java.util.Arrays.copyOfRange(b, at, b.length));
            }
        };
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Property(tries = 50)
    void theBodyLimitHoldsForAnyChunking(@ForAll @IntRange(min = 1, max = 40) int chunk) {
        StringBuilder sb = new StringBuilder("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int sent = 0; sent <= SMALL.maxBodyBytes(); sent += chunk) {
            sb.append(Integer.toHexString(chunk)).append("\r\n").append("b".repeat(chunk)).append("\r\n");
        }
        Feeds.Outcome o = Feeds.parse(Http1Parser.Role.SERVER, SMALL, Feeds.bytes(sb.toString()), 13, false);
        assertEquals(Violation.BODY_TOO_LARGE, o.violation());
        long body = o.events().stream().filter(Http1Event.Data.class::isInstance)
                .mapToLong(e -> ((Http1Event.Data) e).data().length()).sum();
        assertTrue(body <= SMALL.maxBodyBytes(), "handed out " + body + " body bytes past the limit");
        assertEquals(List.of(), o.events().stream().filter(Http1Event.EndOfMessage.class::isInstance).toList());
    }
}
