package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.server.TestApps.receive;
import static org.pagi.server.TestApps.send;
import static org.pagi.server.TestApps.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.protocol.http1.Http1Event;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.protocol.http1.Http1Parser;
import org.pagi.protocol.http1.ProtocolException;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseFile;
import org.pagi.spec.event.HttpResponseStart;

/**
 * Server settings end to end, over real sockets: a Unix-domain socket, trusted proxy headers, the root path, file
 * bodies and the request body limit. Each check starts its own server and reads what the application saw.
 */
class ServerEndToEndTest {
    private static final ExecutionMode VT = ExecutionMode.VIRTUAL_THREADS;
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    /** @return an application that hands its scope to {@code seen}, reads the request and answers "ok" */
    private static Application recordingScope(CompletableFuture<HttpScope> seen) {
        return TestApps.http((scope, rc, sd) -> {
            seen.complete(scope);
            receive(rc);
            text(sd, 200, "ok");
        });
    }

    private static HttpScope await(CompletableFuture<HttpScope> seen) throws Exception {
        return seen.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Nested
    class UnixDomainSocket {
        @Test
        void bindsTheSocketFileWhileServingAndRemovesItOnClose(@TempDir Path dir) throws Exception {
            Path path = dir.resolve("pagi.sock");
            try (LiveServer s = new LiveServer(TestApps.ECHO_PATH, ServerConfig.builder().unixSocket(path))) {
                assertEquals(-1, s.port(), "a Unix-domain socket has no port");
                assertEquals(UnixDomainSocketAddress.of(path), s.server.localAddress());
                assertTrue(Files.exists(path), "the socket file exists while the server runs");
            }
            assertFalse(Files.exists(path), "close removes the socket file");
        }

        @Test
        void answersRequestsSentThroughTheSocketWithThePathAsServerAndNoClient(@TempDir Path dir) throws Exception {
            Path path = dir.resolve("pagi.sock");
            CompletableFuture<HttpScope> seen = new CompletableFuture<>();
            try (LiveServer s = new LiveServer(recordingScope(seen), ServerConfig.builder().executionMode(VT)
                    .unixSocket(path))) {
                RawConnection.Response response = exchange(path, "/over/unix");
                assertEquals(200, response.status());
                assertEquals("ok", response.text());
                // A Unix channel refuses TCP_NODELAY; setting it once failed every connection and closed the listener.
                assertEquals(200, exchange(path, "/again").status(), "the listener still accepts");
            }
            HttpScope scope = await(seen);
            assertEquals("/over/unix", scope.path());
            assertEquals(Optional.of(Endpoint.unixSocket(path.toString())), scope.server());
            assertEquals(Optional.empty(), scope.client(), "an unnamed client socket has no address");
            assertFalse(Files.exists(path), "close removes the socket file");
        }

        /** @return the response to a GET of {@code target} sent on a new connection to the socket at {@code path} */
        private static RawConnection.Response exchange(Path path, String target) throws IOException,
                ProtocolException {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(path));
                String request = "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
                channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
                return parse(readUntilClosed(channel));
            }
        }

