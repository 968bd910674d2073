package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.middleware.RecommendedStackServer.nextData;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
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
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.SseSend;

/**
 * Each example application ({@code org.pagi.examples.*}) behind {@link RecommendedStack} on a real socket answers
 * as the example's own tests expect, and its streams arrive event by event: {@link #holdingTheSecond} keeps the
 * example's second event until the client has read (and decoded) the first, so any buffering in the stack makes
 * the test time out instead of measuring a delay.
 *
 * <p>It lives in the examples module (examples depend on middleware, not the other way round) but keeps the package
 * {@code org.pagi.middleware}: {@link RecommendedStack} and {@link RecommendedStackServer} come from the
 * middleware's test jar and are package-private there.
 */
@Timeout(30)
class RecommendedStackExamplesTest {
    private static final Duration SHORT = Duration.ofMillis(5);

    private final Metrics metrics = Metrics.builder().build();
    private final BlockingQueue<String> accessLog = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> clientHasFirst = new CompletableFuture<>();

    @AfterEach
    void neverLeaveAnExampleWaiting() {
        clientHasFirst.complete(null);
    }

    private RecommendedStackServer serve(Application example) throws IOException {
        return new RecommendedStackServer(RecommendedStack.builder(metrics, accessLog::add).build(example));
    }

    /** Passes {@code example}'s events on, but its second event of {@code type} only once the client has the first. */
    private Application holdingTheSecond(Class<? extends Event> type, Application example) {
        return (scope, receive, send) -> {
            AtomicInteger seen = new AtomicInteger();
            return example.call(scope, receive, event -> type.isInstance(event) && seen.incrementAndGet() == 2
                    ? clientHasFirst.thenCompose(v -> send.send(event)) : send.send(event));
        };
    }

    @Test
    void helloHttpAnswersEveryMethodAndPathWithItsGreeting() throws Exception {
        try (RecommendedStackServer server = serve(new org.pagi.examples.hellohttp.App())) {
            HttpResponse<String> get = server.text(server.request("/"));
            assertEquals(200, get.statusCode());
            assertEquals("text/plain", get.headers().firstValue("content-type").orElseThrow());
            assertEquals("Hello from PAGI", get.body());
            assertTrue(get.headers().firstValue("x-request-id").isPresent(), "the stack is in front");
            HttpResponse<String> post = server.text(server.request("/any/where?x=1")
                    .POST(BodyPublishers.ofString("ignored")));
            assertEquals(200, post.statusCode());
            assertEquals("Hello from PAGI", post.body());
            assertLogged("127.0.0.1 GET / 200 ");
            assertLogged("127.0.0.1 POST /any/where?x=1 200 ");
        }
    }

