package org.pagi.wrappers.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseFile;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.Blocking;

/** {@link PagiHttpHandler} on a real JDK {@link HttpServer} bound to 127.0.0.1 port 0. */
@Timeout(60)
class PagiHttpHandlerTest {
    private static final int BIG = 8 * 1024 * 1024;

    private HttpServer server;
    private ExecutorService executor;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private URI start(String context, Application app) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext(context, PagiHttpHandler.of(app));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        http.close();
        if (server != null) {
            server.stop(0);
            executor.close();
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Application blocking(org.pagi.wrappers.BlockingApplication app) {
        return Blocking.app(app);
    }

    private static void text(org.pagi.spec.Send send, int status, String text) {
        Bytes body = Bytes.utf8(text);
        Blocking.await(send.send(new HttpResponseStart(status, Headers.of("content-type", "text/plain"))));
        Blocking.await(send.send(HttpResponseBody.last(body)));
    }

    @Test
    void theScopeIsBuiltFromTheExchangeWithTheContextAsRootPath() throws Exception {
        AtomicReference<HttpScope> seen = new AtomicReference<>();
        URI base = start("/legacy", blocking((scope, receive, send) -> {
            seen.set((HttpScope) scope);
            text(send, 200, "hello " + scope.type());
        }));
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(base.resolve("/legacy/caf%C3%A9?x=1&y=%20"))
                .header("x-trace", "t1"));
        assertEquals(200, r.statusCode());
        assertEquals("hello http", new String(r.body(), StandardCharsets.UTF_8));
        HttpScope s = seen.get();
        assertEquals("GET", s.method());
        assertEquals("/caf\u00e9", s.path());
        assertEquals("/legacy", s.rootPath());
        assertEquals(Bytes.ascii("/legacy/caf%C3%A9"), s.rawPath());
        assertEquals(Bytes.ascii("x=1&y=%20"), s.queryString());
        assertEquals("1.1", s.httpVersion());
        assertEquals("http", s.scheme());
        assertEquals(Optional.of("t1"), s.headers().first("x-trace"));
        assertEquals("127.0.0.1", s.client().orElseThrow().host());
        assertEquals(server.getAddress().getPort(), s.server().orElseThrow().port().getAsInt());
        assertTrue(s.extensions().has(Extensions.FULLFLUSH));
    }

    @Test
    void largeBodiesStreamBothWaysInBoundedPieces() throws Exception {
        AtomicInteger requestEvents = new AtomicInteger();
        AtomicInteger largestPiece = new AtomicInteger();
        URI base = start("/", blocking((scope, receive, send) -> {
            if (scope instanceof HttpScope h && h.method().equals("POST")) {
                CRC32 crc = new CRC32();
                long total = 0;
                while (true) {
                    Event e = Blocking.await(receive.receive());
                    org.pagi.spec.event.HttpRequest piece = (org.pagi.spec.event.HttpRequest) e;
                    requestEvents.incrementAndGet();
                    largestPiece.accumulateAndGet(piece.body().length(), Math::max);
                    crc.update(piece.body().toByteArray());
                    total += piece.body().length();
                    if (!piece.more()) {
                        break;
                    }
                }
                text(send, 200, total + " " + crc.getValue());
                return;
            }
            Blocking.await(send.send(new HttpResponseStart(200, Headers.empty())));
            for (int sent = 0; sent < BIG; sent += 64 * 1024) {
                Blocking.await(send.send(HttpResponseBody.chunk(Bytes.of(pattern(sent, 64 * 1024)))));
            }
            Blocking.await(send.send(HttpResponseBody.last(Bytes.empty())));
        }));

        byte[] upload = pattern(0, BIG);
        CRC32 expected = new CRC32();
        expected.update(upload);
        HttpResponse<byte[]> up = send(HttpRequest.newBuilder(base.resolve("/up"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(upload))));
        assertEquals(BIG + " " + expected.getValue(), new String(up.body(), StandardCharsets.US_ASCII));
        assertTrue(requestEvents.get() >= BIG / HandlerCall.PIECE, requestEvents + " request events");
        assertTrue(largestPiece.get() <= HandlerCall.PIECE, "largest piece " + largestPiece);

        HttpResponse<InputStream> down = http.send(HttpRequest.newBuilder(base.resolve("/down"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(Optional.of("chunked"), down.headers().firstValue("transfer-encoding"));
        long count = 0;
        CRC32 got = new CRC32();
        try (InputStream in = down.body()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                got.update(buf, 0, n);
                count += n;
            }
        }
        assertEquals(BIG, count);
        assertEquals(expected.getValue(), got.getValue());
    }

    static byte[] pattern(int from, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) ((from + i) * 31 + ((from + i) >>> 11));
        }
        return b;
    }

