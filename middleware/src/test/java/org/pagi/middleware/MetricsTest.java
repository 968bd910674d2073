package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.WebSocketSession;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;

@Timeout(30)
class MetricsTest {

    private static Application hello() {
        return (scope, receive, send) -> Response.text("hello").respond(scope, send);
    }

    /** A router whose routes are all tagged, behind the metrics middleware. */
    private static Application routed(Metrics metrics) {
        Router router = Router.builder().group("/", List.of(metrics.routeTag()), r -> r
                .get("/users/{id}", hello())
                .post("/users", (scope, receive, send) -> Response.text("made").withStatus(201).respond(scope, send))
                .get("/boom", (scope, receive, send) -> {
                    throw new IllegalStateException("boom");
                })).build();
        return metrics.wrap(router);
    }

    @Test
    void requestsAreCountedByMethodRouteTemplateAndStatusClass() {
        Metrics metrics = Metrics.builder().build();
        TestClient client = TestClient.of(routed(metrics));
        assertEquals(200, client.get("/users/1").send().status());
        assertEquals(200, client.get("/users/2").send().status());
        assertEquals(201, client.post("/users").text("x").send().status());
        assertEquals(404, client.get("/nowhere").send().status());
        String text = metrics.scrape();
        assertTrue(text.contains("http_requests_total{method=\"GET\",route=\"/users/{id}\",status=\"2xx\"} 2\n"), text);
        assertTrue(text.contains("http_requests_total{method=\"POST\",route=\"/users\",status=\"2xx\"} 1\n"), text);
        assertTrue(text.contains("http_requests_total{method=\"GET\",route=\"<unmatched>\",status=\"4xx\"} 1\n"),
                text);
        assertTrue(text.contains("# TYPE http_requests_total counter\n"), text);
        assertTrue(text.contains("# TYPE http_request_duration_seconds histogram\n"), text);
        assertTrue(text.contains("http_requests_in_flight 0\n"), text);
        assertFalse(text.contains("/users/1"), "the path never becomes a label");
    }

    @Test
    void aFailingHandlerIsCountedAsA5xx() {
        Metrics metrics = Metrics.builder().statusCodes(true).build();
        TestResponse res = TestClient.builder(routed(metrics)).raiseAppExceptions(false).build().get("/boom").send();
        assertEquals(500, res.status());
        assertTrue(metrics.scrape().contains(
                "http_requests_total{method=\"GET\",route=\"/boom\",status=\"500\"} 1\n"), metrics.scrape());
    }

    @Test
    void tenThousandRandomPathsAndMethodsCreateABoundedNumberOfSeries() {
        Metrics metrics = Metrics.builder().build();
        TestClient client = TestClient.of(routed(metrics));
        Random random = new Random(9);
        for (int i = 0; i < 10_000; i++) {
            String path = "/" + Long.toHexString(random.nextLong()) + "/" + random.nextInt();
            String method = i % 3 == 0 ? "X" + random.nextInt(1000) : (i % 3 == 1 ? "GET" : "PROPFIND");
            client.request(method, path).send();
        }
        // 3 labelled families (count, duration, bytes) x (GET and other, unmatched, 4xx), plus 3 gauges
        assertEquals(3 * 2 + 3, metrics.seriesCount(), metrics.scrape());
        assertTrue(metrics.scrape().contains(
                "http_requests_total{method=\"other\",route=\"<unmatched>\",status=\"4xx\"} 6667\n"));
    }

    @Test
    void theDurationGoesIntoTheDefaultBucketsWithItsSum() {
        AtomicLong now = new AtomicLong();
        Metrics metrics = Metrics.builder().nanoClock(now::get).build();
        TestClient.of(metrics.wrap((scope, receive, send) -> {
            now.addAndGet(30_000_000);
            return Response.text("x").respond(scope, send);
        })).get("/").send();
        String text = metrics.scrape();
        String labels = "method=\"GET\",route=\"<unmatched>\"";
        assertTrue(text.contains("http_request_duration_seconds_bucket{" + labels + ",le=\"0.025\"} 0\n"), text);
        assertTrue(text.contains("http_request_duration_seconds_bucket{" + labels + ",le=\"0.05\"} 1\n"), text);
        assertTrue(text.contains("http_request_duration_seconds_bucket{" + labels + ",le=\"10\"} 1\n"), text);
        assertTrue(text.contains("http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 1\n"), text);
        assertTrue(text.contains("http_request_duration_seconds_sum{" + labels + "} 0.03\n"), text);
        assertTrue(text.contains("http_request_duration_seconds_count{" + labels + "} 1\n"), text);
        assertEquals(11, Metrics.DEFAULT_BUCKETS.length);
    }

