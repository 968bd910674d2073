package org.pagi.compliance.blackbox;

import java.util.List;

/**
 * The HTTP/1.1 cases on malformed heads: each request must get one complete error response and then the close,
 * since after a request it could not parse a server cannot know where the next one starts. Where the RFC lets
 * a server repair the input instead (a bare CR or NUL replaced by SP, an obs-fold unfolded), the case accepts
 * the repair too, provided the repaired request is served as the RFC describes and nothing hidden in the bad
 * line takes effect. Framing attacks on bodies are in {@link HttpFramingCases}.
 */
final class HttpRejectionCases {
    private static final int[] CLIENT_ERRORS = java.util.stream.IntStream.rangeClosed(400, 499).toArray();

    private HttpRejectionCases() {
    }

    static List<WireCase> all() {
        return List.of(
                WireCase.of(Category.HTTP, "duplicate-host-400", "RFC 9112 section 3.2: a request with more than "
                        + "one Host field line gets 400", HttpRejectionCases::duplicateHost),
                WireCase.of(Category.HTTP, "invalid-host-400", "RFC 9112 section 3.2: a Host field with an invalid "
                        + "value (uri-host [ \":\" port ], RFC 3986) gets 400", HttpRejectionCases::invalidHost)
                        .originOnly("nginx answers the 400 itself and keeps the connection open, which RFC 9112 "
                                + "allows (a close is required only after framing errors)"),
                WireCase.of(Category.HTTP, "whitespace-before-colon-400", "RFC 9112 section 5.1: a server MUST "
                        + "reject a request with whitespace between a field name and colon with 400",
                        HttpRejectionCases::whitespaceBeforeColon),
                WireCase.of(Category.HTTP, "obs-fold", "RFC 9112 section 5.2: an obs-fold in a request is rejected "
                        + "with 400 or replaced by SP; a folded line is never a field of its own",
                        HttpRejectionCases::obsFold),
                WireCase.of(Category.HTTP, "whitespace-after-start-line", "RFC 9112 section 2.2: a whitespace-"
                        + "preceded line after the start-line is rejected or consumed unprocessed",
                        HttpRejectionCases::whitespaceAfterStartLine),
                WireCase.of(Category.HTTP, "bare-cr-in-field", "RFC 9112 section 2.2: a bare CR makes the element "
                        + "invalid or is replaced by SP; it never ends a line", HttpRejectionCases::bareCrInField),
                WireCase.of(Category.HTTP, "bare-cr-in-request-line", "RFC 9112 sections 2.2 and 3: a bare CR in "
                        + "the request-line is rejected with 400, or read as whitespace",
                        HttpRejectionCases::bareCrInLine),
                WireCase.of(Category.HTTP, "nul-in-field", "RFC 9110 section 5.5: a field value with NUL is "
                        + "rejected, or the NUL replaced by SP", HttpRejectionCases::nulInField),
                WireCase.of(Category.HTTP, "invalid-field-name-400", "RFC 9110 section 5.1 and RFC 9112 section 5: "
                        + "a field name is a token; a field line without one is invalid",
                        HttpRejectionCases::invalidFieldName)
                        .originOnly("nginx drops invalid header lines before forwarding "
                                + "(ignore_invalid_headers), so the origin never sees them"),
                WireCase.of(Category.HTTP, "control-in-target-400", "RFC 9112 sections 3.2 and 3: a control "
                        + "character in the request-target makes the request-line invalid: 400 (or a 301 redirect)",
                        HttpRejectionCases::controlInTarget),
                WireCase.of(Category.HTTP, "space-in-target-400", "RFC 9112 section 3: a request-line with an extra "
                        + "SP in the target is invalid: 400 or 301, never served as either target",
                        HttpRejectionCases::spaceInTarget),
                WireCase.of(Category.HTTP, "lowercase-version-400", "RFC 9112 section 2.3: HTTP-name is "
                        + "case-sensitive 'HTTP'; 'http/1.1' is not a version", HttpRejectionCases::lowercaseVersion),
                WireCase.of(Category.HTTP, "http2-version-505", "RFC 9110 section 15.6.6: HTTP/2.0 in an HTTP/1 "
                        + "request-line is a major version not supported here: 505", HttpRejectionCases::http2),
                WireCase.of(Category.HTTP, "http3-version-505", "RFC 9110 section 15.6.6: HTTP/3.0 is a major "
                        + "version not supported here: 505", HttpRejectionCases::http3),
                WireCase.of(Category.HTTP, "long-request-line-414", "RFC 9112 section 3: a request-target longer "
                        + "than the server parses gets 414 (64 KiB, past every common limit)",
                        HttpRejectionCases::longRequestLine),
                WireCase.of(Category.HTTP, "large-header-section-4xx", "RFC 9110 section 5.4: a field or header "
                        + "section larger than the server processes gets a 4xx (431, RFC 6585 section 5)",
                        HttpRejectionCases::largeHeaderSection),
                WireCase.of(Category.HTTP, "many-fields-4xx", "RFC 9110 section 5.4: more header fields than the "
                        + "server processes (5,000 fields, 60 KB) get a 4xx (431, RFC 6585 section 5)",
                        HttpRejectionCases::manyFields),
                WireCase.of(Category.HTTP, "unreasonable-content-length", "RFC 9110 sections 8.6 and 15.5.14: a "
                        + "Content-Length of 2^62 is refused up front with 413 (or 400), not awaited",
                        HttpRejectionCases::unreasonableLength)
                        .originOnly("nginx answers 413 itself (client_max_body_size) and keeps the connection open"));
    }

    private static void duplicateHost(Target t) throws Exception {
        Wire.rejected(t, "GET / HTTP/1.1\r\n" + Wire.host(t) + "Host: other.invalid\r\n\r\n", 400);
    }

