package org.pagi.testing.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.HttpResponseTrailers;

class WireClientTest {
    /** Answers with its method and path; streams three chunks and a trailer on /stream. */
    private static final Application APP = (scope, receive, send) -> {
        if (!(scope instanceof HttpScope http)) {
            return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        }
        if (http.path().equals("/stream")) {
            return receive.receive()
                    .thenCompose(e -> send.send(new HttpResponseStart(200, Headers.empty(), true)))
                    .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.ascii("a"))))
                    .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.ascii("b"))))
                    .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.empty())))
                    .thenCompose(v -> send.send(new HttpResponseTrailers(Headers.of("x-done", "1"))));
        }
        return receive.receive()
                .thenCompose(e -> send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain"))))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8(http.method() + " " + http.path()))));
    };

    @Test
    void pushesRawBytesThroughTheServersCodec() {
        try (WireClient wire = WireClient.of(APP); WireConnection c = wire.connect()) {
            WireResponse r = c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertEquals(200, r.status());
            assertEquals("GET /hello", r.text());
            assertEquals(List.of("pagi-jdk"), r.headers().all("server"));
            assertEquals(List.of("10"), r.headers().all("content-length"));
        }
    }

    @Test
    void answersPipelinedRequestsInOrder() {
        try (WireClient wire = WireClient.of(APP); WireConnection c = wire.connect()) {
            c.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("GET /1", c.read().text());
            assertEquals("GET /2", c.read().text());
        }
    }

    @Test
    void showsTheExactRejectionOfAMalformedRequest() {
        try (WireClient wire = WireClient.of(APP); WireConnection c = wire.connect()) {
            WireResponse r = c.send("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n").read();
            assertEquals(400, r.status());
            assertEquals(List.of("close"), r.headers().all("connection"));
            assertTrue(c.awaitClosed());
        }
    }

    @Test
    void chunksAStreamedResponseWithItsTrailers() {
        try (WireClient wire = WireClient.of(APP); WireConnection c = wire.connect()) {
            WireResponse r = c.send("GET /stream HTTP/1.1\r\nHost: x\r\nTE: trailers\r\n\r\n").read();
            assertEquals(List.of("chunked"), r.headers().all("transfer-encoding"));
            assertEquals("ab", r.text());
            assertEquals(Headers.of("x-done", "1"), r.trailers());
        }
    }

    @Test
    void writesNoBodyForHead() {
        try (WireClient wire = WireClient.of(APP); WireConnection c = wire.connect()) {
            WireResponse r = c.send("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n").read("HEAD", false);
            assertEquals(Bytes.empty(), r.body());
            assertEquals(List.of("7"), r.headers().all("content-length"));
        }
    }
}
