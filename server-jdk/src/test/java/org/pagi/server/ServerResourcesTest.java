package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.server.TestApps.receive;
import static org.pagi.server.TestApps.send;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.ProcessResources.Snapshot;
import org.pagi.server.tls.TestCertificates;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.SseScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.SseClose;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;

/**
 * A cleartext and a TLS server take 100,000 requests over 10,078 connections of every kind at once (pipelined
 * keep-alive, {@code Connection: close}, TLS, WebSocket, SSE), every answer checked, and afterwards hold what they
 * held before: file descriptors, connections, threads (platform by name, virtual by count), application calls
 * and heap.
 */
class ServerResourcesTest {
    private static final int KEEP_ALIVE_CONNECTIONS = 78;
    private static final int REQUESTS_PER_KEEP_ALIVE = 1_000; // the default maxRequestsPerConnection: the last answer closes
    private static final int PIPELINE = 100;
    private static final int CLOSE_CONNECTIONS = 7_000;
    private static final int TLS_CONNECTIONS = 500;
    private static final int REQUESTS_PER_TLS = 30;
    private static final int WEBSOCKETS = 2_480;
    private static final int MESSAGES_PER_WEBSOCKET = 4;
    private static final int SSE_STREAMS = 20;
    private static final int EVENTS_PER_STREAM = 5;
    /** Read timeout per connection: 10,000 connections on a loaded 2-core machine can stall one for seconds. */
    private static final java.time.Duration PATIENCE = java.time.Duration.ofSeconds(30);
    /** Connections a job opens one after another; jobs of all kinds run interleaved on {@link #CLIENTS} threads. */
    private static final int BATCH = 100;
    private static final int CLIENTS = 16;

    /** Descriptors the JVM may open on its own meanwhile (a class path jar, the thread dump's file). */
    private static final int FD_TOLERANCE = 4;
    /**
     * Heap the run may leave behind: what pools and caches that are bounded keep (the client's TLS session cache
     * holds one session per server). Anything kept per connection or per request would be ten times this.
     */
    private static final long HEAP_TOLERANCE = 4L << 20;
    private static final String GET_EVENTS = "GET /events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n";

    private final AtomicInteger httpServed = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final SSLContext trusting = TestCertificates.get().clientTrusting();

