package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.server.TestApps.readBody;
import static org.pagi.server.TestApps.receive;
import static org.pagi.server.TestApps.send;
import static org.pagi.server.TestApps.text;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.server.tls.ClientHellos;
import org.pagi.server.tls.TestCertificates;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketReceive;

/**
 * Hostile bytes over real sockets: garbage, oversized heads, endless bodies, absurd WebSocket lengths and TLS
 * records that never finish. Each is cut off early with bounded memory, the server keeps serving, and nothing
 * reaches the log as an error (no exception escapes to a selector loop).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerHostileInputTest {
    private static final int MIB = 1024 * 1024;
    /** What one held connection may cost the server, all buffers included: 8 times the 8 KiB head limit. */
    private static final long BYTES_PER_HELD_CONNECTION = 64 * 1024;
    private static final int HELD_CONNECTIONS = 200;

    private final HostileRun run = new HostileRun();
    private final CompletableFuture<Void> release = new CompletableFuture<>();

    @AfterEach
    void nothingAlarmingWasLogged() {
        release.complete(null);
        run.close();
        assertEquals(List.of(), run.alarming(), "records the server logged during the hostile run");
    }

    /** GET / answers "ok"; POST /read reads the body whole; POST /hold waits for {@link #release} first. */
    private Application app() {
        return (scope, receive, sendTo) -> switch (scope) {
            case HttpScope http -> CompletableFuture.runAsync(() -> {
                if (http.path().equals("/hold")) {
                    release.join();
                }
                text(sendTo, 200, http.path().equals("/") ? "ok" : "read " + readBody(receive, null).length());
            }, task -> Thread.ofVirtual().start(task));
            case WebSocketScope ws -> CompletableFuture.runAsync(() -> {
                receive(receive); // websocket.connect
                send(sendTo, new WebSocketAccept());
                while (receive(receive) instanceof WebSocketReceive) {
                    // keep reading until the disconnect
                }
            }, task -> Thread.ofVirtual().start(task));
            default -> CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        };
    }

    private LiveServer server(ServerConfig.Builder config) throws IOException {
        return new LiveServer(app(), config.executionMode(ExecutionMode.VIRTUAL_THREADS).loops(2)
                .shutdownGrace(Duration.ofSeconds(2)));
    }

    private LiveServer server() throws IOException {
        return server(ServerConfig.builder());
    }

    private static void stillServes(LiveServer s) throws IOException {
        try (RawConnection c = s.connect()) {
            RawConnection.Response r = c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertEquals(200, r.status());
            assertEquals("ok", r.text());
        }
    }

    @Test
    void randomBytesGetAnErrorStatusOrACloseNeverAHang() throws Exception {
        try (LiveServer s = server()) {
            for (long seed : new long[] {1, 2, 3, 42, 2026}) {
                Random random = new Random(seed);
                for (int length : new int[] {1, 7, 300, 5000, 9000, 70_000}) {
                    byte[] garbage = new byte[length];
                    random.nextBytes(garbage);
                    String answer = answerToClose(s, garbage);
                    assertTrue(answer.isEmpty() || answer.matches("(?s)HTTP/1\\.1 [45]\\d\\d .*"),
                            "seed " + seed + ", " + length + " bytes: " + answer.lines().findFirst().orElse(""));
                }
            }
            stillServes(s);
        }
    }

    /** Sends {@code bytes}, ends the output, and returns what the server wrote until it closed (or reset). */
    private static String answerToClose(LiveServer s, byte[] bytes) throws IOException {
        try (RawConnection c = s.connect()) {
            try {
                c.send(bytes).shutdownOutput();
            } catch (IOException refusedMidway) {
                // the server answered and closed before taking everything: what it wrote is read below
            }
            InputStream in = c.socket().getInputStream();
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    got.write(buf, 0, n);
                }
            } catch (SocketTimeoutException hang) {
                throw new AssertionError("the server neither answered nor closed within 5 s", hang);
            } catch (SocketException reset) {
                // a reset after the answer ends the connection as a close does
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aMebibyteRequestLineIs414BeforeTheClientHasSentIt() throws Exception {
        try (LiveServer s = server()) {
            answeredEarly(s, "GET /" + "a".repeat(MIB) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414);
            stillServes(s);
        }
    }

    @Test
    void aMebibyteHeaderIs431BeforeTheClientHasSentIt() throws Exception {
        try (LiveServer s = server()) {
            answeredEarly(s, "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(MIB) + "\r\n\r\n", 431);
            stillServes(s);
        }
    }

    /**
     * Writes only the first 16 KiB of {@code request}: the whole error response comes, and then the close, while
     * the rest of the mebibyte is still unsent. The server answers from what it has; it never waits for the end.
     */
    private static void answeredEarly(LiveServer s, String request, int status) throws IOException {
        byte[] all = request.getBytes(StandardCharsets.ISO_8859_1);
        int first = 16 * 1024;
        try (RawConnection c = s.connect()) {
            c.send(Arrays.copyOf(all, first));
            RawConnection.Response r = c.read();
            assertEquals(status, r.status(), "answer after " + first + " of " + all.length + " bytes");
            assertTrue(c.closedByServer(), "the connection stayed open after the " + status);
        }
    }

    @Test
    void aNeverEndingChunkedBodyIs413AtTheBodyLimit() throws Exception {
        Http1Limits limits = Http1Limits.defaults().withMaxBodyBytes(MIB);
        try (LiveServer s = server(ServerConfig.builder().limits(limits)); RawConnection c = s.connect()) {
            c.send("POST /read HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = ("4000\r\n" + "c".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            CompletableFuture<Long> written = CompletableFuture.supplyAsync(() -> {
                long total = 0;
                try {
                    while (true) {
                        c.send(chunk);
                        total += 0x4000;
                    }
                } catch (IOException closed) {
                    return total;
                }
            }, task -> Thread.ofVirtual().start(task));
            assertEquals(413, c.read().status());
            long total = written.get(10, TimeUnit.SECONDS);
            assertTrue(total >= MIB, "the client wrote only " + total + " body bytes");
            stillServes(s);
        }
    }

    @Test
    void aBodyTheApplicationDoesNotReadStallsTheClientThenMeets413() throws Exception {
        long limit = 64L * MIB;
        Http1Limits limits = Http1Limits.defaults().withMaxBodyBytes(limit);
        try (LiveServer s = server(ServerConfig.builder().limits(limits).bodyTimeout(Duration.ofSeconds(30)));
                SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", s.port()))) {
            ch.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 64 * 1024);
            ch.write(ByteBuffer.wrap(("POST /hold HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1)));
            ch.configureBlocking(false);
            byte[] chunk = ("4000\r\n" + "c".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            ByteBuffer pending = ByteBuffer.wrap(chunk);
            long stalled = writeUntilStalled(ch, chunk, pending);
            System.out.println("hostile: body the application does not read stalled its client after "
                    + stalled + " bytes (limit " + limit + ")");
            assertTrue(stalled < limit / 4, "the server took " + stalled + " bytes nobody read");
            release.complete(null); // the application reads now: the body goes on until the limit
            ch.configureBlocking(true);
            long total = stalled;
            try {
                while (total <= limit + MIB) {
                    if (!pending.hasRemaining()) {
                        pending = ByteBuffer.wrap(chunk);
                    }
                    total += ch.write(pending);
                }
            } catch (IOException closed) {
                // the server answered 413 and closed
            }
            ch.configureBlocking(true);
            ch.socket().setSoTimeout(5000);
            String answer = new String(ch.socket().getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            assertEquals("HTTP/1.1 413", answer);
            stillServes(s);
        }
    }

    /**
     * Writes chunks without blocking until three consecutive rounds of 200 ms make no progress: the server and
     * both kernels then hold all they will take. No progress is the condition itself, so it takes a time window.
     */
    private static long writeUntilStalled(SocketChannel ch, byte[] chunk, ByteBuffer pending) throws Exception {
        long total = 0;
        int idleRounds = 0;
        while (idleRounds < 3) {
            long before = total;
            long deadline = System.nanoTime() + Duration.ofMillis(200).toNanos();
            while (System.nanoTime() < deadline) {
                if (!pending.hasRemaining()) {
                    pending.clear();
                }
                int n = ch.write(pending);
                total += n;
                if (n == 0) {
                    Thread.onSpinWait();
                    Thread.sleep(5); // poll the socket; the stall has no event of its own to await
                }
            }
            idleRounds = total == before ? idleRounds + 1 : 0;
            if (total > 1L << 30) {
                throw new AssertionError("1 GiB went into a body nobody reads");
            }
        }
        return total;
    }

    @Test
    void aWebSocketFrameClaiming2To63MinusOneBytesIsClosed1009AtOnce() throws Exception {
        closedFromTheHeaderAlone(0x7FFF_FFFF_FFFF_FFFFL, 1009);
    }

    @Test
    void aWebSocketLengthWithItsMostSignificantBitSetIsClosed1002AtOnce() throws Exception {
        closedFromTheHeaderAlone(0x8000_0000_0000_0005L, 1002);
    }

    /** Sends a binary frame header claiming {@code length} and no payload: the Close must come without it. */
    private void closedFromTheHeaderAlone(long length, int code) throws Exception {
        try (LiveServer s = server(); WsClient c = WsClient.open(s.port())) {
            c.raw(frameHeader(0x82, length));
            assertEquals(code, c.expectClose().code());
            assertTrue(c.closedByServer());
            stillServes(s);
        }
    }

    /** @return a masked frame header (FIN and opcode in {@code first}) with a 64-bit length and no payload */
    private static byte[] frameHeader(int first, long length) {
        return ByteBuffer.allocate(14).put((byte) first).put((byte) (0x80 | 127)).putLong(length)
                .put(new byte[] {1, 2, 3, 4}).array();
    }

    @Test
    void aTlsRecordThatNeverFinishesIsClosedByTheDeadline() throws Exception {
        ServerConfig.Builder config = ServerConfig.builder().tls(TestCertificates.get().serverPem().build())
                .keepAliveTimeout(Duration.ofMillis(500)).headerTimeout(Duration.ofSeconds(1));
        try (LiveServer s = server(config)) {
            byte[] bigRecord = {0x16, 0x03, 0x01, 0x40, 0x00, 0x01, 0x00, 0x3F, (byte) 0xFC};
            byte[] hugeRecord = {0x16, 0x03, 0x01, (byte) 0xFF, (byte) 0xFF, 0x01, 0x00, (byte) 0xFF, (byte) 0xFB};
            for (byte[] start : List.of(ClientHellos.unfinished(), bigRecord, hugeRecord)) {
                long began = System.nanoTime();
                String answer = answerAfterSilence(s, start);
                assertTrue(answer.isEmpty() || answer.charAt(0) == 0x15, "nothing or a TLS alert: " + answer);
                long took = System.nanoTime() - began;
                assertTrue(took < Duration.ofSeconds(3).toNanos(), "closed after " + Duration.ofNanos(took));
            }
            assertEquals(0, openConnectionsSoon(s), "connections left open");
        }
    }

    /** Sends {@code bytes}, then nothing (the output stays open), and reads until the server closes. */
    private static String answerAfterSilence(LiveServer s, byte[] bytes) throws IOException {
        try (RawConnection c = s.connect()) {
            c.send(bytes);
            return new String(c.readToClose(), StandardCharsets.ISO_8859_1);
        } catch (SocketException reset) {
            return "";
        }
    }

    private static int openConnectionsSoon(LiveServer s) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (s.server.openConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // the count has no event to await; the close itself was seen by the client
        }
        return s.server.openConnections();
    }

    @Test
    void twoHundredAlmostFullHeadsHoldBoundedMemory() throws Exception {
        byte[] almostFull = ("GET / HTTP/1.1\r\nHost: a\r\nX-Fill: " + "f".repeat(8000))
                .getBytes(StandardCharsets.ISO_8859_1);
        try (LiveServer s = server()) {
            heldCost(s, almostFull, "almost-full heads");
        }
    }

    @Test
    void twoHundredPartialTlsRecordsHoldBoundedMemory() throws Exception {
        byte[] partial = new byte[5 + 16_000];
        partial[0] = 0x16;
        partial[1] = 0x03;
        partial[2] = 0x01;
        partial[3] = 0x40; // a record of 16 KiB, of which 16,000 bytes come
        try (LiveServer s = server(ServerConfig.builder().tls(TestCertificates.get().serverPem().build()))) {
            heldCost(s, partial, "partial TLS records");
        }
    }

    /** Holds {@link #HELD_CONNECTIONS} connections that each sent {@code bytes}, and bounds the heap they cost. */
    private void heldCost(LiveServer s, byte[] bytes, String what) throws Exception {
        warmUp(s, bytes);
        long before = HostileRun.usedHeapAfterGc();
        List<RawConnection> held = new ArrayList<>();
        try {
            for (int i = 0; i < HELD_CONNECTIONS; i++) {
                held.add(s.connect().send(bytes));
            }
            for (int i = 0; i < 4; i++) {
                probe(s); // each answer is a later loop turn than every held connection's read readiness
            }
            assertTrue(s.server.openConnections() >= HELD_CONNECTIONS, "held " + s.server.openConnections());
            long grew = HostileRun.usedHeapAfterGc() - before;
            System.out.println("hostile: " + HELD_CONNECTIONS + " " + what + " of " + bytes.length
                    + " bytes grew the heap by " + grew + " bytes (" + grew / HELD_CONNECTIONS + " per connection)");
            assertTrue(grew < HELD_CONNECTIONS * BYTES_PER_HELD_CONNECTION, what + " grew the heap by " + grew);
        } finally {
            for (RawConnection c : held) {
                c.close();
            }
        }
        assertEquals(0, openConnectionsSoon(s), "connections left open after the clients closed");
    }

    /** One held connection and its close before measuring, so the classes and pools are in place already. */
    private static void warmUp(LiveServer s, byte[] bytes) throws Exception {
        try (RawConnection c = s.connect()) {
            c.send(bytes);
            probe(s);
        }
        openConnectionsSoon(s);
    }

    /** A round trip on its own connection: a request on cleartext, a closed handshake attempt on TLS. */
    private static void probe(LiveServer s) throws IOException {
        if (s.server.config().tls().isPresent()) {
            try (Socket raw = new Socket("127.0.0.1", s.port())) {
                raw.setSoTimeout(5000);
                raw.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                assertEquals(-1, raw.getInputStream().read(), "plain HTTP on the TLS port is closed unanswered");
            }
        } else {
            stillServes(s);
        }
    }
}
