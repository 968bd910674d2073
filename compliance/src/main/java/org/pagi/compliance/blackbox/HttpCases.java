package org.pagi.compliance.blackbox;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.pagi.protocol.http1.ResponseReader;

/**
 * The HTTP/1.1 cases on messages and connections: the contract's routes, HEAD, 204 and 304, {@code Date},
 * keep-alive, HTTP/1.0, {@code Connection: close} and pipelining (RFC 9112, RFC 9110). Bodies are in
 * {@link HttpBodyCases}, rejections in {@link HttpRejectionCases}, framing attacks in {@link HttpFramingCases}.
 */
final class HttpCases {
    /** RFC 9110 section 5.6.7: IMF-fixdate, the only form a sender generates. */
    private static final Pattern IMF_FIXDATE = Pattern.compile(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} "
                    + "[0-9]{2}:[0-9]{2}:[0-9]{2} GMT");
    /** Final statuses of every class, with the odd ones (205 carries no content, 418 and 599 are unusual). */
    private static final List<Integer> STATUSES =
            List.of(200, 201, 202, 203, 205, 301, 302, 307, 400, 401, 403, 405, 410, 418, 429, 500, 502, 503, 599);

    private HttpCases() {
    }

    static List<WireCase> all() {
        return List.of(
                WireCase.of(Category.HTTP, "hello", "PAGI conformance contract: GET / answers 'Hello from PAGI!'",
                        HttpCases::hello),
                WireCase.of(Category.HTTP, "missing-host-400", "RFC 9112 section 3.2: a request without Host gets 400",
                        HttpCases::missingHost),
                WireCase.of(Category.HTTP, "not-found-404", "PAGI conformance contract: any other path answers 404 "
                        + "text/plain 'Not Found'", HttpCases::notFound),
                WireCase.of(Category.HTTP, "status-codes", "RFC 9110 section 15: the status the application sends "
                        + "is the status on the wire; /status/NNN has an empty body", HttpCases::statusCodes),
                WireCase.of(Category.HTTP, "head-no-body", "RFC 9110 section 9.3.2 and RFC 9112 section 6.3: a "
                        + "response to HEAD has GET's header fields and ends with its header section", HttpCases::head),
                WireCase.of(Category.HTTP, "204-no-body-no-framing", "RFC 9110 sections 8.6 and 6.4.1, RFC 9112 "
                        + "section 6.1: a 204 has no content, no Content-Length and no Transfer-Encoding",
                        HttpCases::noContent),
                WireCase.of(Category.HTTP, "304-no-body", "RFC 9110 section 15.4.5: a 304 ends with its header "
                        + "section; no content, no chunked framing", HttpCases::notModified),
                WireCase.of(Category.HTTP, "date-header", "RFC 9110 section 6.6.1: an origin server with a clock "
                        + "sends Date, as IMF-fixdate (section 5.6.7), in every 2xx, 3xx and 4xx response",
                        HttpCases::date),
                WireCase.of(Category.HTTP, "keep-alive", "RFC 9112 section 9.3: HTTP/1.1 connections persist; a "
                        + "second request on the same connection is answered", HttpCases::keepAlive),
                WireCase.of(Category.HTTP, "http10-closes-by-default", "RFC 9112 section 9.3: an HTTP/1.0 request "
                        + "without keep-alive gets its response and then the close", HttpCases::http10Closes),
                WireCase.of(Category.HTTP, "http10-keep-alive", "RFC 9112 section 9.3 and PAGI spec (www.md, what "
                        + "the server supplies): HTTP/1.0 with Connection: keep-alive gets connection: keep-alive "
                        + "on a response with content-length, and the connection persists", HttpCases::http10KeepAlive),
                WireCase.of(Category.HTTP, "connection-close", "RFC 9112 section 9.6: after 'Connection: close' the "
                        + "server answers, processes no further request and closes", HttpCases::connectionClose),
                WireCase.of(Category.HTTP, "pipelining", "RFC 9112 section 9.3.2: pipelined requests are answered "
                        + "in the order they were received", HttpCases::pipelining),
                WireCase.of(Category.HTTP, "leading-empty-line", "RFC 9112 section 2.2: a server SHOULD ignore at "
                        + "least one empty line (CRLF) before the request-line", HttpCases::leadingEmptyLine),
                WireCase.of(Category.HTTP, "absolute-form", "RFC 9112 section 3.2.2: a server MUST accept the "
                        + "absolute-form of request-target, and use its authority rather than Host",
                        HttpCases::absoluteForm),
                WireCase.of(Category.HTTP, "method-case-sensitive", "RFC 9110 section 9.1: the method token is "
                        + "case-sensitive; 'get' is not GET", HttpCases::methodCaseSensitive)
                        .originOnly("nginx answers 400 itself to a lowercase method"),
                WireCase.of(Category.HTTP, "minor-version-1-2", "RFC 9110 section 2.5: a higher minor version of "
                        + "a major version it implements SHOULD be processed as the highest it supports (HTTP/1.2 "
                        + "as HTTP/1.1)", HttpCases::higherMinorVersion));
    }

    private static void hello(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send("GET / HTTP/1.1\r\nHost: " + t.authority() + "\r\n\r\n").read("GET");
            Expect.equal(200, r.status(), "status");
            Expect.equal("Hello from PAGI!", r.text(), "body");
            Expect.equal("text/plain", r.headers().first("content-type").orElse(""), "content-type");
        }
    }

    private static void missingHost(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send("GET / HTTP/1.1\r\n\r\n").read("GET");
            Expect.equal(400, r.status(), "status");
            Expect.that(c.closedByServer(), "the connection stays open after a 400 for a malformed request");
        }
    }

    private static void notFound(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send(Wire.get(t, "/no/such/path")).read("GET");
            Expect.equal(404, r.status(), "status");
            Expect.equal("Not Found", r.text(), "body");
            Expect.equal("text/plain", r.headers().first("content-type").orElse(""), "content-type");
        }
    }

    private static void statusCodes(Target t) throws Exception {
        HttpConnection c = t.http();
        try {
            for (int status : STATUSES) {
                ResponseReader.Response r = c.send(Wire.get(t, "/status/" + status)).read("GET");
                Expect.equal(status, r.status(), "status of GET /status/" + status);
                Expect.equal("", r.body().latin1(), "body of GET /status/" + status);
                if (!r.keepAlive()) {
                    c.close(); // the server may close after an error status; the next code gets a new connection
                    c = t.http();
                }
            }
        } finally {
            c.close();
        }
    }

    private static void head(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send("HEAD / HTTP/1.1\r\n" + Wire.host(t) + "\r\n").read("HEAD");
            Expect.equal(200, r.status(), "status of HEAD /");
            Expect.equal("text/plain", r.headers().first("content-type").orElse(""), "content-type of HEAD /");
            Wire.contentLength(r).ifPresent(n -> Expect.equal(16L, n, "content-length of HEAD / (that of GET /)"));
            ResponseReader.Response s = c.send("HEAD /stream HTTP/1.1\r\n" + Wire.host(t) + "\r\n").read("HEAD");
            Expect.equal(200, s.status(), "status of HEAD /stream");
            // Any body bytes after either head would now be read as the start of this response and break it.
            ResponseReader.Response g = c.send(Wire.get(t, "/")).read("GET");
            Expect.equal("Hello from PAGI!", g.text(), "GET / after two HEADs on the same connection");
        }
    }

    private static void noContent(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send(Wire.get(t, "/status/204") + Wire.get(t, "/")).read("GET");
            Expect.equal(204, r.status(), "status");
            Expect.that(r.headers().all("content-length").isEmpty(), "a 204 carries Content-Length: "
                    + r.headers().all("content-length"));
            Expect.that(r.headers().all("transfer-encoding").isEmpty(), "a 204 carries Transfer-Encoding: "
                    + r.headers().all("transfer-encoding"));
            ResponseReader.Response next = c.read("GET");
            Expect.equal("Hello from PAGI!", next.text(), "the pipelined GET / after the 204 (no stray body bytes)");
        }
    }

    private static void notModified(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send(Wire.get(t, "/status/304") + Wire.get(t, "/")).read("GET");
            Expect.equal(304, r.status(), "status");
            Expect.that(r.headers().all("transfer-encoding").isEmpty(), "a 304 carries Transfer-Encoding: "
                    + r.headers().all("transfer-encoding"));
            ResponseReader.Response next = c.read("GET");
            Expect.equal("Hello from PAGI!", next.text(), "the pipelined GET / after the 304 (no stray body bytes)");
        }
    }

    private static void date(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            for (String path : List.of("/", "/status/201", "/status/301", "/no/such/path")) {
                checkDate(c.send(Wire.get(t, path)).read("GET"), "GET " + path);
            }
        }
        try (HttpConnection c = t.http()) {
            checkDate(c.send("GET / HTTP/1.1\r\n\r\n").read("GET"), "the server's own 400 for a missing Host");
        }
    }

    private static void checkDate(ResponseReader.Response r, String what) {
        List<String> dates = r.headers().all("date");
        Expect.equal(1, dates.size(), "Date fields in the " + r.status() + " response to " + what);
        String value = dates.get(0);
        Expect.that(IMF_FIXDATE.matcher(value).matches(), "Date of " + what + " is not IMF-fixdate: "
                + Expect.excerpt(value));
        try {
            ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new CaseFailed("Date of " + what + " is not a real date: " + Expect.excerpt(value));
        }
    }

    private static void keepAlive(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response first = c.send(Wire.get(t, "/")).read("GET");
            Expect.equal(200, first.status(), "first status");
            Expect.that(first.keepAlive(), "the first response closes the connection: "
                    + first.headers().all("connection"));
            ResponseReader.Response second = c.send(Wire.get(t, "/status/201")).read("GET");
            Expect.equal(201, second.status(), "status of the second request on the same connection");
        }
    }

    private static void http10Closes(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send("GET / HTTP/1.0\r\n\r\n").read("GET");
            Expect.equal(200, r.status(), "status");
            Expect.equal("Hello from PAGI!", r.text(), "body");
            Expect.that(r.headers().all("transfer-encoding").isEmpty(), "chunked sent to an HTTP/1.0 client");
            Expect.that(c.closedByServer(), "the connection stays open after an HTTP/1.0 response without keep-alive");
        }
    }

    private static void http10KeepAlive(Target t) throws Exception {
        String request = "GET %s HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
        try (HttpConnection c = t.http()) {
            ResponseReader.Response first = c.send(request.formatted("/")).read("GET");
            Expect.equal(200, first.status(), "status");
            Expect.that(first.headers().all("connection").stream().anyMatch(v -> v.toLowerCase(Locale.ROOT)
                    .contains("keep-alive")), "the response has no 'Connection: keep-alive': "
                    + first.headers().all("connection"));
            ResponseReader.Response second = c.send(request.formatted("/status/201")).read("GET");
            Expect.equal(201, second.status(), "status of the second HTTP/1.0 request on the same connection");
        }
    }

    private static void connectionClose(Target t) throws Exception {
        String first = "GET / HTTP/1.1\r\n" + Wire.host(t) + "Connection: close\r\n\r\n";
        Wire.Replies r = Wire.untilClose(t, first + Wire.get(t, "/status/201"));
        r.expectComplete();
        Expect.equal("[200]", r.statuses(), "responses before the close (the pipelined request after "
                + "'Connection: close' must not be processed)");
        Expect.equal("Hello from PAGI!", r.responses().get(0).text(), "body");
    }

    private static void pipelining(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            c.send(Wire.get(t, "/status/201") + Wire.get(t, "/") + Wire.get(t, "/status/202"));
            Expect.equal(201, c.read("GET").status(), "status of the first response");
            ResponseReader.Response second = c.read("GET");
            Expect.equal(200, second.status(), "status of the second response");
            Expect.equal("Hello from PAGI!", second.text(), "body of the second response");
            Expect.equal(202, c.read("GET").status(), "status of the third response");
        }
    }

    private static void leadingEmptyLine(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send("\r\n" + Wire.get(t, "/")).read("GET");
            Expect.equal(200, r.status(), "status");
            Expect.equal("Hello from PAGI!", r.text(), "body");
        }
    }

    private static void absoluteForm(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            // The Host field names another host: an origin server uses the target's authority instead.
            ResponseReader.Response r = c.send("GET http://" + t.authority() + "/status/203 HTTP/1.1\r\n"
                    + "Host: elsewhere.invalid\r\n\r\n").read("GET");
            Expect.equal(203, r.status(), "status of GET http://" + t.authority() + "/status/203");
        }
    }

    private static void methodCaseSensitive(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send("get / HTTP/1.1\r\n" + Wire.host(t) + "\r\n").read("GET");
            Expect.that(r.status() == 404 || r.status() == 405 || r.status() == 501,
                    "'get /' was answered " + r.status() + " " + Expect.excerpt(r.text())
                            + "; expected 404 (the contract's other request), 405 or 501");
        }
    }

    private static void higherMinorVersion(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send("GET / HTTP/1.2\r\n" + Wire.host(t) + "\r\n").read("GET");
            Expect.equal(200, r.status(), "status of an HTTP/1.2 request");
            Expect.equal("Hello from PAGI!", r.text(), "body");
        }
    }
}
