package org.pagi.protocol.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseStart;

/** The response framing decisions, byte for byte. */
class ResponseEncoderTest {
    private static final String DATE = "Tue, 24 Nov 2026 12:00:00 GMT";

    private static String text(java.nio.ByteBuffer[] buffers) {
        StringBuilder sb = new StringBuilder();
        for (java.nio.ByteBuffer b : buffers) {
            byte[] part = new byte[b.remaining()];
            b.duplicate().get(part);
            sb.append(new String(part, StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }

    private static ResponseEncoder encoder(boolean head, boolean http10, boolean keepAlive, boolean trailers) {
        return new ResponseEncoder(head, http10, keepAlive, trailers);
    }

    @Test
    void givesASingleFinalPieceAContentLength() {
        ResponseEncoder e = encoder(false, false, true, false);
        e.start(new HttpResponseStart(200, Headers.of("content-type", "text/plain")));
        assertEquals("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\ndate: " + DATE
                + "\r\nserver: s\r\n\r\nhi", text(e.body(Bytes.ascii("hi"), false, DATE, "s")));
        assertTrue(e.finished());
        assertTrue(e.keepAlive());
    }

    @Test
    void chunksABodyOfUnknownLengthAndEndsItWithTheLastChunk() {
        ResponseEncoder e = encoder(false, false, true, false);
        e.start(new HttpResponseStart(200, Headers.empty()));
        assertEquals("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\ndate: " + DATE + "\r\n\r\n3\r\nabc\r\n",
                text(e.body(Bytes.ascii("abc"), true, DATE, "")));
        assertEquals("0\r\n\r\n", text(e.body(Bytes.empty(), false, DATE, "")));
        assertTrue(e.finished());
    }

    @Test
    void sendsTrailersOnlyWhenTheRequestAllowedThem() {
        ResponseEncoder allowed = encoder(false, false, true, true);
        allowed.start(new HttpResponseStart(200, Headers.empty(), true));
        allowed.body(Bytes.ascii("a"), true, DATE, "");
        assertEquals("1\r\na\r\n", text(allowed.body(Bytes.ascii("a"), false, DATE, "")));
        assertFalse(allowed.finished(), "the trailers are still due");
        assertEquals("0\r\nx: 1\r\n\r\n", text(allowed.trailers(Headers.of("x", "1"), DATE, "")));
        assertTrue(allowed.finished());

        ResponseEncoder refused = encoder(false, false, true, false);
        refused.start(new HttpResponseStart(200, Headers.empty(), true));
        refused.body(Bytes.ascii("a"), true, DATE, "");
        assertEquals("0\r\n\r\n", text(refused.body(Bytes.empty(), false, DATE, "")));
        assertEquals("", text(refused.trailers(Headers.of("x", "1"), DATE, "")));
    }

    @Test
    void keepsTheApplicationsContentLengthAndRefusesMoreBytesThanItSays() {
        ResponseEncoder e = encoder(false, false, true, false);
        e.start(new HttpResponseStart(200, Headers.of("content-length", "3")));
        e.body(Bytes.ascii("ab"), true, DATE, "");
        assertThrows(IllegalStateException.class, () -> e.body(Bytes.ascii("cd"), false, DATE, ""));
    }

    @Test
    void reportsAResponseShortOfItsContentLength() {
        ResponseEncoder e = encoder(false, false, true, false);
        e.start(new HttpResponseStart(200, Headers.of("content-length", "10")));
        e.body(Bytes.ascii("short"), false, DATE, "");
        assertTrue(e.shortOfDeclaredLength());
    }

    @Test
    void refusesAContentLengthThatIsNotANumber() {
        assertThrows(IllegalArgumentException.class,
                () -> encoder(false, false, true, false).start(new HttpResponseStart(200, Headers.of("content-length", "x"))));
    }

    @Test
    void writesTheHeadOnlyForHeadAnd204And304() {
        ResponseEncoder head = encoder(true, false, true, false);
        head.start(new HttpResponseStart(200, Headers.empty()));
        assertTrue(text(head.body(Bytes.ascii("body"), false, DATE, "")).endsWith("content-length: 4\r\ndate: " + DATE + "\r\n\r\n"));
        ResponseEncoder noContent = encoder(false, false, true, false);
        noContent.start(new HttpResponseStart(204, Headers.of("content-length", "4")));
        String out = text(noContent.body(Bytes.ascii("body"), false, DATE, ""));
        assertFalse(out.contains("content-length"), out);
        assertTrue(out.endsWith("\r\n\r\n"), out);
    }

    @Test
    void dropsTheApplicationsFramingAndConnectionHeaders() {
        ResponseEncoder e = encoder(false, false, true, false);
        e.start(new HttpResponseStart(200, Headers.of("transfer-encoding", "gzip", "connection", "upgrade", "x", "1")));
        String out = text(e.body(Bytes.ascii("a"), false, DATE, ""));
        assertFalse(out.contains("gzip"), out);
        assertFalse(out.contains("upgrade"), out);
        assertTrue(out.contains("x: 1\r\n"), out);
    }

    @Test
    void delimitsAnHttp10BodyOfUnknownLengthByClosing() {
        ResponseEncoder e = encoder(false, true, true, false);
        e.start(new HttpResponseStart(200, Headers.empty()));
        String out = text(e.body(Bytes.ascii("a"), true, DATE, ""));
        assertTrue(out.contains("connection: close\r\n"), out);
        assertTrue(out.endsWith("\r\n\r\na"), out);
        assertFalse(e.keepAlive());
    }

    @Test
    void saysKeepAliveToAnHttp10ClientThatAskedForIt() {
        ResponseEncoder e = encoder(false, true, true, false);
        e.start(new HttpResponseStart(200, Headers.empty()));
        assertTrue(text(e.body(Bytes.ascii("a"), false, DATE, "")).contains("connection: keep-alive\r\n"));
    }

    @Test
    void keepsTheApplicationsDateAndServer() {
        ResponseEncoder e = encoder(false, false, false, false);
        e.start(new HttpResponseStart(200, Headers.of("date", "x", "server", "mine")));
        String out = text(e.body(Bytes.empty(), false, DATE, "pagi"));
        assertFalse(out.contains(DATE), out);
        assertFalse(out.contains("pagi"), out);
        assertTrue(out.contains("connection: close\r\n"), out);
    }
}
