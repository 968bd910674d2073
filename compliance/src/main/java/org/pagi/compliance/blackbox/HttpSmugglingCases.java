package org.pagi.compliance.blackbox;

import static org.pagi.compliance.blackbox.HttpFramingCases.LENGTH_OF_SIZE_LINE;
import static org.pagi.compliance.blackbox.HttpFramingCases.SMUGGLED;
import static org.pagi.compliance.blackbox.HttpFramingCases.badChunk;
import static org.pagi.compliance.blackbox.HttpFramingCases.chunkedOrRejected;
import static org.pagi.compliance.blackbox.HttpFramingCases.post;

import java.util.List;

/**
 * Request-smuggling variants (RFC 9112 section 11.2): spellings of {@code Transfer-Encoding} and
 * {@code Content-Length} and chunk lines that parsers are known to read differently. Each case allows only
 * readings that cannot disagree with a peer: a rejection and the close, or the one reading the RFC defines. A
 * request hidden in the body ({@code GET /smuggled}, answered 404 by the contract) is never answered.
 * The plainer framing attacks are in {@link HttpFramingCases}.
 */
final class HttpSmugglingCases {
    private static final String NGINX_DECHUNKS = "nginx reads the chunked body itself and forwards it with a "
            + "Content-Length, so the origin never sees these chunk lines";
    private static final String HELLO_CHUNKS = "5\r\nhello\r\n0\r\n\r\n";

    private HttpSmugglingCases() {
    }

    static List<WireCase> all() {
        return List.of(
                WireCase.of(Category.HTTP, "transfer-encoding-obs-fold", "RFC 9112 section 5.2: a Transfer-Encoding "
                        + "value on an obs-fold line is rejected with 400, or unfolded (and then, with a "
                        + "Content-Length, rejected or read as chunked); never read by the Content-Length alone",
                        HttpSmugglingCases::obsFoldedCoding),
                WireCase.of(Category.HTTP, "transfer-coding-lookalikes", "RFC 9112 section 6.1: 'identity, chunked', "
                        + "'chunkedx', 'chunked-x' and '\"chunked\"' are not a lone chunked: 400 or 501 and the "
                        + "close, never read as chunked or as no body", HttpSmugglingCases::lookalikes),
                WireCase.of(Category.HTTP, "transfer-coding-case-insensitive", "RFC 9112 section 7: transfer-coding "
                        + "names are case-insensitive; 'CHUNKED' and 'Chunked' are read as chunked, and the next "
                        + "request right after the last chunk", HttpSmugglingCases::codingCase),
                WireCase.of(Category.HTTP, "transfer-encoding-tab-ows", "RFC 9110 section 5.5: HTAB around a field "
                        + "value is OWS; 'Transfer-Encoding:<TAB>chunked<TAB>' is read as chunked",
                        HttpSmugglingCases::tabOws)
                        .originOnly("nginx does not take a tab for OWS in Transfer-Encoding and answers 501 itself"),
                WireCase.of(Category.HTTP, "transfer-encoding-vertical-tab", "RFC 9110 section 5.5: a vertical tab "
                        + "is a control character, not whitespace: '<VT>chunked' is refused (400, or 501 for an "
                        + "unknown coding), never read as chunked nor as no body", HttpSmugglingCases::verticalTab),
                WireCase.of(Category.HTTP, "transfer-encoding-tab-before-colon-400", "RFC 9112 section 5.1: "
                        + "'Transfer-Encoding<TAB>: chunked' MUST be rejected with 400", HttpSmugglingCases::tabBeforeColon),
                WireCase.of(Category.HTTP, "transfer-encoding-empty-then-chunked", "RFC 9110 section 5.3: two "
                        + "Transfer-Encoding fields combine into one list, ', chunked' is chunked; with a "
                        + "Content-Length: rejected or read as chunked, never by the length",
                        HttpSmugglingCases::emptyThenChunked),
                WireCase.of(Category.HTTP, "content-length-with-chunked-spellings", "RFC 9112 section 6.1: a "
                        + "Content-Length with 'CHUNKED' or '<TAB>chunked' is rejected (400, or 501 where the tab is "
                        + "not taken for whitespace) or read as chunked",
                        HttpSmugglingCases::lengthWithSpellings),
                WireCase.of(Category.HTTP, "content-length-inner-space-400", "RFC 9110 section 8.6: Content-Length "
                        + "= 1*DIGIT; '1 0' is neither 1 nor 10 nor 10: 400 and the close",
                        HttpSmugglingCases::lengthInnerSpace),
                WireCase.of(Category.HTTP, "content-length-leading-zeros", "RFC 9110 section 8.6: '0005' is the "
                        + "decimal 5 (or refused with 400), never octal or hex",
                        HttpSmugglingCases::lengthLeadingZeros),
                WireCase.of(Category.HTTP, "chunk-line-bare-lf-400", "RFC 9112 section 7.1: chunk-size lines and "
                        + "chunk-data end with CRLF; a bare LF there, in an extension or after data, gets 400",
                        HttpSmugglingCases::chunkBareLf)
                        .originOnly(NGINX_DECHUNKS),
                WireCase.of(Category.HTTP, "chunk-extension-control-400", "RFC 9112 section 7.1.1: a chunk-ext is "
                        + "tokens and quoted-strings; NUL or a vertical tab in one gets 400",
                        HttpSmugglingCases::chunkExtensionControl)
                        .originOnly(NGINX_DECHUNKS));
    }

