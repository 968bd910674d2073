package org.pagi.compliance.blackbox;

import java.util.List;
import org.pagi.protocol.http1.ResponseReader;

/**
 * The HTTP/1.1 cases: message syntax and framing (RFC 9112), the rejection rules, smuggling, keep-alive and
 * pipelining, {@code 100-continue}, HEAD, 204 and 304, against the conformance contract.
 */
final class HttpCases {
    private HttpCases() {
    }

    static List<WireCase> all() {
        return List.of(
                WireCase.of(Category.HTTP, "hello", "PAGI conformance contract: GET / answers 'Hello from PAGI!'",
                        HttpCases::hello),
                WireCase.of(Category.HTTP, "missing-host-400", "RFC 9112 section 3.2: a request without Host gets 400",
                        HttpCases::missingHost));
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
}
