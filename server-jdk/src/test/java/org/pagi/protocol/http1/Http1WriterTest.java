package org.pagi.protocol.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

class Http1WriterTest {
    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void writesAResponseHeadWithItsReasonPhrase() {
        assertEquals("HTTP/1.1 404 Not Found\r\na: 1\r\na: 2\r\n\r\n",
                text(Http1Writer.responseHead(404, Headers.of("a", "1", "a", "2"))));
    }

    @Test
    void leavesTheReasonEmptyForAnUnregisteredStatus() {
        assertEquals("HTTP/1.1 599 \r\n\r\n", text(Http1Writer.responseHead(599, Headers.empty())));
    }

    @Test
    void writesChunksInHexAndNothingForAnEmptyOne() {
        assertEquals("1a\r\n" + "x".repeat(26) + "\r\n", text(Http1Writer.chunk(Bytes.ascii("x".repeat(26)))));
        assertEquals("", text(Http1Writer.chunk(Bytes.empty())));
    }

    @Test
    void endsABodyWithTheLastChunkAndTrailers() {
        assertEquals("0\r\nx-t: 1\r\n\r\n", text(Http1Writer.lastChunk(Headers.of("x-t", "1"))));
    }

    @Test
    void writesARequestHeadAndA100Continue() {
        assertEquals("GET /a HTTP/1.1\r\nhost: x\r\n\r\n",
                text(Http1Writer.requestHead("GET", Bytes.ascii("/a"), Headers.of("host", "x"))));
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", text(Http1Writer.continue100()));
    }

    @Test
    void roundTripsThroughTheParser() throws ProtocolException {
        byte[] head = Http1Writer.responseHead(200, Headers.of("transfer-encoding", "chunked"));
        byte[] body = Http1Writer.chunk(Bytes.ascii("abc"));
        byte[] end = Http1Writer.lastChunk(Headers.of("x", "1"));
        Http1Parser p = new Http1Parser(Http1Parser.Role.CLIENT, Http1Limits.defaults());
        for (byte[] b : new byte[][] {head, body, end}) {
            p.feed(b, 0, b.length);
        }
        assertEquals(200, ((Http1Event.Response) p.next()).status());
        assertEquals(new Http1Event.Data(Bytes.ascii("abc")), p.next());
        assertEquals(new Http1Event.EndOfMessage(Headers.of("x", "1")), p.next());
    }
}
