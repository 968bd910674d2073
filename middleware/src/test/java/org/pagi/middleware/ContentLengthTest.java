package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;


import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;

@Timeout(30)
class ContentLengthTest {

    private static Application single(int status, Headers headers, String body) {
        return (scope, receive, send) -> send.send(new HttpResponseStart(status, headers))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8(body))));
    }

    @Test
    void aSingleEventBodyGetsItsLengthInBytes() {
        var res = TestClient.of(ContentLength.create().wrap(single(200, Headers.of("content-type", "text/plain"),
                "héllo"))).get("/").send();
        assertEquals("6", res.header("content-length").orElseThrow());
        assertEquals("héllo", res.text());
        assertEquals("text/plain", res.header("content-type").orElseThrow());
    }

    @Test
    void anExistingLengthOrTransferEncodingIsKept() {
        var res = TestClient.of(ContentLength.create().wrap(single(200, Headers.of("content-length", "2"), "ok")))
                .get("/").send();
        assertEquals(List.of("2"), res.headers().all("content-length"));
        List<Event> seen = new CopyOnWriteArrayList<>();
        Application chunked = single(200, Headers.of("transfer-encoding", "chunked"), "ok");
        TestClient.of(recording(seen, ContentLength.create().wrap(chunked))).get("/").send();
        assertFalse(((HttpResponseStart) seen.get(0)).headers().contains("content-length"));
    }

    @Test
    void bodylessStatusesAndHeadAreLeftAlone() {
        List<Event> seen = new CopyOnWriteArrayList<>();
        TestClient.of(recording(seen, ContentLength.create().wrap(single(204, Headers.empty(), "")))).get("/").send();
        assertFalse(((HttpResponseStart) seen.get(0)).headers().contains("content-length"), "204");
        seen.clear();
        TestClient.of(recording(seen, ContentLength.create().wrap(single(304, Headers.empty(), "")))).get("/").send();
        assertFalse(((HttpResponseStart) seen.get(0)).headers().contains("content-length"), "304");
        seen.clear();
        TestClient.of(recording(seen, ContentLength.create().wrap(single(200, Headers.empty(), "")))).head("/").send();
        assertFalse(((HttpResponseStart) seen.get(0)).headers().contains("content-length"),
                "HEAD: an empty body would claim length 0");
    }

    @Test
    void aStreamPassesThroughEventByEventWithoutALength() {
        List<Event> seen = new CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Void> gate = new java.util.concurrent.CompletableFuture<>();
        Application streaming = (scope, receive, send) -> send.send(new HttpResponseStart(200, Headers.empty()))
                .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8("first"))))
                .thenCompose(v -> gate)
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("last"))));
        try (StreamingResponse res = TestClient.of(recording(seen, ContentLength.create().wrap(streaming)))
                .get("/").stream()) {
            // The first chunk arrives while the application still holds the rest: nothing was buffered.
            assertEquals("first", res.nextChunk(Duration.ofSeconds(5)).orElseThrow().utf8());
            assertFalse(res.headers().contains("content-length"));
            gate.complete(null);
            assertEquals("firstlast", res.readAll().text());
        }
        assertEquals(3, seen.size());
    }

    @Test
    void aStartWithoutABodyIsStillDeliveredWhenTheApplicationEnds() {
        List<Event> seen = new CopyOnWriteArrayList<>();
        HttpResponseStart start = new HttpResponseStart(202, Headers.of("x-a", "1"));
        var res = TestClient.builder(recording(seen, ContentLength.create().wrap((scope, receive, send) ->
                send.send(start)))).raiseAppExceptions(false).build().get("/").send();
        assertEquals(List.of(start), seen);
        assertEquals(202, res.status());
    }

    @Test
    void otherScopesPassThroughUntouched() {
        PassThrough.untouched(ContentLength.create(), PassThrough.Kind.WEBSOCKET, PassThrough.Kind.SSE,
                PassThrough.Kind.LIFESPAN, PassThrough.Kind.HTTP);
    }

    /** Records what the middleware sends to the server. */
    static Application recording(List<Event> seen, Application app) {
        return (scope, receive, send) -> app.call(scope, receive, e -> {
            seen.add(e);
            return send.send(e);
        });
    }
}