    private static void invalidHost(Target t) throws Exception {
        Wire.rejected(t, "GET / HTTP/1.1\r\nHost: exa mple.com\r\n\r\n", 400);
        Wire.rejected(t, "GET / HTTP/1.1\r\nHost: example.com/path\r\n\r\n", 400);
        Wire.rejected(t, "GET / HTTP/1.1\r\nHost: example.com:80x\r\n\r\n", 400);
    }

    private static void whitespaceBeforeColon(Target t) throws Exception {
        Wire.rejected(t, "GET / HTTP/1.1\r\n" + Wire.host(t) + "X-Name : value\r\n\r\n", 400);
        Wire.rejected(t, "GET / HTTP/1.1\r\n" + Wire.host(t) + "X-Name\t: value\r\n\r\n", 400);
    }

    /** A request whose bad line hides a Transfer-Encoding: either rejected, or echoed by its Content-Length. */
    private static void probe(Target t, String afterRequestLine, String beforeBody) throws Exception {
        String request = "POST /echo HTTP/1.1\r\n" + afterRequestLine + Wire.host(t) + beforeBody
                + "Content-Length: " + Wire.FRAMING_PROBE_BODY.length() + "\r\nConnection: close\r\n\r\n"
                + Wire.FRAMING_PROBE_BODY;
        Wire.rejectedOrContentLength(t, request, Wire.FRAMING_PROBE_BODY, 400);
    }

    private static void obsFold(Target t) throws Exception {
        probe(t, "", "X-Folded: a\r\n Transfer-Encoding: chunked\r\n");
        probe(t, "", "X-Folded: a\r\n\tTransfer-Encoding: chunked\r\n");
    }

    private static void whitespaceAfterStartLine(Target t) throws Exception {
        probe(t, " Transfer-Encoding: chunked\r\n", "");
    }

    private static void bareCrInField(Target t) throws Exception {
        probe(t, "", "X-Field: a\rTransfer-Encoding: chunked\r\n");
    }

    private static void bareCrInLine(Target t) throws Exception {
        Wire.Replies r = Wire.untilClose(t, "GET /status/201\rHTTP/1.1\r\n" + Wire.host(t)
                + "Connection: close\r\n\r\n");
        r.expectComplete();
        Expect.that(r.statuses().equals("[400]") || r.statuses().equals("[201]"), "expected 400, or 201 from "
                + "reading the bare CR as whitespace; got " + r.statuses());
    }

    private static void nulInField(Target t) throws Exception {
        Wire.Replies r = Wire.untilClose(t, "GET / HTTP/1.1\r\n" + Wire.host(t) + "X-Nul: a\0b\r\n"
                + "Connection: close\r\n\r\n");
        r.expectComplete();
        Expect.that(r.statuses().equals("[400]") || r.statuses().equals("[200]"), "expected 400, or 200 with the "
                + "NUL replaced; got " + r.statuses());
    }

    private static void invalidFieldName(Target t) throws Exception {
        Wire.rejected(t, "GET / HTTP/1.1\r\n" + Wire.host(t) + ": no name\r\n\r\n", 400);
        Wire.rejected(t, "GET / HTTP/1.1\r\n" + Wire.host(t) + "no colon at all\r\n\r\n", 400);
        Wire.rejected(t, "GET / HTTP/1.1\r\n" + Wire.host(t) + "X(Bad): value\r\n\r\n", 400);
    }

    private static void controlInTarget(Target t) throws Exception {
        Wire.rejected(t, "GET /a\u0001b HTTP/1.1\r\n" + Wire.host(t) + "\r\n", 400, 301);
        Wire.rejected(t, "GET /a\u007fb HTTP/1.1\r\n" + Wire.host(t) + "\r\n", 400, 301);
        Wire.rejected(t, "GET /a\tb HTTP/1.1\r\n" + Wire.host(t) + "\r\n", 400, 301);
    }

    private static void spaceInTarget(Target t) throws Exception {
        Wire.rejected(t, "GET /status/201 /status/202 HTTP/1.1\r\n" + Wire.host(t) + "\r\n", 400, 301);
    }

    private static void lowercaseVersion(Target t) throws Exception {
        Wire.rejected(t, "GET / http/1.1\r\n" + Wire.host(t) + "\r\n", 400);
    }

    private static void http2(Target t) throws Exception {
        Wire.rejected(t, "GET / HTTP/2.0\r\n" + Wire.host(t) + "\r\n", 505);
    }

    private static void http3(Target t) throws Exception {
        Wire.rejected(t, "GET / HTTP/3.0\r\n" + Wire.host(t) + "\r\n", 505);
    }

    private static void longRequestLine(Target t) throws Exception {
        Wire.rejected(t, "GET /" + "a".repeat(64 * 1024) + " HTTP/1.1\r\n" + Wire.host(t) + "\r\n", 414);
    }

    private static void largeHeaderSection(Target t) throws Exception {
        Wire.rejected(t, "GET / HTTP/1.1\r\n" + Wire.host(t) + "X-Big: " + "b".repeat(64 * 1024) + "\r\n\r\n",
                CLIENT_ERRORS);
    }

    private static void manyFields(Target t) throws Exception {
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            fields.append("X-F").append(i).append(": v\r\n");
        }
        Wire.rejected(t, "GET / HTTP/1.1\r\n" + Wire.host(t) + fields + "\r\n", CLIENT_ERRORS);
    }

    private static void unreasonableLength(Target t) throws Exception {
        Wire.rejected(t, "POST /echo HTTP/1.1\r\n" + Wire.host(t) + "Content-Length: " + (1L << 62) + "\r\n\r\n",
                413, 400);
    }
}