    /** Echoes http paths, echoes WebSocket messages, streams a few SSE events; counts calls still running. */
    private Application app() {
        Application ws = ServerWebSocketTest.echo(new CompletableFuture<>());
        Application sse = ServerSseTest.sse((scope, rc, sd) -> {
            receive(rc);
            send(sd, new SseStart());
            for (int i = 0; i < EVENTS_PER_STREAM; i++) {
                send(sd, SseSend.data("n" + i));
            }
            send(sd, new SseClose());
        });
        return (scope, rc, sd) -> {
            Application target = switch (scope) {
                case HttpScope h -> {
                    httpServed.incrementAndGet();
                    yield TestApps.ECHO_PATH;
                }
                case WebSocketScope w -> ws;
                case SseScope s -> sse;
                default -> null;
            };
            if (target == null) {
                return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
            }
            running.incrementAndGet();
            CompletionStage<Void> done = target.call(scope, rc, sd);
            return done.whenComplete((v, e) -> running.decrementAndGet());
        };
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void givesBackEveryDescriptorThreadAndByteAfter100000RequestsOver10000Connections() throws Exception {
        Map<String, Integer> threadsWithoutServers = ProcessResources.platformThreads();
        Application app = app();
        LiveServer plain = LiveServer.start(app, ExecutionMode.VIRTUAL_THREADS);
        LiveServer tls = ServerTlsTest.server(app, ExecutionMode.EVENT_LOOP,
                TestCertificates.get().serverPem().build());
        try (plain; tls) {
            run(warmUp(plain.port(), tls.port()));
            assertEquals(0, ProcessResources.awaitAtMost(() -> open(plain, tls), 0, 10));
            httpServed.set(0);
            Snapshot before = Snapshot.take();

            long start = System.nanoTime();
            run(jobs(plain.port(), tls.port()));
            long runMillis = (System.nanoTime() - start) / 1_000_000;

            assertEquals(KEEP_ALIVE_CONNECTIONS * REQUESTS_PER_KEEP_ALIVE + CLOSE_CONNECTIONS
                    + TLS_CONNECTIONS * REQUESTS_PER_TLS, httpServed.get(), "every http request reached the app");
            assertEquals(0, ProcessResources.awaitAtMost(() -> open(plain, tls), 0, 10), "connections left open");
            assertEquals(0, ProcessResources.awaitAtMost(running::get, 0, 10), "application calls never finished");
            long fds = ProcessResources.awaitAtMost(ProcessResources::openFds, before.fds() + FD_TOLERANCE,
                    10);
            Snapshot after = Snapshot.take();
            String report = "run " + runMillis + " ms; before: " + before + "; after: " + after;
            System.out.println(report);

            assertTrue(fds <= before.fds() + FD_TOLERANCE, "file descriptors leaked; " + report);
            assertEquals(List.of(), serverGrowth(before.platformThreads(), after.platformThreads()),
                    "platform threads grew; " + report);
            long virtual = ProcessResources.awaitAtMost(ProcessResources::virtualThreads,
                    before.virtualThreads(), 10);
            assertTrue(virtual <= before.virtualThreads(), "virtual threads leaked; " + report);
            assertTrue(after.heapBytes() <= before.heapBytes() + HEAP_TOLERANCE, "heap grew; " + report);
        }
        assertEquals(List.of(), ProcessResources.grown(threadsWithoutServers, ProcessResources.platformThreads())
                .stream().filter(t -> t.startsWith("pagi-")).toList(), "closed servers leave no thread of theirs");
    }

    private static long open(LiveServer... servers) {
        long n = 0;
        for (LiveServer s : servers) {
            n += s.server.openConnections();
        }
        return n;
    }

    /**
     * @return platform threads that grew, leaving out the JDK's own fork-join workers (the virtual-thread
     *         scheduler's carriers and the common pool's): the JDK adds them under load and retires them after an
     *         idle spell of its own choosing
     */
    private static List<String> serverGrowth(Map<String, Integer> before, Map<String, Integer> after) {
        return ProcessResources.grown(before, after).stream()
                .filter(t -> !t.startsWith("ForkJoinPool-#-worker-#") && !t.startsWith("ForkJoinPool.commonPool-"))
                .toList();
    }

    private List<Callable<Void>> warmUp(int plainPort, int tlsPort) {
        return List.of(() -> keepAlive(plainPort, -1, 2 * PIPELINE), () -> closing(plainPort, -1, 20),
                () -> tls(tlsPort, -1, 5), () -> websockets(plainPort, -1, 20), () -> sse(plainPort));
    }

    /** @return the whole load as jobs of about equal weight, in a random order so that every kind overlaps */
    private List<Callable<Void>> jobs(int plainPort, int tlsPort) {
        List<Callable<Void>> jobs = new ArrayList<>();
        for (int i = 0; i < KEEP_ALIVE_CONNECTIONS; i++) {
            int id = i;
            jobs.add(() -> keepAlive(plainPort, id, REQUESTS_PER_KEEP_ALIVE));
        }
        for (int i = 0; i < CLOSE_CONNECTIONS / BATCH; i++) {
            int id = i;
            jobs.add(() -> closing(plainPort, id, BATCH));
        }
        for (int i = 0; i < TLS_CONNECTIONS / 10; i++) {
            int id = i;
            jobs.add(() -> tls(tlsPort, id, 10));
        }
        for (int i = 0; i < WEBSOCKETS / 80; i++) {
            int id = i;
            jobs.add(() -> websockets(plainPort, id, 80));
        }
        for (int i = 0; i < SSE_STREAMS; i++) {
            jobs.add(() -> sse(plainPort));
        }
        Collections.shuffle(jobs);
        return jobs;
    }

    /** Runs the jobs on {@link #CLIENTS} virtual threads; the first failure fails the test. */
    private static void run(List<Callable<Void>> jobs) throws Exception {
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS, Thread.ofVirtual().name("client-", 0)
                .factory())) {
            List<Future<Void>> done = clients.invokeAll(jobs);
            for (Future<Void> f : done) {
                f.get();
            }
        }
    }

    /** One connection, {@code requests} requests pipelined {@link #PIPELINE} at a time. */
    private static Void keepAlive(int port, int id, int requests) throws IOException {
        try (RawConnection c = new RawConnection(port).timeout(PATIENCE)) {
            exchange(c, "/k" + id + "-", requests, false);
        }
        return null;
    }

    /** {@code n} connections of one request each, the request asking to close. */
    private static Void closing(int port, int id, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            try (RawConnection c = new RawConnection(port).timeout(PATIENCE)) {
                exchange(c, "/c" + id + "-" + i + "-", 1, true);
            }
        }
        return null;
    }

    /** {@code n} TLS connections of {@link #REQUESTS_PER_TLS} requests, the last one asking to close. */
    private Void tls(int port, int id, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            Socket tcp = new Socket();
            tcp.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket(tcp, "localhost", port, true);
            try (RawConnection c = new RawConnection(socket).timeout(PATIENCE)) {
                exchange(c, "/t" + id + "-" + i + "-", REQUESTS_PER_TLS, true);
            }
        }
        return null;
    }

    /**
     * Sends {@code requests} GETs of {@code prefix + i}, at most {@link #PIPELINE} before reading, and checks each
     * echo; with {@code close}, the last asks to close and the server must then end the connection.
     */
    private static void exchange(RawConnection c, String prefix, int requests, boolean close) throws IOException {
        for (int first = 0; first < requests; first += PIPELINE) {
            int last = Math.min(requests, first + PIPELINE);
            StringBuilder batch = new StringBuilder();
            for (int i = first; i < last; i++) {
                batch.append("GET ").append(prefix).append(i).append(" HTTP/1.1\r\nHost: x\r\n")
                        .append(close && i == requests - 1 ? "Connection: close\r\n\r\n" : "\r\n");
            }
            c.send(batch.toString());
            for (int i = first; i < last; i++) {
                RawConnection.Response r = c.read();
                assertEquals(200, r.status());
                assertEquals("GET " + prefix + i, r.text());
            }
        }
        if (close) {
            assertTrue(c.closedByServer(), "the server ends a connection whose last request asked to close");
        }
    }

    /** {@code n} WebSockets: handshake, a few echoed messages, a clean close from the client. */
    private static Void websockets(int port, int id, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            try (WsClient ws = WsClient.open(port)) {
                for (int m = 0; m < MESSAGES_PER_WEBSOCKET; m++) {
                    String text = "w" + id + "-" + i + "-" + m;
                    ws.sendText(text);
                    assertEquals(text, ws.message().asText().orElseThrow());
                }
                ws.close(1000, "done");
                assertEquals(1000, ws.expectClose().code());
                assertTrue(ws.closedByServer(), "the server ends TCP after the closing handshake");
            }
        }
        return null;
    }

    /** One SSE stream read to its end. */
    private static Void sse(int port) throws IOException {
        try (RawConnection c = new RawConnection(port)) {
            c.send(GET_EVENTS);
            String stream = c.readUntil("0\r\n\r\n");
            assertTrue(stream.startsWith("HTTP/1.1 200 "), stream);
            for (int i = 0; i < EVENTS_PER_STREAM; i++) {
                assertTrue(stream.contains("data: n" + i + "\n\n"), "event " + i + " in " + stream);
            }
            assertTrue(c.closedByServer(), "the server ends the connection with the stream");
        }
        return null;
    }
}
