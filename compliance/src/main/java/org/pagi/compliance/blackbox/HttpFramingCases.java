package org.pagi.compliance.blackbox;

import java.util.List;
import org.pagi.protocol.http1.ResponseReader;

/**
 * The HTTP/1.1 cases on request framing, where parsers that disagree let one request hide another (request
 * smuggling, RFC 9112 section 11.2): {@code Content-Length} syntax, {@code Content-Length} with
 * {@code Transfer-Encoding}, transfer codings other than a single {@code chunked}, chunk sizes, framing fields
 * in a trailer. Many requests carry a second request, {@code GET /smuggled}, that only a wrong reading of the
 * framing would find; a {@code 404} for it, or any second answer, fails the case.
 */
final class HttpFramingCases {
    /** The request a wrong framing would find inside a body; the contract answers it 404. */
    static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: smuggled.invalid\r\n\r\n";
    /** The chunk-size line of a chunk holding {@link #SMUGGLED}. */
    private static final String SIZE_LINE = Integer.toHexString(SMUGGLED.length()) + "\r\n";
    /** The Content-Length that ends a body after {@link #SIZE_LINE}, leaving {@link #SMUGGLED} to stand alone. */
    static final String LENGTH_OF_SIZE_LINE = "Content-Length: " + SIZE_LINE.length() + "\r\n";

    private HttpFramingCases() {
    }

    static List<WireCase> all() {
        return List.of(
                WireCase.of(Category.HTTP, "content-length-not-a-number-400", "RFC 9112 section 6.3 rule 5: an "
                        + "invalid Content-Length gets 400 and the close", HttpFramingCases::lengthNotANumber),
                WireCase.of(Category.HTTP, "content-length-signed-400", "RFC 9110 section 8.6 (Content-Length = "
                        + "1*DIGIT) and RFC 9112 section 6.3 rule 5: '+5' and '-5' get 400 and the close",
                        HttpFramingCases::lengthSigned),
                WireCase.of(Category.HTTP, "content-length-conflicting-fields-400", "RFC 9112 section 6.3 rule 5 "
                        + "and RFC 9110 section 8.6: two different Content-Length fields get 400 and the close",
                        HttpFramingCases::lengthConflictingFields),
                WireCase.of(Category.HTTP, "content-length-conflicting-list-400", "RFC 9112 section 6.3 rule 5 "
                        + "and RFC 9110 section 8.6: 'Content-Length: 5, 6' gets 400 and the close",
                        HttpFramingCases::lengthConflictingList),
                WireCase.of(Category.HTTP, "content-length-identical-values", "RFC 9110 section 8.6: identical "
                        + "Content-Length values may be read as one, or rejected with 400",
                        HttpFramingCases::lengthSame),
                WireCase.of(Category.HTTP, "content-length-overflow", "RFC 9110 section 8.6: a Content-Length past "
                        + "64 bits (2^64 + 5) is refused with 400 or 413, never wrapped to a small number",
                        HttpFramingCases::lengthOverflow),
                WireCase.of(Category.HTTP, "content-length-with-chunked", "RFC 9112 section 6.1: a request with "
                        + "Content-Length and Transfer-Encoding is rejected, or read as chunked; either way the "
                        + "connection closes and nothing hidden by the other framing is answered",
                        HttpFramingCases::lengthWithChunked),
                WireCase.of(Category.HTTP, "transfer-encoding-space-before-colon-400", "RFC 9112 section 5.1: "
                        + "'Transfer-Encoding : chunked' (whitespace before the colon) MUST be rejected with 400",
                        HttpFramingCases::spaceBeforeColon),
                WireCase.of(Category.HTTP, "unknown-transfer-coding", "RFC 9112 section 6.1 (501 for a coding it "
                        + "does not understand) and 6.3 rule 4 (400 when chunked is not last): gzip, xchunked, "
                        + "identity; then the close", HttpFramingCases::unknownCoding),
                WireCase.of(Category.HTTP, "chunked-twice", "RFC 9112 section 7: chunked is applied at most once; "
                        + "'chunked, chunked' gets 400 or 501 and the close", HttpFramingCases::chunkedTwice),
                WireCase.of(Category.HTTP, "chunked-not-last", "RFC 9112 section 6.3 rule 4: when chunked is not "
                        + "the final coding the length is unknown: 400 (or 501) and the close",
                        HttpFramingCases::chunkedNotLast),
                WireCase.of(Category.HTTP, "transfer-encoding-http10-400", "RFC 9112 section 6.1: Transfer-Encoding "
                        + "in an HTTP/1.0 request is faulty framing: 400 and the close",
                        HttpFramingCases::http10Chunked),
                WireCase.of(Category.HTTP, "framing-fields-in-trailer", "RFC 9110 sections 6.5.1 and 6.5.2: "
                        + "Transfer-Encoding and Content-Length in a trailer change no framing; the next request is "
                        + "read right after the trailer section", HttpFramingCases::framingInTrailer),
                WireCase.of(Category.HTTP, "chunk-size-not-hex-400", "RFC 9112 section 7.1: chunk-size = 1*HEXDIG; "
                        + "'zz' gets 400 (or aborts a response already begun) and the close",
                        HttpFramingCases::chunkNotHex),
                WireCase.of(Category.HTTP, "chunk-size-negative-400", "RFC 9112 section 7.1: chunk-size = 1*HEXDIG; "
                        + "'-5' gets 400 (or aborts a response already begun) and the close",
                        HttpFramingCases::chunkNegative),
                WireCase.of(Category.HTTP, "chunk-size-0x-prefix-400", "RFC 9112 section 7.1: chunk-size = "
                        + "1*HEXDIG; '0x5' is not a size (a 0 followed by junk)", HttpFramingCases::chunkHexPrefix),
                WireCase.of(Category.HTTP, "chunk-size-overflow", "RFC 9112 section 7.1: a chunk size past 64 bits "
                        + "(2^64 + 5) is refused with 400 or 413, never wrapped", HttpFramingCases::chunkOverflow),
                WireCase.of(Category.HTTP, "chunk-data-overrun-400", "RFC 9112 section 7.1: chunk-data is followed "
                        + "by CRLF; more data than the size said is an error, not the next chunk",
                        HttpFramingCases::chunkOverrun));
    }