    @Test
    void bucketsAndStatusCodesAreOptions() {
        AtomicLong now = new AtomicLong();
        Metrics metrics = Metrics.builder().buckets(0.5, 2).statusCodes(true).nanoClock(now::get).build();
        TestClient.of(metrics.wrap((scope, receive, send) -> {
            now.addAndGet(1_000_000_000);
            return Response.text("gone").withStatus(410).respond(scope, send);
        })).delete("/x").send();
        String text = metrics.scrape();
        assertTrue(text.contains("status=\"410\"} 1\n"), text);
        assertTrue(text.contains("le=\"0.5\"} 0\n") && text.contains("le=\"2\"} 1\n"), text);
        assertFalse(text.contains("le=\"0.005\""), text);
        for (double[] bad : new double[][] {{}, {1, 1}, {-1}, {Double.POSITIVE_INFINITY}, {Double.NaN}}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Metrics.builder().buckets(bad))
                    .getMessage().startsWith("buckets"));
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Metrics.builder().path("metrics"))
                .getMessage().startsWith("path"));
    }

    @Test
    void theInFlightGaugeCountsTheRequestBeingAnswered() {
        Metrics metrics = Metrics.builder().build();
        TestResponse res = TestClient.of(metrics.wrap((scope, receive, send) ->
                Response.text(metrics.scrape()).respond(scope, send))).get("/").send();
        assertTrue(res.text().contains("http_requests_in_flight 1\n"), res.text());
        assertTrue(metrics.scrape().contains("http_requests_in_flight 0\n"));
    }

    @Test
    void aStreamedResponseIsForwardedEventByEventAndItsBytesCounted() {
        Metrics metrics = Metrics.builder().build();
        Application streamed = (scope, receive, send) ->
                send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                        .thenCompose(v -> send.send(new HttpResponseBody(Bytes.utf8("abc"), true)))
                        .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("de"))));
        TestResponse res = TestClient.of(metrics.wrap(streamed)).get("/s").send();
        assertEquals(List.of("abc", "de"), res.chunks().stream().map(Bytes::utf8).filter(s -> !s.isEmpty()).toList());
        assertTrue(metrics.scrape().contains(
                "http_response_size_bytes_total{method=\"GET\",route=\"<unmatched>\"} 5\n"), metrics.scrape());
        TestResponse head = TestClient.of(metrics.wrap(hello())).head("/h").send();
        assertEquals("", head.text());
        assertTrue(metrics.scrape().contains(
                "http_requests_total{method=\"HEAD\",route=\"<unmatched>\",status=\"2xx\"} 1\n"), metrics.scrape());
    }

    @Test
    void theExpositionIsServedOnItsPathWithoutBeingCounted() {
        Metrics metrics = Metrics.builder().build();
        TestClient client = TestClient.of(routed(metrics));
        client.get("/users/7").send();
        TestResponse res = client.get("/metrics").send();
        assertEquals(200, res.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", res.header("content-type").orElseThrow());
        assertTrue(res.text().contains("route=\"/users/{id}\",status=\"2xx\"} 1\n"), res.text());
        assertFalse(metrics.scrape().contains("route=\"<unmatched>\""), "the scrape is not counted");
        assertEquals("", client.head("/metrics").send().text());
        TestResponse post = client.post("/metrics").send();
        assertEquals(405, post.status());
        assertEquals("GET, HEAD", post.header("allow").orElseThrow());
    }

    @Test
    void withAnEmptyPathTheExpositionIsOnlyTheSeparateApplication() {
        Metrics metrics = Metrics.builder().path("").build();
        assertEquals("hello", TestClient.of(metrics.wrap(hello())).get("/metrics").send().text());
        TestResponse res = TestClient.of(metrics.app()).get("/anything").send();
        assertTrue(res.text().contains("http_requests_total{method=\"GET\",route=\"<unmatched>\",status=\"2xx\"} 1"),
                res.text());
        assertEquals(404, TestClient.of(metrics.app()).sse("/x").open().status());
    }

    @Test
    void openWebSocketsAndSseStreamsAreGauges() throws Exception {
        Metrics metrics = Metrics.builder().build();
        CountDownLatch ended = new CountDownLatch(2);
        Application inner = (scope, receive, send) -> switch (scope) {
            case org.pagi.spec.WebSocketScope w -> receive.receive()
                    .thenCompose(e -> send.send(new WebSocketAccept()))
                    .thenCompose(v -> send.send(WebSocketSend.text(metrics.scrape())))
                    .thenCompose(v -> send.send(new WebSocketClose(1000, "")));
            default -> send.send(new SseStart()).thenCompose(v -> send.send(SseSend.data(metrics.scrape())));
        };
        Application wrapped = metrics.wrap(inner);
        TestClient client = TestClient.of((scope, receive, send) ->
                wrapped.call(scope, receive, send).whenComplete((v, e) -> ended.countDown()));
        WebSocketSession ws = client.websocket("/ws").connect();
        assertTrue(ws.receiveText().contains("websocket_connections_open 1\n"));
        ws.expectClose(1000);
        SseStream sse = client.sse("/events").open();
        String data = sse.next().data();
        assertTrue(data.contains("sse_streams_open 1\n") && data.contains("websocket_connections_open"), data);
        sse.awaitEnd();
        assertTrue(ended.await(5, TimeUnit.SECONDS));
        assertTrue(metrics.scrape().contains("websocket_connections_open 0\n"), metrics.scrape());
        assertTrue(metrics.scrape().contains("sse_streams_open 0\n"), metrics.scrape());
    }

    @Test
    void theFirstSseEventArrivesWhileTheStreamIsStillOpen() {
        Metrics metrics = Metrics.builder().build();
        CompletableFuture<Void> release = new CompletableFuture<>();
        Application app = metrics.wrap((scope, receive, send) -> send.send(new SseStart())
                .thenCompose(v -> send.send(SseSend.data("first")))
                .thenCompose(v -> release)
                .thenCompose(v -> send.send(SseSend.data("second"))));
        try (SseStream sse = TestClient.of(app).sse("/events").open()) {
            assertEquals("first", sse.next().data(), "not held back until the stream ends");
            assertTrue(metrics.scrape().contains("sse_streams_open 1\n"));
            release.complete(null);
            assertEquals("second", sse.next().data());
        }
    }

    @Test
    void otherScopeTypesPassThrough() {
        PassThrough.untouched(Metrics.builder().build(), PassThrough.Kind.WEBSOCKET, PassThrough.Kind.SSE,
                PassThrough.Kind.LIFESPAN);
    }
}
