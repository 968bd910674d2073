package org.pagi.protocol.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Bytes;

/**
 * Requests fed as the transport feeds them: a head and its body in one direct buffer that is reused by the next
 * read. The body after the head is taken in one copy, never buffered behind the head first.
 */
class Http1ParserDirectFeedTest {
    private static final int BODY = 1024 * 1024;

    private static ByteBuffer direct(byte[]... parts) {
        ByteBuffer b = ByteBuffer.allocateDirect(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.flip();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] body() {
        byte[] body = new byte[BODY];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        return body;
    }

    private static Bytes readBody(Http1Parser parser) throws ProtocolException {
        assertInstanceOf(Http1Event.Request.class, parser.next());
        Http1Event.Data data = assertInstanceOf(Http1Event.Data.class, parser.next());
        assertInstanceOf(Http1Event.EndOfMessage.class, parser.next());
        return data.data();
    }

    @Test
    void aBodyThatArrivesWithItsHeadIsCopiedOnceInOnePiece() throws ProtocolException {
        byte[] body = body();
        byte[] head = ascii("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + BODY + "\r\n\r\n");
        readBody(feed(direct(head, body))); // loads and compiles what the measured parse uses
        ByteBuffer in = direct(head, body);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Bytes got = readBody(feed(in));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(Bytes.of(body), got);
        // One copy of the body, plus the head: buffering the body behind the head costs a second copy (and more).
        assertTrue(allocated < BODY + BODY / 4, allocated + " bytes allocated for a " + BODY + "-byte body");
    }

    private static Http1Parser feed(ByteBuffer in) {
        Http1Parser parser = new Http1Parser(Http1Parser.Role.SERVER, Http1Limits.defaults());
        parser.feed(in);
        assertFalse(in.hasRemaining(), "feed consumes every byte");
        return parser;
    }

    @Test
    void aPipelinedRequestAfterTheBodyOutlivesTheReusedBuffer() throws ProtocolException {
        byte[] body = new byte[Http1Parser.HEAD_AHEAD_MIN_BYTES];
        Arrays.fill(body, (byte) 'b');
        ByteBuffer in = direct(ascii("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n"),
                body, ascii("GET /next HTTP/1.1\r\nHost: x\r\n\r\n"));
        Http1Parser parser = new Http1Parser(Http1Parser.Role.SERVER, Http1Limits.defaults());
        parser.feed(in);
        in.clear();
        while (in.hasRemaining()) {
            in.put((byte) '#'); // the transport's next read overwrites the buffer
        }
        Http1Event.Data data = assertInstanceOf(Http1Event.Data.class, skipHead(parser));
        assertEquals(Bytes.of(body), data.data());
        assertInstanceOf(Http1Event.EndOfMessage.class, parser.next());
        assertInstanceOf(Http1Event.Paused.class, parser.next());
        parser.nextMessage();
        Http1Event.Request next = assertInstanceOf(Http1Event.Request.class, parser.next());
        assertEquals(Bytes.ascii("/next"), next.head().target());
    }

    private static Http1Event skipHead(Http1Parser parser) throws ProtocolException {
        assertInstanceOf(Http1Event.Request.class, parser.next());
        return parser.next();
    }

    @Test
    void aHeadThatBreaksARuleFailsAtNextAndTheParserStaysFailed() {
        Http1Parser parser = new Http1Parser(Http1Parser.Role.SERVER, Http1Limits.defaults());
        parser.feed(direct(ascii("GET  / HTTP/1.1\r\nHost: x\r\n\r\n"), new byte[Http1Parser.HEAD_AHEAD_MIN_BYTES]));
        ProtocolException e = assertThrows(ProtocolException.class, parser::next);
        assertEquals(Violation.MALFORMED_REQUEST_LINE, e.violation());
        assertThrows(IllegalStateException.class, parser::next);
    }
}