    static String post(Target t, String fields, String body) {
        return "POST /echo HTTP/1.1\r\n" + Wire.host(t) + fields + "\r\n" + body;
    }

    private static void lengthNotANumber(Target t) throws Exception {
        Wire.rejected(t, post(t, "Content-Length: abc\r\n", "hello"), 400);
        Wire.rejected(t, post(t, "Content-Length: 5x\r\n", "hello"), 400);
        Wire.rejected(t, post(t, "Content-Length:\r\n", "hello"), 400);
    }

    private static void lengthSigned(Target t) throws Exception {
        Wire.rejected(t, post(t, "Content-Length: +5\r\n", "hello" + SMUGGLED), 400);
        Wire.rejected(t, post(t, "Content-Length: -5\r\n", "hello" + SMUGGLED), 400);
    }

    private static void lengthConflictingFields(Target t) throws Exception {
        Wire.rejected(t, post(t, "Content-Length: 5\r\nContent-Length: 6\r\n", "hello!" + SMUGGLED), 400);
    }

    private static void lengthConflictingList(Target t) throws Exception {
        Wire.rejected(t, post(t, "Content-Length: 5, 6\r\n", "hello!" + SMUGGLED), 400);
    }

    private static void lengthSame(Target t) throws Exception {
        Wire.rejectedOrContentLength(t, post(t, "Content-Length: 5, 5\r\nConnection: close\r\n", "hello"),
                "hello", 400);
        Wire.rejectedOrContentLength(t, post(t, "Content-Length: 5\r\nContent-Length: 5\r\nConnection: close\r\n",
                "hello"), "hello", 400);
    }

    private static void lengthOverflow(Target t) throws Exception {
        Wire.rejected(t, post(t, "Content-Length: 18446744073709551621\r\n", "hello" + SMUGGLED), 400, 413);
    }

    /**
     * Read by its Content-Length, the body is the chunk-size line alone and {@link #SMUGGLED} a request of its
     * own; read as chunked, {@code SMUGGLED} is the body.
     */
    private static void lengthWithChunked(Target t) throws Exception {
        String chunked = "Transfer-Encoding: chunked\r\n";
        for (String fields : List.of(LENGTH_OF_SIZE_LINE + chunked, chunked + LENGTH_OF_SIZE_LINE)) {
            chunkedOrRejected(t, fields, 400);
        }
    }

    /**
     * Sends a POST /echo with {@code fields} (which hold {@link #LENGTH_OF_SIZE_LINE} and some spelling of
     * chunked) and a chunked body holding {@link #SMUGGLED}. The one allowed reading is chunked: the server
     * rejects the request with one of {@code rejections}, or echoes {@code SMUGGLED}; either way one response,
     * then the close. Read by its Content-Length, {@code SMUGGLED} would be a request of its own.
     */
    static void chunkedOrRejected(Target t, String fields, int... rejections) throws Exception {
        Wire.Replies r = Wire.untilClose(t, post(t, fields, SIZE_LINE + SMUGGLED + "\r\n0\r\n\r\n"));
        r.expectComplete();
        Expect.that(r.responses().stream().noneMatch(x -> x.status() == 404), "the request hidden in the body "
                + "was answered (404 for /smuggled): the server used Content-Length; statuses " + r.statuses());
        Expect.equal(1, r.responses().size(), "responses before the close (" + r.statuses() + ")");
        ResponseReader.Response only = r.responses().get(0);
        if (only.status() == 200) {
            Expect.equal(SMUGGLED, only.body().latin1(), "the echo of the body read as chunked");
        } else {
            Expect.that(Wire.contains(rejections, only.status()), "expected a rejection "
                    + java.util.Arrays.toString(rejections) + " or the chunked echo, got " + only.status());
        }
    }

