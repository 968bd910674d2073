package org.pagi.wrappers.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.SseScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseClose;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.wrappers.Blocking;

/**
 * The proxy between a client and a second real server: methods and bodies pass, 50 MiB streams through both ways
 * without being held (proved by the peak of the bytes in flight, not by timing), a chunked response and an SSE
 * stream reach the client piece by piece.
 */
@Timeout(120)
class ProxyStreamingTest {
    private static final long BIG = 50L << 20;
    /** Sockets, the JDK client and the servers' write queues may hold this much between the ends; 50 MiB never. */
    private static final long IN_FLIGHT_BOUND = 16L << 20;

    @Test
    void getPostPutAndHeadReachTheBackendWithPathQueryAndBody() throws Exception {
        AtomicReference<Headers> seen = new AtomicReference<>();
        try (ProxyRig rig = ProxyRig.start(Backends.echo(seen), b -> b)) {
            HttpResponse<String> get = rig.client.send(HttpRequest.newBuilder(rig.url("/items/a%2Fb?q=1%202&r")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, get.statusCode());
            assertEquals("GET /items/a%2Fb?q=1%202&r\n", get.body());
            assertEquals("echo", get.headers().firstValue("x-backend").orElseThrow());

            HttpResponse<String> post = rig.client.send(HttpRequest.newBuilder(rig.url("/form"))
                    .POST(HttpRequest.BodyPublishers.ofString("name=ada")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("POST /form\nname=ada", post.body());
            assertEquals("8", seen.get().first("content-length").orElseThrow());

            HttpResponse<String> put = rig.client.send(HttpRequest.newBuilder(rig.url("/doc/7"))
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> Backends.pattern(3))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
            assertEquals("PUT /doc/7\n" + new String(Backends.pattern(3).readAllBytes(), StandardCharsets.ISO_8859_1),
                    put.body());
            assertTrue(seen.get().first("transfer-encoding").orElse("").contains("chunked"),
                    "a chunked request body stays chunked: " + seen.get());

            HttpResponse<String> head = rig.client.send(HttpRequest.newBuilder(rig.url("/items"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, head.statusCode());
            assertEquals("", head.body());
        }
    }

    @Test
    void aFiftyMebibyteRequestBodyStreamsToTheBackendWithoutBeingHeld() throws Exception {
        InFlight ahead = new InFlight(); // taken from receive by the proxy, not yet read by the backend
        Application backend = Backends.http((scope, receive, send) -> {
            CRC32 crc = new CRC32();
            long got = 0;
            boolean paused = false;
            while (true) {
                Event e = Blocking.await(receive.receive());
                if (!(e instanceof org.pagi.spec.event.HttpRequest r)) {
                    return;
                }
                crc.update(r.body().asReadOnlyBuffer());
                got += r.body().length();
                ahead.consumed(r.body().length());
                if (!paused && got >= 1 << 20) {
                    paused = true;
                    ahead.giveTheProxyAChanceToRunAhead();
                }
                if (!r.more()) {
                    break;
                }
            }
            Blocking.await(send.send(new HttpResponseStart(200, Headers.empty())));
            Blocking.await(send.send(HttpResponseBody.last(Bytes.ascii(got + " " + crc.getValue()))));
        });
        try (ProxyRig rig = ProxyRig.start(backend, b -> b.maxRequestBody(BIG), proxy -> (scope, receive, send) ->
                proxy.call(scope, () -> receive.receive().thenApply(e -> {
                    if (e instanceof org.pagi.spec.event.HttpRequest r) {
                        ahead.produced(r.body().length());
                    }
                    return e;
                }), send))) {
            HttpResponse<String> response = rig.client.send(HttpRequest.newBuilder(rig.url("/upload"))
                    .POST(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> Backends.pattern(BIG)), BIG)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(BIG + " " + Backends.patternCrc(BIG), response.body());
            System.out.println("proxy request body: peak bytes ahead of the backend " + ahead.peak());
            assertTrue(ahead.peak() < IN_FLIGHT_BOUND, "the proxy ran " + ahead.peak() + " bytes ahead of the backend");
        }
    }

    @Test
    void aFiftyMebibyteResponseStreamsToTheClientWithoutBeingHeld() throws Exception {
        InFlight ahead = new InFlight(); // sent by the backend, not yet read by the client
        AtomicInteger pendingSends = new AtomicInteger();
        AtomicInteger peakPendingSends = new AtomicInteger();
        Application backend = Backends.http((scope, receive, send) -> {
            Blocking.await(send.send(new HttpResponseStart(200, Headers.of("content-type", "application/octet-stream"))));
            byte[] piece = new byte[64 * 1024];
            for (long at = 0; at < BIG; at += piece.length) {
                Backends.fill(piece, piece.length, at);
                Blocking.await(send.send(HttpResponseBody.chunk(Bytes.of(piece))));
                ahead.produced(piece.length);
            }
            Blocking.await(send.send(HttpResponseBody.last(Bytes.empty())));
        });
        // In front of the proxy: how many of its sends the server has not taken yet (demand tied to send: <= 1).
        try (ProxyRig rig = ProxyRig.start(backend, b -> b, proxy -> (scope, receive, send) ->
                proxy.call(scope, receive, event -> {
                    peakPendingSends.accumulateAndGet(pendingSends.incrementAndGet(), Math::max);
                    return send.send(event).whenComplete((v, e) -> pendingSends.decrementAndGet());
                }))) {
            HttpResponse<InputStream> response = rig.client.send(HttpRequest.newBuilder(rig.url("/download")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            CRC32 crc = new CRC32();
            long read = 0;
            boolean paused = false;
            try (InputStream in = response.body()) {
                byte[] buf = new byte[16 * 1024];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    crc.update(buf, 0, n);
                    read += n;
                    ahead.consumed(n);
                    if (!paused && read >= 1 << 20) {
                        paused = true;
                        ahead.giveTheProxyAChanceToRunAhead();
                    }
                }
            }
            assertEquals(BIG, read);
            assertEquals(Backends.patternCrc(BIG), crc.getValue());
            System.out.println("proxy response body: peak bytes ahead of the client " + ahead.peak()
                    + ", peak sends waiting " + peakPendingSends.get());
            assertTrue(ahead.peak() < IN_FLIGHT_BOUND, "the backend got " + ahead.peak() + " bytes ahead of the client");
            assertEquals(1, peakPendingSends.get(), "the proxy sent again before the server took its last piece");
        }
    }

    /**
     * Bytes one end produced that the other has not consumed yet, with the peak. Where the consumer pauses, it
     * gives the proxy a chance to run ahead: it waits until the bound is passed, or two seconds if it never is.
     * The wait does not synchronise anything; it only leaves a buffering proxy time to show itself.
     */
    private static final class InFlight {
        private final AtomicLong ahead = new AtomicLong();
        private final AtomicLong peak = new AtomicLong();
        private final CompletableFuture<Void> overBound = new CompletableFuture<>();

        void produced(long n) {
            long now = ahead.addAndGet(n);
            peak.accumulateAndGet(now, Math::max);
            if (now >= IN_FLIGHT_BOUND) {
                overBound.complete(null);
            }
        }

        void consumed(long n) {
            ahead.addAndGet(-n);
        }

        long peak() {
            return peak.get();
        }

        void giveTheProxyAChanceToRunAhead() throws InterruptedException, ExecutionException {
            try {
                overBound.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // the proxy stayed within the bound: carry on
            }
        }
    }

    @Test
    void aChunkedResponseReachesTheClientChunkByChunk() throws Exception {
        CountDownLatch clientHasFirst = new CountDownLatch(1);
        CompletableFuture<Boolean> secondWaitedForTheClient = new CompletableFuture<>();
        Application backend = Backends.http((scope, receive, send) -> {
            Blocking.await(send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain"))));
            Blocking.await(send.send(HttpResponseBody.chunk(Bytes.ascii("first;"))));
            // Chunk 2 only once the client read chunk 1: a proxy that buffered would never deliver chunk 1 in time.
            secondWaitedForTheClient.complete(clientHasFirst.await(20, TimeUnit.SECONDS));
            Blocking.await(send.send(HttpResponseBody.last(Bytes.ascii("second"))));
        });
        try (ProxyRig rig = ProxyRig.start(backend, b -> b)) {
            HttpResponse<InputStream> response = rig.client.send(HttpRequest.newBuilder(rig.url("/chunks")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                assertEquals("first;", new String(in.readNBytes(6), StandardCharsets.US_ASCII));
                clientHasFirst.countDown();
                assertEquals("second", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            }
            assertTrue(secondWaitedForTheClient.get(5, TimeUnit.SECONDS), "chunk 1 was held back by the proxy");
        }
    }

    @Test
    void anSseStreamPassesThroughEventByEvent() throws Exception {
        CountDownLatch clientHasFirst = new CountDownLatch(1);
        CompletableFuture<Boolean> secondWaitedForTheClient = new CompletableFuture<>();
        Application sse = Blocking.app((scope, receive, send) -> {
            Blocking.await(send.send(new SseStart()));
            Blocking.await(send.send(SseSend.event("tick", "one").withId("1")));
            secondWaitedForTheClient.complete(clientHasFirst.await(20, TimeUnit.SECONDS));
            Blocking.await(send.send(SseSend.event("tick", "two").withId("2")));
            Blocking.await(send.send(new SseClose()));
        });
        Application backend = (scope, receive, send) -> scope instanceof SseScope
                ? sse.call(scope, receive, send)
                : java.util.concurrent.CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        try (ProxyRig rig = ProxyRig.start(backend, b -> b)) {
            HttpResponse<InputStream> response = rig.client.send(HttpRequest.newBuilder(rig.url("/feed"))
                    .header("accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                assertEquals(List.of("event: tick", "data: one", "id: 1"), block(lines));
                clientHasFirst.countDown();
                assertEquals(List.of("event: tick", "data: two", "id: 2"), block(lines));
            }
            assertTrue(secondWaitedForTheClient.get(5, TimeUnit.SECONDS), "event 1 was held back by the proxy");
        }
    }

    private static List<String> block(BufferedReader lines) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line = lines.readLine(); line != null && !line.isEmpty(); line = lines.readLine()) {
            out.add(line);
        }
        return out;
    }
}
