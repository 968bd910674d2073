package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;

/** An SSE stream over a real socket: its first event reaches the client through both middleware while it is open. */
class MetricsAccessLogOverSocketTest {

    @Test
    @Timeout(30)
    void theFirstEventCrossesTheWireBeforeTheStreamEndsAndTheStreamIsLoggedWhenItDoes() throws Exception {
        Metrics metrics = Metrics.builder().build();
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<String> logged = new CompletableFuture<>();
        Application events = (scope, receive, send) -> send.send(new SseStart())
                .thenCompose(v -> send.send(SseSend.data("first")))
                .thenCompose(v -> release)
                .thenCompose(v -> send.send(SseSend.data("second")));
        Router router = Router.builder().group("/", List.of(metrics.routeTag()), r -> r
                .get("/items/{id}", (scope, receive, send) -> Response.text("item").respond(scope, send))
                .sse("/events", events)).build();
        Application app = MiddlewareStack.builder()
                .enable(AccessLog.builder().format("compact").sink(logged::complete).build())
                .enable(metrics).build(router);

        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        try (PagiServer server = PagiServer.start(app, config);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build()) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<Stream<String>> stream = client.send(HttpRequest.newBuilder(URI.create(base + "/events"))
                    .timeout(Duration.ofSeconds(10)).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, stream.statusCode());
            Iterator<String> lines = stream.body().iterator();
            assertEquals("data: first", nextData(lines), "the first event arrives while the handler holds");
            assertFalse(logged.isDone(), "an open stream is not logged yet");
            release.complete(null);
            assertEquals("data: second", nextData(lines));
            String line = logged.get(10, TimeUnit.SECONDS);
            assertTrue(line.startsWith("127.0.0.1 GET /events 200 "), line);

            assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(base + "/items/42")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            // A request is counted when its handler finishes, which may come just after the client has the whole
            // response: scrape until it shows (bounded), as a Prometheus server scraping later would see it.
            String counted = "http_requests_total{method=\"GET\",route=\"/items/{id}\",status=\"2xx\"} 1\n";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            HttpResponse<String> scrape;
            do {
                scrape = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
            } while (!scrape.body().contains(counted) && System.nanoTime() < deadline);
            assertEquals("text/plain; version=0.0.4; charset=utf-8", scrape.headers().firstValue("content-type")
                    .orElseThrow());
            assertTrue(scrape.body().contains(counted), scrape.body());
        }
    }

    private static String nextData(Iterator<String> lines) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:")) {
                return line;
            }
        }
        return null;
    }
}