    @Test
    void streamingResponseChunksArriveGzippedOneByOne() throws Exception {
        Application example = new org.pagi.examples.streamingresponse.App(SHORT);
        try (RecommendedStackServer server = serve(holdingTheSecond(HttpResponseBody.class, example))) {
            HttpResponse<InputStream> res = server.send(server.request("/").header("Accept-Encoding", "gzip"),
                    BodyHandlers.ofInputStream());
            assertEquals(200, res.statusCode());
            assertEquals("text/plain", res.headers().firstValue("content-type").orElseThrow());
            assertEquals("gzip", res.headers().firstValue("content-encoding").orElseThrow());
            try (InputStream body = new GZIPInputStream(res.body(), 64)) {
                assertEquals("Chunk 1\n", new String(body.readNBytes(8), StandardCharsets.UTF_8));
                clientHasFirst.complete(null);
                assertEquals("Chunk 2\nChunk 3\n", new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void streamingResponseKeepsItsTrailerAndChunksForAClientThatAcceptsTrailers() throws Exception {
        try (RecommendedStackServer server = serve(new org.pagi.examples.streamingresponse.App(SHORT));
                Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) RecommendedStackServer.WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: localhost\r\nTE: trailers\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String wire = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(wire.startsWith("HTTP/1.1 200 "), wire);
            assertTrue(wire.contains("\r\n8\r\nChunk 1\n\r\n8\r\nChunk 2\n\r\n8\r\nChunk 3\n\r\n"), wire);
            assertTrue(wire.toLowerCase(java.util.Locale.ROOT).endsWith("\r\n0\r\nx-stream-complete: 1\r\n\r\n"), wire);
        }
    }

    @Test
    void requestBodyEchoesWhatWasPostedWholeOrChunked() throws Exception {
        try (RecommendedStackServer server = serve(new org.pagi.examples.requestbody.App())) {
            HttpResponse<String> text = server.text(server.request("/").POST(BodyPublishers.ofString("Hello, PAGI!")));
            assertEquals(200, text.statusCode());
            assertEquals("text/plain", text.headers().firstValue("content-type").orElseThrow());
            assertEquals("You sent: Hello, PAGI!", text.body());
            assertEquals("You sent: {\"message\":\"test\"}", server.text(server.request("/")
                    .header("content-type", "application/json")
                    .POST(BodyPublishers.ofString("{\"message\":\"test\"}"))).body());
            // No length known up front: the JDK client sends it chunked.
            assertEquals("You sent: Hello, PAGI!", server.text(server.request("/").POST(BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream("Hello, PAGI!".getBytes(StandardCharsets.UTF_8))))).body());
            assertEquals("No body provided", server.text(server.request("/")).body());
        }
    }

    @Test
    void lifespanStateReachesRequestsThroughTheStack() throws Exception {
        try (RecommendedStackServer server = serve(new org.pagi.examples.lifespanstate.App())) {
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> res = server.text(server.request("/"));
                assertEquals(200, res.statusCode());
                assertEquals("Hello from lifespan via shared state", res.body(), "the lifespan ran through all of it");
            }
        }
    }

    @Test
    void webSocketEchoEchoesEveryMessageWithItsPrefix() throws Exception {
        try (RecommendedStackServer server = serve(new org.pagi.examples.websocketecho.App());
                RecommendedStackServer.Socket ws = server.websocket("/rooms/42?user=ann")) {
            ws.send("Hello");
            assertEquals("echo: Hello", ws.next());
            ws.send("héllo wörld, 你好, 🌍");
            assertEquals("echo: héllo wörld, 你好, 🌍", ws.next());
        }
    }

    @Test
    void sseBroadcasterEventsArriveOneByOne() throws Exception {
        Application example = new org.pagi.examples.ssebroadcaster.App(SHORT);
        try (RecommendedStackServer server = serve(holdingTheSecond(SseSend.class, example))) {
            HttpResponse<Stream<String>> res = server.send(server.request("/").header("Accept", "text/event-stream")
                    .header("Accept-Encoding", "gzip"), BodyHandlers.ofLines());
            assertEquals(200, res.statusCode());
            assertEquals("text/event-stream", res.headers().firstValue("content-type").orElseThrow());
            Iterator<String> lines = res.body().iterator();
            assertEquals("event: tick", lines.next());
            assertEquals("data: 1", lines.next());
            clientHasFirst.complete(null);
            assertEquals("data: 2", nextData(lines));
            assertEquals("data: finished", nextData(lines));
            assertLogged("127.0.0.1 GET / 200 ");
        }
    }

    @Test
    void extensionFullflushStreamsItsLinesPlainAndGzipped() throws Exception {
        try (RecommendedStackServer server = serve(new org.pagi.examples.extensionfullflush.App())) {
            HttpResponse<String> plain = server.text(server.request("/"));
            assertEquals(200, plain.statusCode());
            assertEquals("Line 1\nLine 2\nLine 3\n", plain.body());
            HttpResponse<InputStream> gzip = server.send(server.request("/").header("Accept-Encoding", "gzip"),
                    BodyHandlers.ofInputStream());
            assertEquals("gzip", gzip.headers().firstValue("content-encoding").orElseThrow());
            try (InputStream body = new GZIPInputStream(gzip.body())) {
                assertEquals("Line 1\nLine 2\nLine 3\n", new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void tlsIntrospectionSaysACleartextConnectionIsNotTls() throws Exception {
        try (RecommendedStackServer server = serve(new org.pagi.examples.tlsintrospection.App())) {
            HttpResponse<String> res = server.text(server.request("/"));
            assertEquals(200, res.statusCode());
            assertEquals("Connection is not using TLS", res.body());
        }
    }

    private void assertLogged(String prefix) throws InterruptedException {
        RecommendedStackServer.assertLogged(accessLog, prefix);
    }
}
