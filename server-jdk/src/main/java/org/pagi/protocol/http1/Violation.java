package org.pagi.protocol.http1;

/**
 * Every way a peer can break HTTP/1.1 framing that this codec rejects, each with the status a server answers
 * and the rule it breaks. Logs, tests and docs use these names, so they all say the same thing.
 */
public enum Violation {
    REQUEST_LINE_TOO_LONG(414, "RFC 9112 3: request line over the configured limit"),
    MALFORMED_REQUEST_LINE(400, "RFC 9112 3: request-line = method SP request-target SP HTTP-version"),
    MALFORMED_STATUS_LINE(400, "RFC 9112 4: status-line = HTTP-version SP status-code SP [ reason-phrase ]"),
    INVALID_METHOD(400, "RFC 9110 9.1: the method is a token"),
    INVALID_TARGET(400, "RFC 9112 3.2: the request-target is visible ASCII"),
    MALFORMED_VERSION(400, "RFC 9112 2.3: HTTP-version = HTTP/DIGIT.DIGIT"),
    UNSUPPORTED_VERSION(505, "RFC 9110 15.6.6: only HTTP/1.0 and HTTP/1.1 are served here"),
    HEADER_SECTION_TOO_LARGE(431, "RFC 6585 5: header section over the configured size"),
    TOO_MANY_HEADERS(431, "RFC 6585 5: more header fields than the configured count"),
    INVALID_HEADER_NAME(400, "RFC 9110 5.1: a field name is a non-empty token"),
    WHITESPACE_BEFORE_COLON(400, "RFC 9112 5.1: no whitespace is allowed between the field name and colon"),
    INVALID_HEADER_VALUE(400, "RFC 9110 5.5: a field value holds no CR, LF, NUL or other control character"),
    OBSOLETE_LINE_FOLDING(400, "RFC 9112 5.2: obs-fold is rejected"),
    BARE_CR(400, "RFC 9112 2.2: a bare CR is not a line ending"),
    MISSING_HOST(400, "RFC 9112 3.2: an HTTP/1.1 request has a Host header"),
    INVALID_HOST(400, "RFC 9112 3.2: the Host value is uri-host [ \":\" port ] (RFC 3986 3.2.2, 3.2.3)"),
    DUPLICATE_HOST(400, "RFC 9112 3.2: an HTTP/1.1 request has exactly one Host header"),
    INVALID_CONTENT_LENGTH(400, "RFC 9110 8.6: Content-Length = 1*DIGIT"),
    DUPLICATE_CONTENT_LENGTH(400, "RFC 9112 6.3: more than one Content-Length"),
    CONTENT_LENGTH_WITH_TRANSFER_ENCODING(400, "RFC 9112 6.1: Content-Length with Transfer-Encoding (request smuggling)"),
    UNSUPPORTED_TRANSFER_CODING(501, "RFC 9112 6.1: only the chunked transfer coding is supported, and it must come last"),
    TRANSFER_ENCODING_IN_HTTP_1_0(400, "RFC 9112 6.1: Transfer-Encoding in an HTTP/1.0 message is faulty framing"),
    INVALID_CHUNK_SIZE(400, "RFC 9112 7.1: chunk-size = 1*HEXDIG"),
    CHUNK_LINE_TOO_LONG(400, "RFC 9112 7.1.1: chunk-size line with extensions over the configured limit"),
    MISSING_CHUNK_CRLF(400, "RFC 9112 7.1: chunk-data is followed by CRLF"),
    BARE_LF_IN_CHUNKED_BODY(400, "RFC 9112 7.1: the lines of a chunked body end in CRLF; a bare LF there is read "
            + "two ways by parsers that disagree (request smuggling)"),
    INVALID_CHUNK_EXTENSION(400, "RFC 9112 7.1.1: a chunk-ext holds tokens and quoted-strings, no control characters"),
    BODY_TOO_LARGE(413, "RFC 9110 15.5.14: request content over the configured limit"),
    INCOMPLETE_MESSAGE(400, "RFC 9112 8: the connection closed before the message was complete");

    private final int status;
    private final String rule;

    Violation(int status, String rule) {
        this.status = status;
        this.rule = rule;
    }

    /** @return the status a server answers with */
    public int status() {
        return status;
    }

    /** @return the rule, with its RFC section */
    public String rule() {
        return rule;
    }
}
