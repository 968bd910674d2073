package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.middleware.RecommendedStackServer.nextData;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.Scope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.Router;

/**
 * First-event latency through the whole recommended stack, over a real socket: each handler sends its first event
 * and then waits for {@link #clientHasFirst}, which the test completes only once the client has read (and for gzip
 * decoded) that event. A middleware holding the first event back (a compressor without a flush, a buffer, a
 * queue) leaves both sides waiting and the test times out; no timing is measured. Also what the stack around the
 * router does with requests the router answers 404 ("Unmatched requests" in the README) and with a failing handler.
 */
@Timeout(30)
class RecommendedStackOverSocketTest {
    /** The client the proxy (this test, on loopback) reports in {@code X-Forwarded-For}. */
    private static final String CLIENT = "203.0.113.7";

    private final Metrics metrics = Metrics.builder().build();
    private final BlockingQueue<String> accessLog = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> clientHasFirst = new CompletableFuture<>();
    /** Calls through a route-level middleware: the router's own, which a 404 never reaches. */
    private final AtomicInteger routeLevelCalls = new AtomicInteger();

    @AfterEach
    void neverLeaveAHandlerWaiting() {
        clientHasFirst.complete(null);
    }

    private Application app() {
        Middleware counting = next -> (scope, receive, send) -> {
            routeLevelCalls.incrementAndGet();
            return next.call(scope, receive, send);
        };
        Router router = Router.builder().group("/", List.of(metrics.routeTag(), counting), r -> r
                .get("/login", (scope, receive, send) -> {
                    Session.of(scope).orElseThrow().set("user", "ann");
                    return Response.text("welcome").respond(scope, send);
                })
                .get("/boom", (scope, receive, send) -> {
                    throw new IllegalStateException("handler failed");
                })
                .sse("/events", (scope, receive, send) -> send.send(new SseStart())
                        .thenCompose(v -> send.send(SseSend.data("first for " + user(scope))))
                        .thenCompose(v -> clientHasFirst)
                        .thenCompose(v -> send.send(SseSend.data("second"))))
                .get("/stream", (scope, receive, send) -> send.send(new HttpResponseStart(200,
                                Headers.of("content-type", "text/plain")))
                        .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8("first for " + user(scope)))))
                        .thenCompose(v -> clientHasFirst)
                        .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8(";second")))))
                .websocket("/ws", (scope, receive, send) -> receive.receive()
                        .thenCompose(connect -> send.send(new WebSocketAccept()))
                        .thenCompose(v -> send.send(WebSocketSend.text("first for " + user(scope))))
                        .thenCompose(v -> clientHasFirst)
                        .thenCompose(v -> send.send(WebSocketSend.text("second")))
                        .thenCompose(v -> send.send(new WebSocketClose(1000, ""))))).build();
        return RecommendedStack.builder(metrics, accessLog::add).build(router);
    }

    /** The session's user: proves Session loaded the cookie on this scope type too. */
    private static String user(Scope scope) {
        return Session.of(scope).flatMap(s -> s.get("user")).orElse("nobody");
    }

    @Test
    void anSseEventReachesTheClientBeforeTheNextIsSent() throws Exception {
        try (RecommendedStackServer server = new RecommendedStackServer(app())) {
            HttpResponse<Stream<String>> res = server.send(asClient(server, "/events", login(server))
                    .header("Accept", "text/event-stream"), BodyHandlers.ofLines());
            assertEquals(200, res.statusCode());
            assertEquals(RecommendedStack.ORIGIN, allowedOrigin(res));
            assertTrue(res.headers().firstValue("x-request-id").isPresent(), "RequestId");
            assertFalse(res.headers().firstValue("content-encoding").isPresent(), "event streams are not compressed");
            Iterator<String> lines = res.body().iterator();
            assertEquals("data: first for ann", nextData(lines));
            clientHasFirst.complete(null);
            assertEquals("data: second", nextData(lines));
            assertLogged(CLIENT + " GET /events 200 ");
        }
    }

    @Test
    void aGzipChunkReachesTheClientDecodedBeforeTheNextIsSent() throws Exception {
        try (RecommendedStackServer server = new RecommendedStackServer(app())) {
            HttpResponse<InputStream> res = server.send(asClient(server, "/stream", login(server)),
                    BodyHandlers.ofInputStream());
            assertEquals(200, res.statusCode());
            assertEquals("gzip", res.headers().firstValue("content-encoding").orElseThrow());
            assertEquals("chunked", res.headers().firstValue("transfer-encoding").orElseThrow());
            assertEquals(RecommendedStack.ORIGIN, allowedOrigin(res));
            try (InputStream body = new GZIPInputStream(res.body(), 64)) {
                byte[] first = "first for ann".getBytes(StandardCharsets.UTF_8);
                assertEquals("first for ann", new String(body.readNBytes(first.length), StandardCharsets.UTF_8));
                clientHasFirst.complete(null);
                assertEquals(";second", new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertLogged(CLIENT + " GET /stream 200 ");
        }
    }

    @Test
    void aWebSocketMessageReachesTheClientBeforeTheNextIsSent() throws Exception {
        try (RecommendedStackServer server = new RecommendedStackServer(app())) {
            String cookie = login(server);
            try (RecommendedStackServer.Socket ws = server.websocket("/ws", "Cookie", cookie,
                    "Origin", RecommendedStack.ORIGIN, "X-Forwarded-For", CLIENT)) {
                assertEquals("first for ann", ws.next());
                clientHasFirst.complete(null);
                assertEquals("second", ws.next());
            }
            assertLogged(CLIENT + " GET /ws 101 ");
        }
    }

    @Test
    void everyMiddlewareAroundTheRouterSeesAnUnmatchedRequestAndRouteLevelMiddlewareDoesNot() throws Exception {
        try (RecommendedStackServer server = new RecommendedStackServer(app())) {
            HttpResponse<String> res = server.text(server.request("/nowhere").header("Origin", RecommendedStack.ORIGIN)
                    .header("X-Forwarded-For", CLIENT));
            assertEquals(404, res.statusCode());
            assertEquals(RecommendedStack.ORIGIN, allowedOrigin(res));
            assertTrue(res.headers().allValues("vary").stream().anyMatch(v -> v.contains("Origin")), "Cors");
            String id = res.headers().firstValue("x-request-id").orElseThrow();
            String line = assertLogged(CLIENT + " GET /nowhere 404 ");
            assertTrue(line.contains(id), "the line carries the request id: " + line);
            // AccessLog writes when the application inside it returned, Metrics records just before: counted now.
            assertTrue(metrics.scrape().contains(
                    "http_requests_total{method=\"GET\",route=\"<unmatched>\",status=\"4xx\"} 1\n"), metrics.scrape());
            assertEquals(0, routeLevelCalls.get(), "route-level middleware runs only for a matched route");
        }
    }

    @Test
    void aFailingHandlerIsAnErrorPageTheOuterMiddlewareSeeAsA500() throws Exception {
        try (RecommendedStackServer server = new RecommendedStackServer(app())) {
            HttpResponse<String> res = server.text(server.request("/boom").header("Origin", RecommendedStack.ORIGIN)
                    .header("Accept", "application/json").header("X-Forwarded-For", CLIENT));
            assertEquals(500, res.statusCode());
            assertEquals("application/json", res.headers().firstValue("content-type").orElseThrow().split(";")[0]);
            assertFalse(res.body().contains("handler failed"), "production hides the exception: " + res.body());
            assertEquals(RecommendedStack.ORIGIN, allowedOrigin(res),
                    "a cross-origin script can read the error");
            assertLogged(CLIENT + " GET /boom 500 ");
            assertTrue(metrics.scrape().contains(
                    "http_requests_total{method=\"GET\",route=\"/boom\",status=\"5xx\"} 1\n"), metrics.scrape());
            assertEquals(1, routeLevelCalls.get());
        }
    }

    /** @return the cookies of a fresh login ({@code name=value; ...}): the session's and the CSRF cookie */
    private String login(RecommendedStackServer server) throws Exception {
        HttpResponse<String> res = server.text(server.request("/login").header("X-Forwarded-For", CLIENT));
        assertEquals(200, res.statusCode());
        List<String> cookies = res.headers().allValues("set-cookie").stream().map(c -> c.split(";")[0]).toList();
        assertTrue(cookies.stream().anyMatch(c -> c.startsWith("pagi_session=")), cookies.toString());
        assertTrue(cookies.stream().anyMatch(c -> c.startsWith("csrf_token=")), cookies.toString());
        assertLogged(CLIENT + " GET /login 200 ");
        return String.join("; ", cookies);
    }

    /** A request as a browser on {@link RecommendedStack#ORIGIN} makes it through the proxy, cookie and gzip on. */
    private static HttpRequest.Builder asClient(RecommendedStackServer server, String path, String cookie) {
        return server.request(path).header("Accept-Encoding", "gzip").header("Cookie", cookie)
                .header("Origin", RecommendedStack.ORIGIN).header("X-Forwarded-For", CLIENT);
    }

    private static String allowedOrigin(HttpResponse<?> res) {
        return res.headers().firstValue("access-control-allow-origin").orElseThrow();
    }

    private String assertLogged(String prefix) throws InterruptedException {
        return RecommendedStackServer.assertLogged(accessLog, prefix);
    }
}
