package org.pagi.compliance.blackbox;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.pagi.protocol.http1.ResponseReader;

/**
 * The HTTP/1.1 cases on bodies: request bodies by {@code Content-Length} and chunked (with extensions and
 * trailers), bodies that arrive in pieces, the framing of streamed responses, trailers only for
 * {@code TE: trailers}, and {@code Expect: 100-continue} (RFC 9112 sections 6 and 7, RFC 9110 section 10.1.1).
 */
final class HttpBodyCases {
    private static final String STREAM_BODY = "Chunk 1\nChunk 2\nChunk 3\n";
    private static final int MIB = 1024 * 1024;

    private HttpBodyCases() {
    }

    static List<WireCase> all() {
        return List.of(
                WireCase.of(Category.HTTP, "echo-content-length", "RFC 9112 section 6.2: a Content-Length body is "
                        + "read whole (contract: POST /echo echoes it)", HttpBodyCases::echoSmall),
                WireCase.of(Category.HTTP, "echo-put", "PAGI conformance contract: PUT /echo echoes its body too",
                        HttpBodyCases::echoPut),
                WireCase.of(Category.HTTP, "echo-empty", "RFC 9112 section 6.2: Content-Length: 0 is an empty body",
                        HttpBodyCases::echoEmpty),
                WireCase.of(Category.HTTP, "request-without-framing", "RFC 9112 section 6.3 rule 7: a request with "
                        + "neither Content-Length nor Transfer-Encoding has no body", HttpBodyCases::noFraming),
                WireCase.of(Category.HTTP, "echo-1mib", "RFC 9112 section 6.2: a 1 MiB Content-Length body of every "
                        + "byte value is echoed byte for byte", HttpBodyCases::echoLarge),
                WireCase.of(Category.HTTP, "echo-in-pieces", "RFC 9112 section 6: a message may arrive in any number "
                        + "of reads; head and body written in pieces with pauses are one request",
                        HttpBodyCases::echoInPieces),
                WireCase.of(Category.HTTP, "chunked-request", "RFC 9112 section 7.1: a chunked request body is "
                        + "decoded, chunk extensions (7.1.1) ignored", HttpBodyCases::chunkedRequest),
                WireCase.of(Category.HTTP, "chunked-request-trailers", "RFC 9112 section 7.1.2: a chunked body's "
                        + "trailer section is consumed, and the next request on the connection is read after it",
                        HttpBodyCases::chunkedTrailers),
                WireCase.of(Category.HTTP, "chunked-coding-case-insensitive", "RFC 9112 section 7: transfer coding "
                        + "names are case-insensitive ('Chunked')", HttpBodyCases::chunkedMixedCase),
                WireCase.of(Category.HTTP, "chunked-after-tab", "RFC 9110 section 5.5 and RFC 9112 section 5: OWS "
                        + "around a field value may be a tab; 'Transfer-Encoding:\\tchunked' is chunked",
                        HttpBodyCases::chunkedAfterTab)
                        .originOnly("nginx 1.22 answers 501 itself to a tab before 'chunked' (it deviates; the "
                                + "case holds for origin servers)"),
                WireCase.of(Category.HTTP, "echo-response-framing", "RFC 9112 sections 6.1-6.3: a response without a "
                        + "known length is chunked or has a matching Content-Length, never both, and keeps the "
                        + "connection usable", HttpBodyCases::echoFraming),
                WireCase.of(Category.HTTP, "http10-no-chunked-response", "RFC 9112 section 6.1: a server MUST NOT "
                        + "send Transfer-Encoding in a response to an HTTP/1.0 request", HttpBodyCases::http10Echo),
                WireCase.of(Category.HTTP, "stream-chunked", "PAGI spec (www.md, what the server supplies) and RFC "
                        + "9112 section 7: /stream without Content-Length is chunked: the three chunks, no trailer "
                        + "without TE: trailers", HttpBodyCases::stream),
                WireCase.of(Category.HTTP, "stream-trailers", "RFC 9110 section 6.5 and 10.1.4: with 'TE: trailers' "
                        + "the chunked /stream ends with the trailer x-stream-complete: 1",
                        HttpBodyCases::streamTrailers)
                        .originOnly("nginx does not forward response trailers to HTTP/1.1 clients"),
                WireCase.of(Category.HTTP, "stream-http10", "RFC 9112 sections 6.1 and 6.3 rule 8: an HTTP/1.0 "
                        + "client gets the stream unchunked, delimited by the close", HttpBodyCases::streamHttp10),
                WireCase.of(Category.HTTP, "expect-100-continue", "RFC 9110 section 10.1.1: a request with "
                        + "'Expect: 100-continue' whose content is awaited gets 100 (Continue) before the final "
                        + "response", HttpBodyCases::expectContinue),
                WireCase.of(Category.HTTP, "expect-100-final-status", "RFC 9110 section 10.1.1: when the status is "
                        + "known from the head alone, the final response comes without waiting for the content",
                        HttpBodyCases::expectContinueFinal),
                WireCase.of(Category.HTTP, "expect-100-http10-ignored", "RFC 9110 section 10.1.1: a 100-continue "
                        + "expectation in an HTTP/1.0 request MUST be ignored (no 100)",
                        HttpBodyCases::expectContinue10));
    }

