package org.pagi.protocol.http1;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/** The parser's laws: any split gives the same events, any bytes give events or a ProtocolException. */
class Http1ParserPropertiesTest {

    @Property(tries = 300)
    void arbitraryBytesGiveEventsOrAProtocolExceptionNeverAnythingElse(@ForAll byte[] input) {
        // Any other exception escapes Feeds.parse and fails the property.
        Feeds.Outcome o = assertDoesNotThrow(
                () -> Feeds.parse(Http1Parser.Role.SERVER, Http1Limits.defaults(), input, 7, true));
        Feeds.Outcome direct = assertDoesNotThrow(() -> Feeds.parse(Http1Parser.Role.SERVER, Http1Limits.defaults(),
                input, 7, true, Feeds.Via.DIRECT_BUFFER));
        assertEquals(o.events(), direct.events(), "bytes from a reused direct buffer parse as bytes from arrays do");
        assertEquals(o.violation(), direct.violation());
        long data = o.events().stream().filter(Http1Event.Data.class::isInstance)
                .mapToLong(e -> ((Http1Event.Data) e).data().length()).sum();
        assertTrue(data <= input.length, "the parser reported more body bytes than it was given");
        assertTrue(o.failure() != null || o.events().stream().noneMatch(Http1Event.Response.class::isInstance),
                "a server parser never yields a response");
    }

    @Property(tries = 200)
    void theSameRequestParsesTheSameWayWhateverTheFragmentSize(@ForAll("requests") String request) {
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        Feeds.Outcome whole = Feeds.parse(Http1Parser.Role.SERVER, Http1Limits.defaults(), bytes, bytes.length, false);
        for (Feeds.Via via : Feeds.Via.values()) {
            for (int f : new int[] {1, 2, 3, 5, 13, 64, bytes.length}) {
                Feeds.Outcome split = Feeds.parse(Http1Parser.Role.SERVER, Http1Limits.defaults(), bytes, f, false, via);
                assertEquals(whole.events(), split.events());
                assertEquals(whole.violation(), split.violation());
            }
        }
    }

    @Property(tries = 50)
    void aLargeBodyParsesTheSameFromReusedDirectBuffersWhateverTheSplit(@ForAll("requests") String request,
            @ForAll("largeBodies") byte[] body) {
        // The request's own framing is replaced by a length that covers the large body, so reads are long enough
        // for the head to be parsed as they arrive; splits land before, on and after the end of the head.
        String head = request.substring(0, request.lastIndexOf("Content-Length: ")) + "Content-Length: " + body.length
                + "\r\n\r\n";
        byte[] bytes = new byte[head.length() + body.length];
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, bytes, 0, head.length());
        System.arraycopy(body, 0, bytes, head.length(), body.length);
        Feeds.Outcome whole = Feeds.parse(Http1Parser.Role.SERVER, Http1Limits.defaults(), bytes, bytes.length, false);
        int min = Http1Parser.HEAD_AHEAD_MIN_BYTES;
        for (int f : new int[] {head.length() - 1, head.length(), head.length() + 1, min, min + 1, min + 999,
                bytes.length}) {
            Feeds.Outcome split = Feeds.parse(Http1Parser.Role.SERVER, Http1Limits.defaults(), bytes, Math.max(1, f),
                    false, Feeds.Via.DIRECT_BUFFER);
            assertEquals(whole.events(), split.events(), "fragment size " + f);
            assertEquals(whole.violation(), split.violation(), "fragment size " + f);
        }
    }

    @Provide
    Arbitrary<byte[]> largeBodies() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(Http1Parser.HEAD_AHEAD_MIN_BYTES)
                .ofMaxSize(3 * Http1Parser.HEAD_AHEAD_MIN_BYTES);
    }

    @Property(tries = 200)
    void aChunkedBodyComesBackByteForByte(@ForAll("bodies") List<byte[]> chunks) throws Exception {
        StringBuilder wire = new StringBuilder("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
        Bytes expected = Bytes.empty();
        for (byte[] c : chunks) {
            wire.append(new String(Http1Writer.chunk(Bytes.of(c)), StandardCharsets.ISO_8859_1));
            expected = expected.concat(Bytes.of(c));
        }
        wire.append(new String(Http1Writer.lastChunk(Headers.empty()), StandardCharsets.ISO_8859_1));
        Feeds.Outcome o = Feeds.parse(Http1Parser.Role.SERVER, Http1Limits.defaults(),
                wire.toString().getBytes(StandardCharsets.ISO_8859_1), 11, false);
        Bytes got = o.events().stream().filter(Http1Event.Data.class::isInstance).map(e -> ((Http1Event.Data) e).data())
                .reduce(Bytes.empty(), Bytes::concat);
        assertEquals(expected, got);
    }

    @Provide
    Arbitrary<String> requests() {
        Arbitrary<String> method = Arbitraries.of("GET", "POST", "PUT", "DELETE", "G(T");
        Arbitrary<String> path = Arbitraries.strings().withChars("abc/%?=&").ofMaxLength(20).map(p -> "/" + p);
        Arbitrary<String> header = Arbitraries.strings().withChars("abcX-: \t").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> body = Arbitraries.strings().withChars("xyz\r\n").ofMaxLength(10);
        return Combinators.combine(method, path, header.list().ofMaxSize(4), body).as((m, p, hs, b) -> {
            StringBuilder sb = new StringBuilder(m).append(' ').append(p).append(" HTTP/1.1\r\nHost: x\r\n");
            hs.forEach(h -> sb.append(h).append("\r\n"));
            sb.append("Content-Length: ").append(b.length()).append("\r\n\r\n").append(b);
            return sb.toString();
        });
    }

    @Provide
    Arbitrary<List<byte[]>> bodies() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300).list().ofMaxSize(6);
    }
}