        /** @return every byte until the server closes; fails after {@link #PATIENCE} (the channel has no timeout) */
        private static byte[] readUntilClosed(SocketChannel channel) throws IOException {
            channel.configureBlocking(false);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            try (Selector selector = Selector.open()) {
                channel.register(selector, SelectionKey.OP_READ);
                while (true) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        throw new AssertionError("the server did not answer and close within " + PATIENCE + "; got "
                                + all.toString(StandardCharsets.ISO_8859_1));
                    }
                    selector.select(left);
                    selector.selectedKeys().clear();
                    buf.clear();
                    int n = channel.read(buf);
                    if (n < 0) {
                        return all.toByteArray();
                    }
                    all.write(buf.array(), 0, n);
                }
            }
        }

        /** @return the one response in {@code raw}, read with the client-role parser */
        private static RawConnection.Response parse(byte[] raw) throws ProtocolException {
            Http1Parser parser = new Http1Parser(Http1Parser.Role.CLIENT, Http1Limits.defaults().withMaxBodyBytes(0));
            parser.feed(raw, 0, raw.length);
            parser.feedEof();
            Http1Event.Response head = null;
            Bytes body = Bytes.empty();
            while (true) {
                switch (parser.next()) {
                    case Http1Event.Response r -> head = r;
                    case Http1Event.Data d -> body = body.concat(d.data());
                    case Http1Event.EndOfMessage end -> {
                        return new RawConnection.Response(head.status(), head.headers(), body, end.trailers(),
                                head.keepAlive());
                    }
                    case Http1Event e -> throw new AssertionError("no complete response before " + e + " in "
                            + new String(raw, StandardCharsets.ISO_8859_1));
                }
            }
        }
    }

    @Nested
    class ProxyHeaders {
        private static final String FORWARDED_REQUEST = "GET / HTTP/1.1\r\nHost: x\r\n"
                + "X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\n\r\n";

        @Test
        void takesTheClientAndSchemeFromATrustedProxy() throws Exception {
            CompletableFuture<HttpScope> seen = new CompletableFuture<>();
            try (LiveServer s = new LiveServer(recordingScope(seen), ServerConfig.builder().executionMode(VT)
                    .proxyHeaders(true)); RawConnection c = s.connect()) {
                c.send(FORWARDED_REQUEST);
                assertEquals(200, c.read().status());
            }
            HttpScope scope = await(seen);
            assertEquals(Optional.of(Endpoint.of("203.0.113.7", 0)), scope.client(), "no port given: port 0");
            assertEquals("https", scope.scheme());
        }

        @Test
        void ignoresProxyHeadersFromAPeerThatIsNotTrusted() throws Exception {
            CompletableFuture<HttpScope> seen = new CompletableFuture<>();
            try (LiveServer s = new LiveServer(recordingScope(seen), ServerConfig.builder().executionMode(VT)
                    .proxyHeaders(true).forwardedAllowIps(List.of("10.0.0.1"))); RawConnection c = s.connect()) {
                c.send(FORWARDED_REQUEST);
                assertEquals(200, c.read().status());
                HttpScope scope = await(seen);
                assertEquals(Optional.of(Endpoint.of("127.0.0.1", c.socket().getLocalPort())), scope.client());
                assertEquals("http", scope.scheme());
            }
        }

        @Test
        void ignoresProxyHeadersWhenTheyAreNotTurnedOn() throws Exception {
            CompletableFuture<HttpScope> seen = new CompletableFuture<>();
            try (LiveServer s = LiveServer.start(recordingScope(seen), VT); RawConnection c = s.connect()) {
                c.send(FORWARDED_REQUEST);
                assertEquals(200, c.read().status());
                HttpScope scope = await(seen);
                assertEquals("127.0.0.1", scope.client().orElseThrow().host());
                assertEquals("http", scope.scheme());
            }
        }
    }

    @Nested
    class RootPath {
        @Test
        void putsTheConfiguredRootPathInEveryScopeAndLeavesThePathAsSent() throws Exception {
            CompletableFuture<HttpScope> seen = new CompletableFuture<>();
            try (LiveServer s = new LiveServer(recordingScope(seen), ServerConfig.builder().executionMode(VT)
                    .rootPath("/api")); RawConnection c = s.connect()) {
                c.send("GET /users?id=7 HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(200, c.read().status());
            }
            HttpScope scope = await(seen);
            assertEquals("/api", scope.rootPath());
            assertEquals("/users", scope.path());
        }

        @Test
        void leavesTheRootPathEmptyByDefault() throws Exception {
            CompletableFuture<HttpScope> seen = new CompletableFuture<>();
            try (LiveServer s = LiveServer.start(recordingScope(seen), VT); RawConnection c = s.connect()) {
                c.send("GET /users HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(200, c.read().status());
            }
            assertEquals("", await(seen).rootPath());
        }
    }

    @Nested
    class FileBodies {
        @Test
        void servesExactlyTheRequestedRangeOfAFile(@TempDir Path dir) throws Exception {
            Path file = Files.writeString(dir.resolve("digits.txt"), "0123456789abcdef").toAbsolutePath();
            Application app = TestApps.http((scope, rc, sd) -> {
                receive(rc);
                send(sd, new HttpResponseStart(206, Headers.of("content-type", "text/plain")));
                send(sd, new HttpResponseFile(file, 4, OptionalLong.of(6)));
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("GET /digits HTTP/1.1\r\nHost: x\r\n\r\n");
                RawConnection.Response r = c.read();
                assertEquals(206, r.status());
                assertEquals("456789", r.text());
                assertEquals(Optional.of("6"), r.headers().first("content-length"));
                c.send("GET /again HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("456789", c.read().text(), "the connection stays usable after a file body");
            }
        }

        @Test
        void servesTheRestOfTheFileWhenNoLengthIsGiven(@TempDir Path dir) throws Exception {
            Path file = Files.writeString(dir.resolve("digits.txt"), "0123456789").toAbsolutePath();
            Application app = TestApps.http((scope, rc, sd) -> {
                receive(rc);
                send(sd, new HttpResponseStart(200, Headers.empty()));
                send(sd, new HttpResponseFile(file, 7, OptionalLong.empty()));
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("789", c.read().text());
            }
        }

        @Test
        void failsTheSendOfAMissingFileAndLetsTheApplicationStillFinishTheResponse(@TempDir Path dir) throws Exception {
            Path missing = dir.resolve("missing.txt").toAbsolutePath();
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            Application app = TestApps.http((scope, rc, sd) -> {
                receive(rc);
                send(sd, new HttpResponseStart(200, Headers.of("content-type", "text/plain")));
                try {
                    send(sd, HttpResponseFile.of(missing));
                    failure.complete(null);
                } catch (CompletionException e) {
                    failure.complete(e.getCause());
                }
                // The failed send moved nothing: the response still waits for its body. Its status is settled,
                // though; an application that wants a 404 checks the file before http.response.start (spec).
                send(sd, HttpResponseBody.last(Bytes.ascii("file gone")));
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("GET /missing.txt HTTP/1.1\r\nHost: x\r\n\r\n");
                RawConnection.Response r = c.read();
                assertEquals(200, r.status());
                assertEquals("file gone", r.text());
                c.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("file gone", c.read().text(), "the connection stays usable");
            }
            Throwable cause = failure.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            UncheckedIOException io = assertInstanceOf(UncheckedIOException.class, cause, "the send must fail");
            assertInstanceOf(NoSuchFileException.class, io.getCause());
        }
    }

    @Nested
    class BodyLimit {
        @Test
        void answers413ToADeclaredContentLengthOverTheLimitWithoutCallingTheApplication() throws Exception {
            AtomicInteger calls = new AtomicInteger();
            Application app = TestApps.http((scope, rc, sd) -> {
                calls.incrementAndGet();
                text(sd, 200, "called");
            });
            try (LiveServer s = new LiveServer(app, ServerConfig.builder().executionMode(VT).maxBodyBytes(10));
                    RawConnection c = s.connect()) {
                c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n");
                assertEquals(413, c.read(false, "POST").status());
                assertTrue(c.closedByServer(), "the connection closes after a 413");
            }
            assertEquals(0, calls.get());
        }

        @Test
        void acceptsABodyOfExactlyTheLimit() throws Exception {
            Application app = TestApps.http((scope, rc, sd) -> text(sd, 200, TestApps.readBody(rc, null).utf8()));
            try (LiveServer s = new LiveServer(app, ServerConfig.builder().executionMode(VT).maxBodyBytes(10));
                    RawConnection c = s.connect()) {
                c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789");
                assertEquals("0123456789", c.read(false, "POST").text());
            }
        }

        @Test
        void answers413WhenAChunkedBodyGrowsPastTheLimitAndTellsTheApplicationWhy() throws Exception {
            CountDownLatch firstPieceRead = new CountDownLatch(1);
            CompletableFuture<List<Object>> seen = new CompletableFuture<>();
            Application app = TestApps.http((scope, rc, sd) -> {
                List<Object> log = new ArrayList<>();
                while (true) {
                    Event e = receive(rc);
                    log.add(e);
                    firstPieceRead.countDown();
                    if (!(e instanceof HttpRequest piece) || !piece.more()) {
                        break;
                    }
                }
                log.add(scope.connection().disconnectReason());
                seen.complete(log);
            });
            try (LiveServer s = new LiveServer(app, ServerConfig.builder().executionMode(VT).maxBodyBytes(10));
                    RawConnection c = s.connect()) {
                c.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
                assertTrue(firstPieceRead.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the first piece arrives");
                c.send("6\r\n world\r\n"); // 11 bytes in all, one over the limit
                assertEquals(413, c.read(false, "POST").status());
                assertTrue(c.closedByServer(), "the connection closes after a 413");
            }
            assertEquals(List.of(new HttpRequest(Bytes.ascii("hello"), true), new HttpDisconnect(),
                    Optional.of(DisconnectReason.BODY_TOO_LARGE)), seen.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Nested
    class ClientClosingMidRequest {
        /**
         * The spec's reason table (spec/docs/www.md, "Disconnect reasons") gives {@code client_closed} for "the client
         * closed the connection cleanly (TCP FIN) mid-request", as the test client reports it; the parser sees the
         * same FIN as an incomplete message, which is not a {@code protocol_error}.
         */
        @Test
        void reportsClientClosedWhenTheClientClosesInsideTheRequestBody() throws Exception {
            CountDownLatch firstPieceRead = new CountDownLatch(1);
            CompletableFuture<List<Object>> seen = new CompletableFuture<>();
            Application app = TestApps.http((scope, rc, sd) -> {
                List<Object> log = new ArrayList<>();
                Event e = receive(rc);
                log.add(e);
                firstPieceRead.countDown();
                log.add(receive(rc));
                log.add(scope.connection().disconnectReason());
                seen.complete(log);
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nhalf a bo");
                assertTrue(firstPieceRead.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the first piece arrives");
                c.shutdownOutput(); // a clean FIN, 91 bytes short of the declared length
                assertEquals(List.of(new HttpRequest(Bytes.ascii("half a bo"), true), new HttpDisconnect(),
                        Optional.of(DisconnectReason.CLIENT_CLOSED)), seen.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            }
        }
    }
}