    private static void echoSmall(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send(Wire.echo(t, "Hello, echo!")).read("POST");
            Expect.equal(200, r.status(), "status");
            Expect.equal("Hello, echo!", r.body().latin1(), "echo");
            Expect.equal("application/octet-stream", r.headers().first("content-type").orElse(""), "content-type");
        }
    }

    private static void echoPut(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            String request = "PUT /echo HTTP/1.1\r\n" + Wire.host(t) + "Content-Length: 3\r\n\r\nput";
            ResponseReader.Response r = c.send(request).read("PUT");
            Expect.equal(200, r.status(), "status");
            Expect.equal("put", r.body().latin1(), "echo");
        }
    }

    private static void echoEmpty(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send(Wire.echo(t, "") + Wire.get(t, "/")).read("POST");
            Expect.equal(200, r.status(), "status");
            Expect.equal("", r.body().latin1(), "echo of an empty body");
            Expect.equal("Hello from PAGI!", c.read("GET").text(), "the pipelined GET / after it");
        }
    }

    private static void noFraming(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            // If the server waited for a body, the GET below would become it and never be answered.
            ResponseReader.Response r = c.send("POST /echo HTTP/1.1\r\n" + Wire.host(t) + "\r\n" + Wire.get(t, "/"))
                    .read("POST");
            Expect.equal(200, r.status(), "status");
            Expect.equal("", r.body().latin1(), "echo of a request without a body");
            Expect.equal("Hello from PAGI!", c.read("GET").text(), "the pipelined GET / after it");
        }
    }

    private static void echoLarge(Target t) throws Exception {
        byte[] body = new byte[MIB];
        new Random(9112).nextBytes(body);
        for (int i = 0; i < 256; i++) {
            body[i] = (byte) i; // every byte value, whatever the seed gives
        }
        try (HttpConnection c = t.http()) {
            byte[] head = Wire.latin1("POST /echo HTTP/1.1\r\n" + Wire.host(t) + "Content-Length: " + MIB + "\r\n\r\n");
            // Written on another thread while this one reads: the echo fills the socket buffers long before the
            // upload ends, and a client that only read afterwards would deadlock with the server.
            CompletableFuture<Void> upload = writeInBackground(c, head, body);
            ResponseReader.Response r = c.read("POST");
            upload.get(t.timeout().toMillis(), TimeUnit.MILLISECONDS);
            Expect.equal(200, r.status(), "status");
            Expect.equal(MIB, r.body().length(), "echoed length");
            Expect.that(Arrays.equals(body, r.body().toByteArray()), "the echo differs from the upload");
        }
    }

    /** Writes {@code parts} on a virtual thread; the future fails with the write's exception. */
    static CompletableFuture<Void> writeInBackground(HttpConnection c, byte[]... parts) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().name("wire-upload").start(() -> {
            try {
                for (byte[] p : parts) {
                    c.send(p);
                }
                done.complete(null);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private static void echoInPieces(Target t) throws Exception {
        String request = Wire.echo(t, "first|second|third");
        int headEnd = request.indexOf("\r\n\r\n") + 4;
        List<String> pieces = List.of(request.substring(0, 10), request.substring(10, headEnd - 3),
                request.substring(headEnd - 3, headEnd + 6), request.substring(headEnd + 6, headEnd + 13),
                request.substring(headEnd + 13));
        try (HttpConnection c = t.http()) {
            for (String p : pieces) {
                c.send(p);
                Thread.sleep(30);
            }
            ResponseReader.Response r = c.read("POST");
            Expect.equal(200, r.status(), "status");
            Expect.equal("first|second|third", r.body().latin1(), "echo of a request written in 5 pieces");
        }
    }

    private static void chunkedRequest(Target t) throws Exception {
        String body = "7;name=value\r\nHello, \r\n6;flag;q=\"quoted;\\\"ext\"\r\nchunks\r\n1 ; bws=1\r\n!\r\n0\r\n\r\n";
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send("POST /echo HTTP/1.1\r\n" + Wire.host(t)
                    + "Transfer-Encoding: chunked\r\n\r\n" + body + Wire.get(t, "/")).read("POST");
            Expect.equal(200, r.status(), "status");
            Expect.equal("Hello, chunks!", r.body().latin1(), "echo of the decoded chunks");
            Expect.equal("Hello from PAGI!", c.read("GET").text(), "the pipelined GET / after the chunked body");
        }
    }

    private static void chunkedTrailers(Target t) throws Exception {
        String body = "4\r\nwith\r\n9\r\n trailers\r\n0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n";
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send("POST /echo HTTP/1.1\r\n" + Wire.host(t) + "TE: trailers\r\n"
                    + "Trailer: X-Checksum, X-Other\r\nTransfer-Encoding: chunked\r\n\r\n" + body + Wire.get(t, "/"))
                    .read("POST");
            Expect.equal(200, r.status(), "status");
            Expect.equal("with trailers", r.body().latin1(), "echo of the decoded chunks");
            Expect.equal("Hello from PAGI!", c.read("GET").text(), "the pipelined GET / after the trailer section");
        }
    }

    private static void chunkedMixedCase(Target t) throws Exception {
        chunkedEcho(t, "Transfer-Encoding: Chunked\r\n");
    }

    private static void chunkedAfterTab(Target t) throws Exception {
        chunkedEcho(t, "Transfer-Encoding:\tchunked\t\r\n");
    }

    private static void chunkedEcho(Target t, String field) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send("POST /echo HTTP/1.1\r\n" + Wire.host(t) + field + "\r\n"
                    + "5\r\nhello\r\n0\r\n\r\n" + Wire.get(t, "/")).read("POST");
            Expect.equal(200, r.status(), "status");
            Expect.equal("hello", r.body().latin1(), "echo of a chunked body with " + Expect.excerpt(field));
            Expect.equal("Hello from PAGI!", c.read("GET").text(), "the pipelined GET / after the chunked body");
        }
    }

    private static void echoFraming(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send("POST /echo HTTP/1.1\r\n" + Wire.host(t)
                    + "Transfer-Encoding: chunked\r\n\r\n3\r\none\r\n3\r\ntwo\r\n0\r\n\r\n").read("POST");
            Expect.equal("onetwo", r.body().latin1(), "echo");
            checkFraming(r);
            Expect.that(r.keepAlive(), "the echo response closes the connection; a framed response need not");
            Expect.equal("Hello from PAGI!", c.send(Wire.get(t, "/")).read("GET").text(), "GET / after the echo");
        }
    }

    /** RFC 9112 sections 6.1 to 6.3: chunked last, or one Content-Length that counts the body; never both. */
    private static void checkFraming(ResponseReader.Response r) {
        List<String> codings = Wire.transferCodings(r);
        Optional<Long> length = Wire.contentLength(r);
        Expect.that(codings.isEmpty() || length.isEmpty(), "the response has both Transfer-Encoding " + codings
                + " and Content-Length " + length.orElse(0L));
        if (!codings.isEmpty()) {
            Expect.equal("chunked", codings.get(codings.size() - 1), "the last transfer coding");
        }
        length.ifPresent(n -> Expect.equal((long) r.body().length(), n, "Content-Length against the body"));
    }

    private static void http10Echo(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send("POST /echo HTTP/1.0\r\nContent-Length: 6\r\n\r\nten-hi").read("POST");
            Expect.equal(200, r.status(), "status");
            Expect.that(r.headers().all("transfer-encoding").isEmpty(), "Transfer-Encoding "
                    + r.headers().all("transfer-encoding") + " in a response to HTTP/1.0");
            Expect.equal("ten-hi", r.body().latin1(), "echo");
            Wire.contentLength(r).ifPresent(n -> Expect.equal(6L, n, "Content-Length against the body"));
        }
    }

    private static void stream(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send(Wire.get(t, "/stream")).read("GET");
            checkStream(r);
            Expect.that(r.trailers().isEmpty(), "trailers sent to a client that did not ask with TE: trailers: "
                    + r.trailers());
            Expect.equal("Hello from PAGI!", c.send(Wire.get(t, "/")).read("GET").text(), "GET / after the stream");
        }
    }

    private static void streamTrailers(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send("GET /stream HTTP/1.1\r\n" + Wire.host(t) + "TE: trailers\r\n\r\n")
                    .read("GET");
            checkStream(r);
            Expect.equal(List.of("1"), r.trailers().all("x-stream-complete"), "the x-stream-complete trailer");
            Expect.equal("Hello from PAGI!", c.send(Wire.get(t, "/")).read("GET").text(), "GET / after the stream");
        }
    }

    private static void checkStream(ResponseReader.Response r) {
        Expect.equal(200, r.status(), "status");
        Expect.that(r.headers().all("content-length").isEmpty(), "/stream has Content-Length "
                + r.headers().all("content-length"));
        Expect.equal(List.of("chunked"), Wire.transferCodings(r), "transfer codings of /stream");
        Expect.equal(STREAM_BODY, r.body().latin1(), "the body: the three chunks, nothing else");
    }

    private static void streamHttp10(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            c.send("GET /stream HTTP/1.0\r\n\r\n");
            Wire.Replies replies = Wire.untilClose(c);
            replies.expectComplete();
            Expect.equal("[200]", replies.statuses(), "responses before the close");
            ResponseReader.Response r = replies.responses().get(0);
            Expect.that(r.headers().all("transfer-encoding").isEmpty(), "Transfer-Encoding "
                    + r.headers().all("transfer-encoding") + " in a response to HTTP/1.0");
            Expect.equal(STREAM_BODY, r.body().latin1(), "the body");
        }
    }

    private static void expectContinue(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            c.send("POST /echo HTTP/1.1\r\n" + Wire.host(t) + "Content-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            ResponseReader.Response interim;
            try {
                interim = c.read("POST", true);
            } catch (CaseFailed silent) {
                throw new CaseFailed("no 100 (Continue) and no final response to a head with 'Expect: 100-continue' "
                        + "(" + silent.getMessage() + "): the server waits for content the client holds back");
            }
            Expect.equal(100, interim.status(), "the first response to a request waiting for 100-continue");
            ResponseReader.Response r = c.send("hello").read("POST");
            Expect.equal(200, r.status(), "status of the final response");
            Expect.equal("hello", r.body().latin1(), "echo of the body sent after 100 Continue");
        }
    }

    private static void expectContinueFinal(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            // The contract answers POST /nowhere with 404 without reading the body: no content is needed.
            c.send("POST /nowhere HTTP/1.1\r\n" + Wire.host(t) + "Content-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            ResponseReader.Response r = c.read("POST");
            Expect.equal(404, r.status(), "the final status, before any content was sent");
        }
    }

    private static void expectContinue10(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send("POST /echo HTTP/1.0\r\nContent-Length: 5\r\n"
                    + "Expect: 100-continue\r\n\r\nhello").read("POST", true);
            Expect.equal(200, r.status(), "the first response to HTTP/1.0 with Expect: 100-continue");
            Expect.equal("hello", r.body().latin1(), "echo");
        }
    }
}