    @Test
    void aFileBodyAHeadAndAWholeBodyGetTheirLengths(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("f.bin"), pattern(0, 300_000));
        URI base = start("/", blocking((scope, receive, send) -> {
            Blocking.await(send.send(new HttpResponseStart(200, Headers.of("x-kind", "file"))));
            Blocking.await(send.send(new HttpResponseFile(file, 1000, OptionalLong.of(200_000))));
        }));
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(base.resolve("/f")));
        assertEquals(Optional.of("200000"), r.headers().firstValue("content-length"));
        assertArrayEquals(java.util.Arrays.copyOfRange(pattern(0, 300_000), 1000, 201_000), r.body());
        assertEquals(Optional.of("file"), r.headers().firstValue("x-kind"));

        HttpResponse<byte[]> head = send(HttpRequest.newBuilder(base.resolve("/f"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals(Optional.of("200000"), head.headers().firstValue("content-length"));
        assertEquals(0, head.body().length);
    }

    @Test
    void aFailureBeforeAnyBodyIs500AndAfterItCutsTheConnection() throws Exception {
        URI base = start("/", blocking((scope, receive, send) -> {
            if (((HttpScope) scope).path().equals("/late")) {
                Blocking.await(send.send(new HttpResponseStart(200, Headers.empty())));
                Blocking.await(send.send(HttpResponseBody.chunk(Bytes.utf8("partial"))));
                throw new IllegalStateException("boom after the body started");
            }
            Blocking.await(send.send(new HttpResponseStart(200, Headers.empty())));
            throw new IllegalStateException("boom before any body");
        }));
        HttpResponse<byte[]> early = send(HttpRequest.newBuilder(base.resolve("/early")));
        assertEquals(500, early.statusCode(), "the held head is replaced by the 500");
        assertThrows(IOException.class, () -> send(HttpRequest.newBuilder(base.resolve("/late"))),
                "a cut chunked body is an error for the client, never a complete response");
    }

    @Test
    void webSocketAndSseRequestsAre501WithoutCallingTheApplication() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        URI base = start("/", blocking((scope, receive, send) -> {
            calls.incrementAndGet();
            text(send, 200, "plain");
        }));
        HttpResponse<byte[]> sse = send(HttpRequest.newBuilder(base.resolve("/events")).header("accept",
                "text/event-stream"));
        assertEquals(501, sse.statusCode());
        assertTrue(new String(sse.body(), StandardCharsets.UTF_8).contains("sse"));
        try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 501"), answer);
            assertTrue(answer.contains("WebSocket"), answer);
        }
        assertEquals(0, calls.get());
        assertEquals(200, send(HttpRequest.newBuilder(base.resolve("/plain"))).statusCode());
        assertEquals(1, calls.get());
    }

    @Test
    void aClientThatLeavesMidResponseIsReportedAsADisconnect() throws Exception {
        CompletableFuture<DisconnectReason> reason = new CompletableFuture<>();
        CompletableFuture<Event> afterwards = new CompletableFuture<>();
        AtomicLong sentAfterLeaving = new AtomicLong();
        URI base = start("/", blocking((scope, receive, send) -> {
            HttpScope s = (HttpScope) scope;
            s.connection().disconnectFuture().thenAccept(reason::complete);
            Blocking.await(receive.receive()); // the empty body
            Blocking.await(send.send(new HttpResponseStart(200, Headers.empty())));
            byte[] piece = new byte[16 * 1024];
            while (s.connection().isConnected()) {
                Blocking.await(send.send(HttpResponseBody.chunk(Bytes.of(piece))));
            }
            Blocking.await(send.send(HttpResponseBody.chunk(Bytes.of(piece)))); // a no-op now
            sentAfterLeaving.incrementAndGet();
            afterwards.complete(Blocking.await(receive.receive()));
        }));
        try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertTrue(in.readNBytes(100_000).length == 100_000, "the stream started");
            socket.setSoLinger(true, 0); // a reset: the server's next writes fail
        }
        assertEquals(DisconnectReason.WRITE_ERROR, reason.get(20, TimeUnit.SECONDS));
        assertTrue(afterwards.get(20, TimeUnit.SECONDS) instanceof HttpDisconnect);
        assertEquals(1, sentAfterLeaving.get());
        assertFalse(reason.isCompletedExceptionally());
    }

    @Test
    void theDeclaredLengthIsKeptAndABodyPastItFailsTheSend() throws Exception {
        List<String> failures = new CopyOnWriteArrayList<>();
        URI base = start("/", blocking((scope, receive, send) -> {
            Blocking.await(send.send(new HttpResponseStart(200, Headers.of("content-length", "5"))));
            Blocking.await(send.send(HttpResponseBody.chunk(Bytes.utf8("hel"))));
            try {
                Blocking.await(send.send(HttpResponseBody.last(Bytes.utf8("lo!!"))));
            } catch (IllegalStateException e) {
                failures.add(e.getMessage());
                throw e;
            }
        }));
        assertThrows(IOException.class, () -> send(HttpRequest.newBuilder(base.resolve("/"))));
        assertEquals(List.of("the response body exceeds its content-length of 5"), failures);
    }
}
