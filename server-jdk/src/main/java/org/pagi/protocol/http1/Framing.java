package org.pagi.protocol.http1;

import java.util.List;
import java.util.Locale;
import org.pagi.spec.Headers;

/** How a message's body is delimited, and the header rules that decide it (RFC 9112 sections 6 and 9.3). */
final class Framing {
    private Framing() {
    }

    static BodyFraming of(Http1Parser.Role role, String version, Headers headers, int status, String requestMethod)
            throws ProtocolException {
        List<String> te = headers.all("transfer-encoding");
        List<String> cl = headers.all("content-length");
        if (role == Http1Parser.Role.CLIENT
                && (status < 200 || status == 204 || status == 304 || requestMethod.equals("HEAD"))) {
            return new BodyFraming.None(); // RFC 9112 6.3 rules 1 and 2
        }
        if (!te.isEmpty()) {
            if (role == Http1Parser.Role.SERVER && version.equals("1.0")) {
                throw new ProtocolException(Violation.TRANSFER_ENCODING_IN_HTTP_1_0, "Transfer-Encoding in an HTTP/1.0 request");
            }
            if (!cl.isEmpty()) {
                // Rejecting outright is the only answer that cannot be smuggled through a proxy that disagrees.
                throw new ProtocolException(Violation.CONTENT_LENGTH_WITH_TRANSFER_ENCODING,
                        "both Content-Length and Transfer-Encoding are present");
            }
            List<String> codings = te.stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                    .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
            boolean chunkedLast = !codings.isEmpty() && codings.get(codings.size() - 1).equals("chunked");
            if (role == Http1Parser.Role.CLIENT && !chunkedLast) {
                return new BodyFraming.UntilClose();
            }
            if (codings.size() != 1 || !chunkedLast) {
                throw new ProtocolException(Violation.UNSUPPORTED_TRANSFER_CODING,
                        "transfer codings " + codings.size() + ", chunked last: " + chunkedLast);
            }
            return new BodyFraming.Chunked();
        }
        if (!cl.isEmpty()) {
            if (cl.size() > 1) {
                throw new ProtocolException(Violation.DUPLICATE_CONTENT_LENGTH, cl.size() + " Content-Length fields");
            }
            return new BodyFraming.Length(contentLength(cl.get(0)));
        }
        return role == Http1Parser.Role.SERVER ? new BodyFraming.None() : new BodyFraming.UntilClose();
    }

    /** Content-Length = 1*DIGIT: no sign, no list, no whitespace inside, at most 18 digits (fits a long). */
    static long contentLength(String value) throws ProtocolException {
        if (value.isEmpty() || value.length() > 18) {
            throw new ProtocolException(value.contains(",") ? Violation.DUPLICATE_CONTENT_LENGTH : Violation.INVALID_CONTENT_LENGTH,
                    value.isEmpty() ? "empty Content-Length" : "Content-Length has " + value.length() + " characters");
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new ProtocolException(c == ',' ? Violation.DUPLICATE_CONTENT_LENGTH : Violation.INVALID_CONTENT_LENGTH,
                        "Content-Length has " + Lines.hex((byte) c) + " at offset " + i);
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** RFC 9112 section 9.3: HTTP/1.1 persists unless "close"; HTTP/1.0 only with "keep-alive". */
    static boolean keepAlive(String version, Headers headers) {
        boolean close = false;
        boolean keep = false;
        for (String v : headers.all("connection")) {
            for (String token : v.split(",")) {
                String t = token.trim();
                close |= t.equalsIgnoreCase("close");
                keep |= t.equalsIgnoreCase("keep-alive");
            }
        }
        return !close && (version.equals("1.1") || keep);
    }

    /** RFC 9112 section 3.2: an HTTP/1.1 request carries exactly one Host. */
    static void checkHost(String version, Headers headers) throws ProtocolException {
        int hosts = headers.all("host").size();
        if (hosts > 1) {
            throw new ProtocolException(Violation.DUPLICATE_HOST, hosts + " Host fields");
        }
        if (hosts == 0 && version.equals("1.1")) {
            throw new ProtocolException(Violation.MISSING_HOST, "HTTP/1.1 request without Host");
        }
        if (hosts == 1 && !HostValue.isValid(headers.first("host").orElse(""))) {
            throw new ProtocolException(Violation.INVALID_HOST, "the Host value is not uri-host [ \":\" port ]");
        }
    }
}
