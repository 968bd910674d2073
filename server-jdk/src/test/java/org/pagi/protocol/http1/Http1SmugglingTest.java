package org.pagi.protocol.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.pagi.protocol.http1.Feeds.data;
import static org.pagi.protocol.http1.Feeds.server;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request-smuggling variants: each framing is read exactly one way, the same whatever the split (every case
 * goes through {@link Feeds#server(String)}, which feeds every fragment size and checks they agree).
 */
class Http1SmugglingTest {
    private static final String POST = "POST / HTTP/1.1\r\nHost: x\r\n";
    private static final String CHUNKS = "5\r\nhello\r\n0\r\n\r\n";

    /** Escapes: {@code \t}, {@code \v} (0x0B), {@code \0} and {@code \n} (a bare LF) as written in the table. */
    private static String unescape(String s) {
        return s.replace("\\t", "\t").replace("\\v", "\u000b").replace("\\0", "\0").replace("\\n", "\n")
                .replace("\\r", "\r");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Transfer-Encoding:\\r\\n chunked\\r\\n                      | OBSOLETE_LINE_FOLDING",
        "Transfer-Encoding: identity\\r\\n\\tchunked\\r\\n           | OBSOLETE_LINE_FOLDING",
        "Transfer-Encoding: chunked, identity\\r\\n                   | UNSUPPORTED_TRANSFER_CODING",
        "Transfer-Encoding: identity, chunked\\r\\n                   | UNSUPPORTED_TRANSFER_CODING",
        "Transfer-Encoding: xchunked\\r\\n                            | UNSUPPORTED_TRANSFER_CODING",
        "Transfer-Encoding: chunkedx\\r\\n                            | UNSUPPORTED_TRANSFER_CODING",
        "Transfer-Encoding: \"chunked\"\\r\\n                         | UNSUPPORTED_TRANSFER_CODING",
        "Transfer-Encoding: chunked\\r\\nTransfer-Encoding: chunked\\r\\n | UNSUPPORTED_TRANSFER_CODING",
        "Transfer-Encoding: \\vchunked\\r\\n                          | INVALID_HEADER_VALUE",
        "Transfer-Encoding: chunked\\0\\r\\n                          | INVALID_HEADER_VALUE",
        "Transfer-Encoding : chunked\\r\\n                            | WHITESPACE_BEFORE_COLON",
        "Transfer-Encoding\\t: chunked\\r\\n                          | WHITESPACE_BEFORE_COLON",
        "Transfer-Encoding: chunked\\r\\nContent-Length: 5\\r\\n      | CONTENT_LENGTH_WITH_TRANSFER_ENCODING",
        "Content-Length: 5\\r\\nTransfer-Encoding: CHUNKED\\r\\n      | CONTENT_LENGTH_WITH_TRANSFER_ENCODING",
        "Content-Length: +5\\r\\n                                     | INVALID_CONTENT_LENGTH",
        "Content-Length: -5\\r\\n                                     | INVALID_CONTENT_LENGTH",
        "Content-Length: 1 5\\r\\n                                    | INVALID_CONTENT_LENGTH",
        "Content-Length: 0x5\\r\\n                                    | INVALID_CONTENT_LENGTH",
        "Content-Length: 5, 6\\r\\n                                   | DUPLICATE_CONTENT_LENGTH",
        "Content-Length: 5\\r\\nContent-Length: 6\\r\\n               | DUPLICATE_CONTENT_LENGTH",
    })
    void aFramingHeaderReadTwoWaysIsRefused(String fields, Violation expected) {
        assertEquals(expected, server(POST + unescape(fields) + "\r\n" + CHUNKS).violation());
    }

    @ParameterizedTest
    @ValueSource(strings = {"CHUNKED", "Chunked", "\\tchunked", "chunked\\t", ", chunked", "chunked ,"})
    void chunkedInAnyCaseAndWithOwsIsChunked(String value) {
        Feeds.Outcome o = server(POST + "Transfer-Encoding: " + unescape(value) + "\r\n\r\n" + CHUNKS);
        assertNull(o.failure());
        assertInstanceOf(BodyFraming.Chunked.class, ((Http1Event.Request) o.events().get(0)).framing());
        assertEquals(data("hello"), o.events().get(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0x5\\r\\nhello\\r\\n0\\r\\n\\r\\n           | INVALID_CHUNK_SIZE",
        "+5\\r\\nhello\\r\\n0\\r\\n\\r\\n            | INVALID_CHUNK_SIZE",
        "5 5\\r\\nhello\\r\\n0\\r\\n\\r\\n           | INVALID_CHUNK_SIZE",
        "5\\nhello\\r\\n0\\r\\n\\r\\n                | BARE_LF_IN_CHUNKED_BODY",
        "5;a\\nhello\\r\\n0\\r\\n\\r\\n              | BARE_LF_IN_CHUNKED_BODY",
        "5;a\\r\\nhello\\n0\\r\\n\\r\\n              | BARE_LF_IN_CHUNKED_BODY",
        "5\\r\\nhello\\r\\n0\\n\\r\\n                | BARE_LF_IN_CHUNKED_BODY",
        "5\\r\\nhello\\r\\n0\\r\\nX: y\\n\\r\\n      | BARE_LF_IN_CHUNKED_BODY",
        "5;a=\\0\\r\\nhello\\r\\n0\\r\\n\\r\\n       | INVALID_CHUNK_EXTENSION",
        "5;a=\\vb\\r\\nhello\\r\\n0\\r\\n\\r\\n      | INVALID_CHUNK_EXTENSION",
        "5;a\\rb\\r\\nhello\\r\\n0\\r\\n\\r\\n       | BARE_CR",
        "5\\r\\nhelloXX\\r\\n0\\r\\n\\r\\n           | MISSING_CHUNK_CRLF",
    })
    void aChunkedBodyReadTwoWaysIsRefused(String chunks, Violation expected) {
        assertEquals(expected, server(POST + "Transfer-Encoding: chunked\r\n\r\n" + unescape(chunks)).violation());
    }

    @ParameterizedTest
    @ValueSource(strings = {"5;a\\r\\n", "5 ;a=\"b c\"\\r\\n", "5\\t;a=b\\r\\n", "05\\r\\n"})
    void legalChunkSizeLinesStillParse(String sizeLine) {
        Feeds.Outcome o = server(POST + "Transfer-Encoding: chunked\r\n\r\n" + unescape(sizeLine) + "hello\r\n0\r\n\r\n");
        assertNull(o.failure());
        assertEquals(List.of(data("hello")), o.events().subList(1, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"005", "5 ", " 5"})
    void aContentLengthIsReadAsDecimalDigitsOnly(String value) {
        Feeds.Outcome o = server(POST + "Content-Length: " + value + "\r\n\r\nhello");
        assertNull(o.failure());
        assertEquals(new BodyFraming.Length(5), ((Http1Event.Request) o.events().get(0)).framing());
    }
}