    private static void obsFoldedCoding(Target t) throws Exception {
        chunkedOrRejected(t, LENGTH_OF_SIZE_LINE + "Transfer-Encoding:\r\n chunked\r\n", 400);
        chunkedOrRejected(t, LENGTH_OF_SIZE_LINE + "X-A: b\r\n\tTransfer-Encoding: chunked\r\n", 400);
    }

    private static void lookalikes(Target t) throws Exception {
        for (String coding : List.of("identity, chunked", "chunkedx", "chunked-x", "\"chunked\"")) {
            Wire.rejected(t, post(t, "Transfer-Encoding: " + coding + "\r\n", HELLO_CHUNKS + SMUGGLED), 400, 501);
        }
    }

    /** A chunked echo of "hello" with {@code value} as its Transfer-Encoding, and a request right after it. */
    private static void readAsChunked(Target t, String value) throws Exception {
        Wire.Replies r = Wire.untilClose(t, post(t, "Transfer-Encoding: " + value + "\r\n", HELLO_CHUNKS)
                + "GET /status/201 HTTP/1.1\r\n" + Wire.host(t) + "Connection: close\r\n\r\n");
        r.expectComplete();
        Expect.equal("[200, 201]", r.statuses(), "the chunked echo, then the request after its last chunk");
        Expect.equal("hello", r.responses().get(0).body().latin1(), "the echo of the chunked body");
    }

    private static void codingCase(Target t) throws Exception {
        readAsChunked(t, "CHUNKED");
        readAsChunked(t, "Chunked");
    }

    private static void tabOws(Target t) throws Exception {
        readAsChunked(t, "\tchunked\t");
    }

    private static void verticalTab(Target t) throws Exception {
        Wire.rejected(t, post(t, "Transfer-Encoding: \u000bchunked\r\n", HELLO_CHUNKS + SMUGGLED), 400, 501);
    }

    private static void tabBeforeColon(Target t) throws Exception {
        Wire.rejected(t, post(t, LENGTH_OF_SIZE_LINE + "Transfer-Encoding\t: chunked\r\n",
                HELLO_CHUNKS + SMUGGLED), 400);
    }

    private static void emptyThenChunked(Target t) throws Exception {
        chunkedOrRejected(t, LENGTH_OF_SIZE_LINE + "Transfer-Encoding: \r\nTransfer-Encoding: chunked\r\n", 400);
    }

    private static void lengthWithSpellings(Target t) throws Exception {
        chunkedOrRejected(t, LENGTH_OF_SIZE_LINE + "Transfer-Encoding: CHUNKED\r\n", 400);
        chunkedOrRejected(t, "Transfer-Encoding:\tchunked\r\n" + LENGTH_OF_SIZE_LINE, 400, 501);
    }

    private static void lengthInnerSpace(Target t) throws Exception {
        Wire.rejected(t, post(t, "Content-Length: 1 0\r\n", "hello" + SMUGGLED), 400);
    }

    private static void lengthLeadingZeros(Target t) throws Exception {
        Wire.rejectedOrContentLength(t, post(t, "Content-Length: 0005\r\nConnection: close\r\n", "hello"), "hello",
                400);
    }

    private static void chunkBareLf(Target t) throws Exception {
        badChunk(t, "5;a\nhello\r\n0\r\n\r\n", 400);
        badChunk(t, "5\nhello\r\n0\r\n\r\n", 400);
        badChunk(t, "5\r\nhello\n0\r\n\r\n", 400);
    }

    private static void chunkExtensionControl(Target t) throws Exception {
        badChunk(t, "5;a=\0\r\nhello\r\n0\r\n\r\n", 400);
        badChunk(t, "5;a=\u000bb\r\nhello\r\n0\r\n\r\n", 400);
    }
}
