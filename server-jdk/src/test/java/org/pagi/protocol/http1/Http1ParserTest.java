package org.pagi.protocol.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.protocol.http1.Feeds.data;
import static org.pagi.protocol.http1.Feeds.server;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.server.RequestHead;

class Http1ParserTest {
    private static final Http1Event.Paused PAUSED = new Http1Event.Paused();
    private static final Http1Event.EndOfMessage END = new Http1Event.EndOfMessage(Headers.empty());

    private static Http1Event.Request get(String target, String... headers) {
        return new Http1Event.Request(new RequestHead("GET", Bytes.ascii(target), "1.1", Headers.of(headers)), true,
                false, new BodyFraming.None());
    }

    @Nested
    class Requests {
        @Test
        void parsesASimpleGet() {
            Feeds.Outcome o = server("GET /a?b=c HTTP/1.1\r\nHost: x\r\nUser-Agent: t\r\n\r\n");
            assertNull(o.failure());
            assertEquals(List.of(get("/a?b=c", "host", "x", "user-agent", "t"), END, PAUSED), o.events());
        }

        @Test
        void acceptsBareLfLineEndings() {
            assertEquals(List.of(get("/", "host", "x"), END, PAUSED), server("GET / HTTP/1.1\nHost: x\n\n").events());
        }

        @Test
        void ignoresEmptyLinesBeforeTheRequestLine() {
            assertEquals(List.of(get("/", "host", "x"), END, PAUSED), server("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n").events());
        }

        @Test
        void trimsOptionalWhitespaceAroundValuesAndKeepsInnerSpaces() {
            assertEquals(get("/", "host", "x", "x-a", "1  2"),
                    server("GET / HTTP/1.1\r\nHost:x\r\nX-A: \t1  2 \t\r\n\r\n").events().get(0));
        }

        @Test
        void keepsObsTextBytesInValues() {
            Http1Event.Request r = (Http1Event.Request) server("GET / HTTP/1.1\r\nHost: x\r\nX: caf\u00e9\r\n\r\n").events().get(0);
            assertEquals(Bytes.of(new byte[] {'c', 'a', 'f', (byte) 0xE9}), r.head().headers().firstBytes("x").orElseThrow());
        }