    private static void spaceBeforeColon(Target t) throws Exception {
        Wire.rejected(t, post(t, LENGTH_OF_SIZE_LINE + "Transfer-Encoding : chunked\r\n",
                SIZE_LINE + SMUGGLED + "\r\n0\r\n\r\n"), 400);
    }

    private static void unknownCoding(Target t) throws Exception {
        for (String coding : List.of("gzip", "xchunked", "identity", "x-unknown")) {
            Wire.rejected(t, post(t, "Transfer-Encoding: " + coding + "\r\n", "5\r\nhello\r\n0\r\n\r\n" + SMUGGLED),
                    400, 501);
        }
    }

    private static void chunkedTwice(Target t) throws Exception {
        Wire.rejected(t, post(t, "Transfer-Encoding: chunked, chunked\r\n", "5\r\nhello\r\n0\r\n\r\n" + SMUGGLED),
                400, 501);
        Wire.rejected(t, post(t, "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
                "5\r\nhello\r\n0\r\n\r\n" + SMUGGLED), 400, 501);
    }

    private static void chunkedNotLast(Target t) throws Exception {
        Wire.rejected(t, post(t, "Transfer-Encoding: chunked, identity\r\n", "5\r\nhello\r\n0\r\n\r\n" + SMUGGLED),
                400, 501);
        Wire.rejected(t, post(t, "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n",
                "5\r\nhello\r\n0\r\n\r\n" + SMUGGLED), 400, 501);
    }

    private static void http10Chunked(Target t) throws Exception {
        Wire.rejected(t, "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 400);
    }

    private static void framingInTrailer(Target t) throws Exception {
        String request = post(t, "Transfer-Encoding: chunked\r\n",
                "5\r\nhello\r\n0\r\nTransfer-Encoding: chunked\r\nContent-Length: 7\r\n\r\n")
                + "GET / HTTP/1.1\r\n" + Wire.host(t) + "Connection: close\r\n\r\n";
        Wire.Replies r = Wire.untilClose(t, request);
        r.expectClosed();
        if (r.cut()) {
            Expect.that(r.responses().isEmpty(), "complete responses " + r.statuses()
                    + " before the one the server cut short");
            return; // the echo had begun when the server refused the trailer: safe
        }
        if (r.statuses().equals("[400]")) {
            return; // refused before any response: safe
        }
        Expect.equal("[200, 200]", r.statuses(), "responses to the echo and the GET after it (a 400 second means "
                + "the trailer's Content-Length swallowed the start of the next request)");
        Expect.equal("hello", r.responses().get(0).body().latin1(), "the echo");
        Expect.equal("Hello from PAGI!", r.responses().get(1).text(), "the GET / read right after the trailers");
    }

    /**
     * Sends a chunked POST /echo whose first chunk-size line is {@code badLine}, followed by {@link #SMUGGLED}.
     * The server answers one of {@code statuses}, or, if the application's echo had begun before the bad line was
     * read, cuts that response short; it never completes an echo nor answers the hidden request.
     */
    static void badChunk(Target t, String chunks, int... statuses) throws Exception {
        Wire.Replies r = Wire.untilClose(t, post(t, "Transfer-Encoding: chunked\r\n", chunks + SMUGGLED));
        r.expectClosed();
        if (r.cut()) {
            Expect.that(r.responses().isEmpty(), "complete responses " + r.statuses()
                    + " before the one the server cut short");
            return;
        }
        r.expectOnly(statuses);
    }

    private static void chunkNotHex(Target t) throws Exception {
        badChunk(t, "zz\r\nhello\r\n0\r\n\r\n", 400);
    }

    private static void chunkNegative(Target t) throws Exception {
        badChunk(t, "-5\r\nhello\r\n0\r\n\r\n", 400);
    }

    private static void chunkHexPrefix(Target t) throws Exception {
        badChunk(t, "0x5\r\nhello\r\n0\r\n\r\n", 400);
    }

    private static void chunkOverflow(Target t) throws Exception {
        badChunk(t, "10000000000000005\r\nhello\r\n0\r\n\r\n", 400, 413);
    }

    private static void chunkOverrun(Target t) throws Exception {
        badChunk(t, "5\r\nhelloXX\r\n0\r\n\r\n", 400);
    }
}
