package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.response.Response;

@Timeout(30)
class AccessLogTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Clock clock = Clock.fixed(Instant.parse("2000-10-10T13:55:36Z"), ZoneOffset.UTC);

    private AccessLog.Builder log() {
        return AccessLog.builder().sink(lines::add).clock(clock).nanoClock(now::get);
    }

    private Application hello() {
        return (scope, receive, send) -> {
            now.addAndGet(1_234_000);
            return Response.text("hello").respond(scope, send);
        };
    }

    private TestClient behindProxy(Application app) {
        Application stack = ProxyHeaders.builder().trustedProxy("10.0.0.1").build()
                .wrap(RequestId.builder().trustIncoming(true).build().wrap(app));
        return TestClient.builder(stack).clientAddress(Endpoint.of("10.0.0.1", 5000)).build();
    }

    @Test
    void theCombinedLineHasTheResolvedClientRequestIdStatusBytesAndDuration() {
        behindProxy(log().build().wrap(hello())).get("/a?b=1").header("x-forwarded-for", "203.0.113.7")
                .header("x-request-id", "abc-1").header("referer", "http://r/").header("user-agent", "UA/1").send();
        assertEquals(List.of("203.0.113.7 - - [10/Oct/2000:13:55:36 +0000] \"GET /a?b=1 HTTP/1.1\" 200 5"
                + " \"http://r/\" \"UA/1\" abc-1 1234"), lines);
    }

    @Test
    void commonAndCompactAreTheServersPresetsAndTheTailIsAnOption() {
        TestClient.builder(log().format("common").build().wrap(hello()))
                .clientAddress(Endpoint.of("127.0.0.1", 1)).build().head("/h").send();
        TestClient.builder(log().format(AccessLog.Format.COMPACT).idAndDuration(false).build().wrap(hello()))
                .clientAddress(Endpoint.of("127.0.0.1", 1)).build().get("/p?q=1").send();
        assertEquals(List.of("127.0.0.1 - - [10/Oct/2000:13:55:36 +0000] \"HEAD /h HTTP/1.1\" 200 5 - 1234",
                "127.0.0.1 GET /p?q=1 200 5B 1.2ms"), lines);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccessLog.builder().format("apache"))
                .getMessage().startsWith("format"));
    }

    @Test
    void clientValuesAreEscapedSoNoLineCanBeForged() {
        TestClient.builder(log().build().wrap(hello())).clientAddress(Endpoint.of("127.0.0.1", 1)).build()
                .get("/x").header("user-agent", "a\"b\\c\td\u00e9").header("referer", "\u0001").send();
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).endsWith("\"\\x01\" \"a\\\"b\\\\c\\td\\xe9\" - 1234"), lines.get(0));
    }

    @Test
    void aStreamedResponseIsLoggedWhenItEndsWithAllItsBytes() {
        RecordingLogger logger = new RecordingLogger();
        Application streamed = (scope, receive, send) ->
                send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                        .thenCompose(v -> send.send(new HttpResponseBody(Bytes.utf8("abc"), true)))
                        .thenCompose(v -> {
                            assertTrue(logger.lines.isEmpty(), "nothing logged before the stream ends");
                            return send.send(HttpResponseBody.last(Bytes.utf8("de")));
                        });
        var res = TestClient.of(AccessLog.builder().logger(logger).format("compact").idAndDuration(false).build()
                .wrap(streamed)).get("/s").send();
        assertEquals("abcde", res.text());
        assertEquals(1, logger.lines.size());
        assertEquals(System.Logger.Level.INFO, logger.lines.get(0).level());
        assertTrue(logger.lines.get(0).message().matches("\\S+ GET /s 200 5B \\d+\\.\\dms"),
                logger.lines.get(0).message());
    }

    @Test
    void theFirstSseEventPassesThroughMetricsAndAccessLogAtOnce() throws Exception {
        Metrics metrics = Metrics.builder().build();
        CompletableFuture<Void> release = new CompletableFuture<>();
        CountDownLatch ended = new CountDownLatch(1);
        Application app = metrics.wrap(log().format("compact").build().wrap((scope, receive, send) ->
                send.send(new SseStart()).thenCompose(v -> send.send(SseSend.data("first")))
                        .thenCompose(v -> release)
                        .thenCompose(v -> send.send(SseSend.data("second")))));
        TestClient client = TestClient.of((scope, receive, send) ->
                app.call(scope, receive, send).whenComplete((v, e) -> ended.countDown()));
        try (SseStream sse = client.sse("/events").open()) {
            assertEquals("first", sse.next().data(), "the first event is not held back");
            assertTrue(lines.isEmpty(), "the stream is logged when it ends");
            assertTrue(metrics.scrape().contains("sse_streams_open 1\n"));
            release.complete(null);
            assertEquals("second", sse.next().data());
            sse.awaitEnd();
        }
        assertTrue(ended.await(5, TimeUnit.SECONDS));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).contains(" GET /events 200 0B "), lines.get(0));
    }

    @Test
    void webSocketsAreLoggedWith101OrTheDenial() throws Exception {
        CountDownLatch ended = new CountDownLatch(2);
        Application inner = (scope, receive, send) -> ((org.pagi.spec.RequestScope) scope).path().equals("/ok")
                ? receive.receive().thenCompose(e -> send.send(new WebSocketAccept()))
                        .thenCompose(v -> send.send(new WebSocketClose(1000, "")))
                : send.send(new WebSocketClose(1008, ""));
        Application wrapped = log().format("compact").idAndDuration(false).build().wrap(inner);
        TestClient client = TestClient.builder((scope, receive, send) ->
                wrapped.call(scope, receive, send).whenComplete((v, e) -> ended.countDown()))
                .clientAddress(Endpoint.of("::1", 1)).build();
        client.websocket("/ok").connect().expectClose(1000);
        assertThrows(RuntimeException.class, () -> client.websocket("/no").connect());
        assertTrue(ended.await(5, TimeUnit.SECONDS));
        // Each line is written when its session's application ends; the first may end after the second began.
        assertEquals(List.of("::1 GET /no 403 0B 0.0ms", "::1 GET /ok 101 0B 0.0ms"), lines.stream().sorted().toList());
    }

    @Test
    void lifespanPassesThroughAndEveryOtherScopeIsForwardedUnchanged() {
        PassThrough.untouched(log().build(), PassThrough.Kind.values());
    }
}