        @Test
        void readsAContentLengthBody() {
            Feeds.Outcome o = server("POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
            assertEquals(new BodyFraming.Length(5), ((Http1Event.Request) o.events().get(0)).framing());
            assertEquals(List.of(data("hello"), END, PAUSED), o.events().subList(1, 4));
        }

        @Test
        void readsAChunkedBodyWithExtensionsAndTrailers() {
            Feeds.Outcome o = server("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;name=val\r\nhello\r\n6 ; x\r\n world\r\n0\r\nX-T: 1\r\n\r\n");
            assertNull(o.failure());
            assertEquals(List.of(data("hello world"), new Http1Event.EndOfMessage(Headers.of("x-t", "1")), PAUSED),
                    o.events().subList(1, 4));
        }

        @Test
        void parsesPipelinedRequestsOneAtATime() {
            Feeds.Outcome o = server("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(List.of(get("/1", "host", "x"), END, PAUSED, get("/2", "host", "x"), END, PAUSED), o.events());
        }

        @Test
        void reportsKeepAliveByVersionAndConnectionHeader() {
            assertFalse(head("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").keepAlive());
            assertFalse(head("GET / HTTP/1.0\r\n\r\n").keepAlive());
            assertTrue(head("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive());
            assertTrue(head("GET / HTTP/1.1\r\nHost: x\r\nConnection: upgrade, keep-alive\r\n\r\n").keepAlive());
        }

        @Test
        void reportsExpectContinue() {
            assertTrue(head("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n").expectContinue());
        }

        @Test
        void allowsHttp10WithoutHost() {
            assertNull(server("GET / HTTP/1.0\r\n\r\n").failure());
        }

        @Test
        void reportsACleanCloseBetweenMessages() {
            Feeds.Outcome o = Feeds.parseEveryWay(Http1Parser.Role.SERVER, Http1Limits.defaults(),
                    Feeds.bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), true);
            assertEquals(List.of(get("/", "host", "x"), END, PAUSED, new Http1Event.ConnectionClosed()), o.events());
        }

        private Http1Event.Request head(String input) {
            Feeds.Outcome o = server(input);
            assertNull(o.failure(), () -> String.valueOf(o.failure()));
            return (Http1Event.Request) o.events().get(0);
        }
    }

    @Nested
    class Rejections {
        private Violation violation(String input) {
            return server(input).violation();
        }

        @Test
        void rejectsHttp11WithoutHost() {
            assertEquals(Violation.MISSING_HOST, violation("GET / HTTP/1.1\r\n\r\n"));
        }

        @Test
        void rejectsTwoHosts() {
            assertEquals(Violation.DUPLICATE_HOST, violation("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "+5", "5 5", "0x5", "", "1e3", "99999999999999999999"})
        void rejectsAnInvalidContentLength(String value) {
            assertEquals(Violation.INVALID_CONTENT_LENGTH,
                    violation("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + value + "\r\n\r\n"));
        }

        @Test
        void rejectsDuplicatedContentLengthsEvenWhenEqual() {
            assertEquals(Violation.DUPLICATE_CONTENT_LENGTH,
                    violation("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello"));
            assertEquals(Violation.DUPLICATE_CONTENT_LENGTH,
                    violation("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 5\r\n\r\nhello"));
        }

        @Test
        void rejectsContentLengthWithTransferEncoding() {
            assertEquals(Violation.CONTENT_LENGTH_WITH_TRANSFER_ENCODING, violation(
                    "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"gzip", "gzip, chunked", "chunked, gzip", "chunked, chunked", "identity"})
        void rejectsTransferCodingsOtherThanChunkedWith501(String value) {
            Feeds.Outcome o = server("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + value + "\r\n\r\n");
            assertEquals(Violation.UNSUPPORTED_TRANSFER_CODING, o.violation());
            assertEquals(501, o.failure().status());
        }

        @Test
        void rejectsTransferEncodingInHttp10() {
            assertEquals(Violation.TRANSFER_ENCODING_IN_HTTP_1_0,
                    violation("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"z\r\n", "\r\n", "-1\r\n", "1 2\r\n", "10000000000000000\r\n"})
        void rejectsBadChunkSizes(String line) {
            assertEquals(Violation.INVALID_CHUNK_SIZE,
                    violation("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + line));
        }

        @Test
        void rejectsChunkDataWithoutItsCrlf() {
            assertEquals(Violation.MISSING_CHUNK_CRLF,
                    violation("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n"));
        }

        @Test
        void rejectsNulAndControlCharactersInValues() {
            assertEquals(Violation.INVALID_HEADER_VALUE, violation("GET / HTTP/1.1\r\nHost: x\r\nX: a\u0000b\r\n\r\n"));
            assertEquals(Violation.INVALID_HEADER_VALUE, violation("GET / HTTP/1.1\r\nHost: x\r\nX: a\u0001b\r\n\r\n"));
            assertEquals(Violation.INVALID_HEADER_VALUE, violation("GET / HTTP/1.1\r\nHost: x\r\nX: a\u007Fb\r\n\r\n"));
        }

        @Test
        void rejectsABareCr() {
            assertEquals(Violation.BARE_CR, violation("GET / HTTP/1.1\r\nHost: x\r\nX: a\rb\r\n\r\n"));
            assertEquals(Violation.BARE_CR, violation("GET /\r HTTP/1.1\r\nHost: x\r\n\r\n"));
        }

        @Test
        void rejectsObsoleteLineFolding() {
            assertEquals(Violation.OBSOLETE_LINE_FOLDING, violation("GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\n\r\n"));
        }

        @Test
        void rejectsWhitespaceBeforeTheColon() {
            assertEquals(Violation.WHITESPACE_BEFORE_COLON, violation("GET / HTTP/1.1\r\nHost : x\r\n\r\n"));
        }

        @Test
        void rejectsInvalidNamesAndMethods() {
            assertEquals(Violation.INVALID_HEADER_NAME, violation("GET / HTTP/1.1\r\nHost: x\r\nX(y): 1\r\n\r\n"));
            assertEquals(Violation.INVALID_HEADER_NAME, violation("GET / HTTP/1.1\r\nHost: x\r\n: 1\r\n\r\n"));
            assertEquals(Violation.INVALID_HEADER_NAME, violation("GET / HTTP/1.1\r\nHost: x\r\nnocolon\r\n\r\n"));
            assertEquals(Violation.INVALID_METHOD, violation("G(T / HTTP/1.1\r\nHost: x\r\n\r\n"));
        }

        @Test
        void rejectsMalformedRequestLines() {
            assertEquals(Violation.MALFORMED_REQUEST_LINE, violation("GET  / HTTP/1.1\r\nHost: x\r\n\r\n"));
            assertEquals(Violation.MALFORMED_REQUEST_LINE, violation("GET /\r\nHost: x\r\n\r\n"));
            assertEquals(Violation.MALFORMED_REQUEST_LINE, violation("GET / HTTP/1.1 x\r\nHost: x\r\n\r\n"));
            assertEquals(Violation.INVALID_TARGET, violation("GET /\u00e9 HTTP/1.1\r\nHost: x\r\n\r\n"));
        }

        @Test
        void answersUnsupportedVersionsWith505AndMalformedOnesWith400() {
            assertEquals(Violation.UNSUPPORTED_VERSION, violation("GET / HTTP/2.0\r\nHost: x\r\n\r\n"));
            assertEquals(Violation.UNSUPPORTED_VERSION, violation("GET / HTTP/3.0\r\nHost: x\r\n\r\n"));
            assertEquals(Violation.MALFORMED_VERSION, violation("GET / HTTP/1.10\r\nHost: x\r\n\r\n"));
            assertEquals(Violation.MALFORMED_VERSION, violation("GET / http/1.1\r\nHost: x\r\n\r\n"));
        }

        @Test
        void processesAHigherMinorVersionAsHttp11() {
            // RFC 9110 section 2.5
            Feeds.Outcome o = server("GET / HTTP/1.2\r\nHost: x\r\n\r\n");
            assertEquals(null, o.violation());
            assertEquals("1.1", ((Http1Event.Request) o.events().get(0)).head().httpVersion());
        }

        @Test
        void rejectsAHostValueThatIsNotAnAuthority() {
            for (String bad : new String[] {"exa mple.com", "example.com/path", "example.com:80x", "a@b", "[::1",
                    "[::1]x", "ex%zzample", ":80"}) {
                assertEquals(Violation.INVALID_HOST, violation("GET / HTTP/1.1\r\nHost: " + bad + "\r\n\r\n"), bad);
            }
            for (String good : new String[] {"example.com", "example.com:8080", "127.0.0.1:5000", "[::1]:80", "[::1]",
                    "ex%41mple.com", "a.b-c_d~e", "host:"}) {
                assertEquals(null, server("GET / HTTP/1.1\r\nHost: " + good + "\r\n\r\n").violation(), good);
            }
            assertEquals(null, server("GET / HTTP/1.1\r\nHost:\r\n\r\n").violation(), "an empty Host");
        }

        @Test
        void answersALongRequestLineWith414() {
            String target = "/" + "a".repeat(Http1Limits.DEFAULT_MAX_REQUEST_LINE_BYTES);
            Feeds.Outcome o = server("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(Violation.REQUEST_LINE_TOO_LONG, o.violation());
            assertEquals(414, o.failure().status());
        }

        @Test
        void answersALargeHeaderSectionOrTooManyFieldsWith431() {
            assertEquals(Violation.HEADER_SECTION_TOO_LARGE,
                    violation("GET / HTTP/1.1\r\nHost: x\r\nX: " + "a".repeat(9000) + "\r\n\r\n"));
            StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
            for (int i = 0; i < 100; i++) {
                many.append("X").append(i).append(": 1\r\n");
            }
            assertEquals(Violation.TOO_MANY_HEADERS, violation(many.append("\r\n").toString()));
        }

        @Test
        void answersABodyOverTheLimitWith413() {
            Http1Limits small = Http1Limits.defaults().withMaxBodyBytes(4);
            assertEquals(Violation.BODY_TOO_LARGE,
                    server(small, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello").violation());
            assertEquals(Violation.BODY_TOO_LARGE, server(small,
                    "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").violation());
        }

        @Test
        void reportsAMessageCutShortByClose() {
            Feeds.Outcome o = Feeds.parseEveryWay(Http1Parser.Role.SERVER, Http1Limits.defaults(),
                    Feeds.bytes("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\nhel"), true);
            assertEquals(Violation.INCOMPLETE_MESSAGE, o.violation());
        }

        @Test
        void neverEchoesTheOffendingInputInTheMessage() {
            Feeds.Outcome o = server("GET / HTTP/1.1\r\nHost: x\r\nX: <script>\u0001\r\n\r\n");
            assertFalse(o.failure().getMessage().contains("<script>"), o.failure().getMessage());
            assertTrue(o.failure().getMessage().contains("0x01"), o.failure().getMessage());
        }
    }

    @Nested
    class Responses {
        private Feeds.Outcome client(String input, boolean eof) {
            return Feeds.parseEveryWay(Http1Parser.Role.CLIENT, Http1Limits.defaults(), Feeds.bytes(input), eof);
        }

        @Test
        void readsAChunkedResponseWithTrailers() {
            Feeds.Outcome o = client("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX: 1\r\n\r\n", false);
            assertEquals(new Http1Event.Response("1.1", 200, "OK", Headers.of("transfer-encoding", "chunked"), true),
                    o.events().get(0));
            assertEquals(List.of(data("abc"), new Http1Event.EndOfMessage(Headers.of("x", "1")), PAUSED),
                    o.events().subList(1, 4));
        }

        @Test
        void readsABodyDelimitedByClose() {
            Feeds.Outcome o = client("HTTP/1.0 200 OK\r\n\r\nall of it", true);
            assertEquals(List.of(data("all of it"), END, new Http1Event.ConnectionClosed()), o.events().subList(1, 4));
        }

        @Test
        void readsAnInterimResponseThenTheFinalOne() {
            Feeds.Outcome o = client("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", false);
            assertEquals(List.of(new Http1Event.Response("1.1", 100, "Continue", Headers.empty(), true), END,
                    new Http1Event.Response("1.1", 204, "No Content", Headers.empty(), true), END, PAUSED), o.events());
        }

        @Test
        void readsNoBodyForAHeadRequest() {
            Http1Parser p = new Http1Parser(Http1Parser.Role.CLIENT, Http1Limits.defaults());
            p.expectResponseTo("HEAD");
            byte[] in = Feeds.bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
            p.feed(in, 0, in.length);
            try {
                assertTrue(p.next() instanceof Http1Event.Response);
                assertEquals(END, p.next());
            } catch (ProtocolException e) {
                throw new AssertionError(e);
            }
        }
    }
}
