package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.server.TestApps.readBody;
import static org.pagi.server.TestApps.receive;
import static org.pagi.server.TestApps.send;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.tls.TestCertificates;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.SseScope;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseDisconnect;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketSend;

/**
 * Slow clients over real sockets, with short settings: a request body below the minimum rate, clients that stop
 * reading a response (HTTP, SSE, WebSocket, TLS), and 200 slow connections held open beside normal traffic.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerSlowClientTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Far beyond what the kernel buffers of a client that never reads can hold. */
    private static final int RESPONSE_CHUNKS = 1024;
    private static final Bytes CHUNK = Bytes.of(new byte[64 * 1024]);

    private static ServerConfig.Builder config() {
        return ServerConfig.builder().executionMode(ExecutionMode.VIRTUAL_THREADS).loops(2)
                .shutdownGrace(Duration.ofSeconds(2));
    }

    /** Polls {@code condition} until it holds, failing after {@link #WAIT}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(20);
        }
    }

    private static <T> T within(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Reads the request body, or returns the event that ended it (a disconnect). */
    private static Event readUntilEnd(org.pagi.spec.Receive rc) {
        while (true) {
            Event e = receive(rc);
            if (!(e instanceof org.pagi.spec.event.HttpRequest r) || !r.more()) {
                return e;
            }
        }
    }

    /** @return the first event of {@code type} that receive yields, skipping the others */
    private static Event receiveUntil(org.pagi.spec.Receive rc, Class<? extends Event> type) {
        Event e;
        do {
            e = receive(rc);
        } while (!type.isInstance(e));
        return e;
    }

    /** A client socket that takes little: its receive window stays small, so the server's writes stall soon. */
    private static Socket nonReader(int port, String request) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        return s;
    }

    /** Sends response chunks until the sends turn into no-ops, then reports the event receive yields. */
    private static Application bigResponse(CompletableFuture<Event> ended,
            CompletableFuture<Optional<DisconnectReason>> reason) {
        return TestApps.onVirtualThread(HttpScope.class, (scope, rc, sd) -> {
            receive(rc);
            send(sd, new HttpResponseStart(200, Headers.empty()));
            for (int i = 0; i < RESPONSE_CHUNKS; i++) {
                send(sd, HttpResponseBody.chunk(CHUNK)); // completes, after the drop as a no-op: never throws
            }
            ended.complete(receive(rc));
            reason.complete(scope.connection().disconnectReason());
        });
    }

    @Test
    void aBodyBelowTheMinimumRateGets408AndTheApplicationSeesTheDisconnect() throws Exception {
        CompletableFuture<Event> ended = new CompletableFuture<>();
        CompletableFuture<Optional<DisconnectReason>> reason = new CompletableFuture<>();
        Application app = TestApps.onVirtualThread(HttpScope.class, (scope, rc, sd) -> {
            ended.complete(readUntilEnd(rc));
            reason.complete(scope.connection().disconnectReason());
        });
        try (LiveServer s = new LiveServer(app, config().minBodyRate(1000).minBodyRateGrace(Duration.ofMillis(500)));
                RawConnection c = s.connect()) {
            c.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
            Thread trickle = Thread.ofVirtual().start(() -> trickle(c, 100));
            try {
                assertEquals(408, c.read().status());
                closedOrReset(c);
            } finally {
                trickle.interrupt();
            }
            assertInstanceOf(HttpDisconnect.class, within(ended));
            assertEquals(Optional.of(DisconnectReason.CLIENT_TIMEOUT), within(reason));
        }
    }

    /** Reads until the server closes or resets the connection, failing if it does neither in time. */
    private static void closedOrReset(RawConnection c) throws IOException {
        try {
            c.readToClose();
        } catch (java.net.SocketException reset) {
            // a reset is a close too
        }
    }

    /** Sends one body byte every {@code millis} until the server stops taking them or the thread is stopped. */
    private static void trickle(RawConnection c, long millis) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                c.send("a");
                Thread.sleep(millis);
            }
        } catch (IOException | InterruptedException stopped) {
            // the server cut the connection, or the test is over
        }
    }

    @Test
    void aBodyBelowTheMinimumRateAbortsAResponseAlreadyStarted() throws Exception {
        CompletableFuture<Event> ended = new CompletableFuture<>();
        Application app = TestApps.onVirtualThread(HttpScope.class, (scope, rc, sd) -> {
            send(sd, new HttpResponseStart(200, Headers.empty()));
            send(sd, HttpResponseBody.chunk(Bytes.ascii("started")));
            ended.complete(readUntilEnd(rc));
        });
        try (LiveServer s = new LiveServer(app, config().minBodyRate(1000).minBodyRateGrace(Duration.ofMillis(500)));
                RawConnection c = s.connect()) {
            c.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
            c.readUntil("started");
            Thread trickle = Thread.ofVirtual().start(() -> trickle(c, 100));
            try {
                closedOrReset(c); // the exchange is aborted
            } finally {
                trickle.interrupt();
            }
            assertInstanceOf(HttpDisconnect.class, within(ended));
        }
    }

    @Test
    void timeTheApplicationSpendsNotReadingDoesNotCountAgainstTheBodyRate() throws Exception {
        int size = 1024 * 1024;
        // 1 MiB/s after 300 ms: the upload itself takes a few milliseconds of loopback, but the two seconds the
        // application does not read (reading paused at the high-water mark) would sink the average far below it.
        Application app = TestApps.onVirtualThread(HttpScope.class, (scope, rc, sd) -> {
            Thread.sleep(2000); // the application is busy: the body waits in the socket
            TestApps.text(sd, 200, "got " + readBody(rc, null).length());
        });
        try (LiveServer s = new LiveServer(app, config().minBodyRate(1024 * 1024)
                .minBodyRateGrace(Duration.ofMillis(300))); RawConnection c = s.connect()) {
            c.socket().setSoTimeout(10_000);
            c.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n");
            c.send(new byte[size]);
            RawConnection.Response r = c.read();
            assertEquals(200, r.status());
            assertEquals("got " + size, r.text());
        }
    }

    @Test
    void aClientWaitingForTheContinueItAskedForIsNotJudgedUntilAskedForTheBody() throws Exception {
        // The application takes two seconds to ask for the body; a client that sent Expect: 100-continue waits for
        // the 100 meanwhile, which must not count as a body arriving at zero bytes per second.
        Application app = TestApps.onVirtualThread(HttpScope.class, (scope, rc, sd) -> {
            Thread.sleep(2000);
            TestApps.text(sd, 200, "got " + readBody(rc, null).length());
        });
        try (LiveServer s = new LiveServer(app, config().minBodyRate(1024 * 1024)
                .minBodyRateGrace(Duration.ofMillis(300))); RawConnection c = s.connect()) {
            c.socket().setSoTimeout(10_000);
            c.send("POST /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n");
            assertTrue(c.readUntil("\r\n\r\n").startsWith("HTTP/1.1 100 "));
            c.send(new byte[5000]);
            c.readUntil("got 5000");
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedAfterTheWriteTimeoutAndSaid() throws Exception {
        CompletableFuture<Event> ended = new CompletableFuture<>();
        CompletableFuture<Optional<DisconnectReason>> reason = new CompletableFuture<>();
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger("org.pagi.server.transport.NioConnection");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try (LiveServer s = new LiveServer(bigResponse(ended, reason), config().writeTimeout(Duration.ofSeconds(1)));
                Socket client = nonReader(s.port(), "GET /big HTTP/1.1\r\nHost: x\r\n\r\n")) {
            assertInstanceOf(HttpDisconnect.class, within(ended), "every send completed, then the disconnect");
            assertEquals(Optional.of(DisconnectReason.WRITE_TIMEOUT), within(reason));
            await("the connection is closed", () -> s.server.openConnections() == 0);
            assertTrue(logged.stream().anyMatch(m -> m.startsWith("write timeout: ")), logged.toString());
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void aClientThatReadsSlowlyButSteadilyIsNotDropped() throws Exception {
        int size = 12 * 1024 * 1024; // more than the kernel buffers between the two hold
        CompletableFuture<Optional<DisconnectReason>> reason = new CompletableFuture<>();
        Application app = TestApps.onVirtualThread(HttpScope.class, (scope, rc, sd) -> {
            receive(rc);
            send(sd, new HttpResponseStart(200, Headers.of("content-length", String.valueOf(size))));
            // one piece: it waits in the write queue for seconds, taken a little at a time
            send(sd, HttpResponseBody.last(Bytes.of(new byte[size])));
            reason.complete(scope.connection().disconnectReason());
        });
        // 3 s, not 1 s: a reader thread descheduled for a second on a loaded machine is still "steady".
        try (LiveServer s = new LiveServer(app, config().writeTimeout(Duration.ofSeconds(3)));
                Socket client = nonReader(s.port(), "GET /slowly HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) {
            client.setSoTimeout(10_000);
            java.io.InputStream in = client.getInputStream();
            byte[] buf = new byte[8 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
                Thread.sleep(1); // a reader of a few MiB/s: slower than the server, but it keeps taking bytes
            }
            assertTrue(total > size, "the whole response arrived: " + total);
            assertEquals(Optional.empty(), within(reason));
        }
    }

    @Test
    void anSseStreamToAClientThatStopsReadingEndsWithWriteTimeout() throws Exception {
        CompletableFuture<Event> ended = new CompletableFuture<>();
        String data = "x".repeat(16 * 1024);
        Application app = TestApps.onVirtualThread(SseScope.class, (scope, rc, sd) -> {
            send(sd, new SseStart());
            for (int i = 0; i < RESPONSE_CHUNKS * 4; i++) {
                send(sd, SseSend.data(data));
            }
            ended.complete(receiveUntil(rc, SseDisconnect.class));
        });
        try (LiveServer s = new LiveServer(app, config().writeTimeout(Duration.ofSeconds(1)));
                Socket client = nonReader(s.port(),
                        "GET /events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")) {
            assertEquals(new SseDisconnect(DisconnectReason.WRITE_TIMEOUT), within(ended));
            await("the connection is closed", () -> s.server.openConnections() == 0);
        }
    }

    @Test
    void aWebSocketToAClientThatStopsReadingEndsWithWriteTimeout() throws Exception {
        CompletableFuture<Event> ended = new CompletableFuture<>();
        Application app = TestApps.onVirtualThread(WebSocketScope.class, (scope, rc, sd) -> {
            receive(rc); // websocket.connect
            send(sd, new WebSocketAccept());
            for (int i = 0; i < RESPONSE_CHUNKS; i++) {
                send(sd, WebSocketSend.bytes(CHUNK));
            }
            ended.complete(receiveUntil(rc, WebSocketDisconnect.class));
        });
        try (LiveServer s = new LiveServer(app, config().writeTimeout(Duration.ofSeconds(1)));
                WsClient ws = WsClient.open(s.port())) {
            // the client reads the handshake, then nothing more
            assertEquals(new WebSocketDisconnect(WebSocketDisconnect.ABNORMAL, "write_timeout"), within(ended));
            await("the connection is closed", () -> s.server.openConnections() == 0);
        }
    }

    @Test
    void aTlsClientThatStopsReadingIsDroppedAfterTheWriteTimeout() throws Exception {
        TestCertificates certs = TestCertificates.get();
        CompletableFuture<Event> ended = new CompletableFuture<>();
        CompletableFuture<Optional<DisconnectReason>> reason = new CompletableFuture<>();
        try (LiveServer s = new LiveServer(bigResponse(ended, reason), config().writeTimeout(Duration.ofSeconds(1))
                .tls(certs.serverPem().build()));
                SSLSocket client = (SSLSocket) certs.clientTrusting().getSocketFactory().createSocket()) {
            client.setReceiveBufferSize(4096);
            client.connect(new InetSocketAddress("127.0.0.1", s.port()), 5000);
            client.startHandshake();
            OutputStream out = client.getOutputStream();
            out.write("GET /big HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertInstanceOf(HttpDisconnect.class, within(ended));
            assertEquals(Optional.of(DisconnectReason.WRITE_TIMEOUT), within(reason));
            await("the connection is closed", () -> s.server.openConnections() == 0);
        }
    }

    @Test
    void settingsAreCheckedNamingTheBadOne() {
        assertEquals("minBodyRate must be 0 (off) or more bytes per second, got -1", assertThrowsBad(
                () -> ServerConfig.builder().minBodyRate(-1).build()));
        assertEquals("minBodyRateGrace must be positive, got PT0S", assertThrowsBad(
                () -> ServerConfig.builder().minBodyRateGrace(Duration.ZERO).build()));
        assertEquals("writeTimeout must be positive, got PT-1S", assertThrowsBad(
                () -> ServerConfig.builder().writeTimeout(Duration.ofSeconds(-1)).build()));
        ServerConfig defaults = ServerConfig.builder().build();
        assertEquals(1024, defaults.minBodyRate());
        assertEquals(Duration.ofSeconds(5), defaults.minBodyRateGrace());
        assertEquals(Duration.ofSeconds(30), defaults.writeTimeout());
    }

    private static String assertThrowsBad(org.junit.jupiter.api.function.Executable build) {
        return org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, build).getMessage();
    }
}
