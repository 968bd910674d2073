package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pagi.server.TestApps.readBody;
import static org.pagi.server.TestApps.receive;
import static org.pagi.server.TestApps.send;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;

/**
 * 200 slow connections (100 trickling a request head, 50 trickling a body, 50 never reading a large response)
 * held open while 200 normal requests on other connections are served, each with its own body; then the header
 * deadline, the minimum body rate and the write deadline cut every slow connection.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ServerSlowCrowdTest {
    private static final int HEAD_TRICKLERS = 100;
    private static final int BODY_TRICKLERS = 50;
    private static final int NON_READERS = 50;
    private static final int WORKERS = 8;
    private static final int REQUESTS_PER_WORKER = 25;
    private static final Bytes CHUNK = Bytes.of(new byte[64 * 1024]);

    /** Big responses for {@code /big}, bodies echoed for {@code /echo}, bodies read for {@code /upload}. */
    private static final Application APP = TestApps.onVirtualThread(HttpScope.class, (scope, rc, sd) -> {
        switch (scope.path()) {
            case "/big" -> {
                receive(rc);
                send(sd, new HttpResponseStart(200, Headers.empty()));
                for (int i = 0; i < 1024; i++) {
                    send(sd, HttpResponseBody.chunk(CHUNK)); // no-ops once the client is dropped
                }
            }
            case "/echo" -> {
                Bytes body = readBody(rc, null);
                send(sd, new HttpResponseStart(200, Headers.of("content-type", "text/plain")));
                send(sd, HttpResponseBody.last(body));
            }
            case "/upload" -> TestApps.text(sd, 200, "got " + readBody(rc, null).length());
            default -> TestApps.text(sd, 200, "hello " + scope.path());
        }
    });

    /** A slow client that sends one byte per round until the server stops taking them. */
    private static final class Trickler {
        final Socket socket;
        final byte[] bytes;
        int sent;
        volatile boolean cut;

        Trickler(int port, byte[] bytes) throws IOException {
            this.socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            this.bytes = bytes;
        }

        void nextByte() {
            if (cut || sent == bytes.length) {
                return;
            }
            try {
                OutputStream out = socket.getOutputStream();
                out.write(bytes[sent++]);
                out.flush();
            } catch (IOException e) {
                cut = true; // the server closed it
            }
        }
    }

    @Test
    void twoHundredSlowConnectionsDoNotStopNormalTrafficAndAreAllCutAtTheirDeadlines() throws Exception {
        ServerConfig.Builder config = ServerConfig.builder().executionMode(ExecutionMode.VIRTUAL_THREADS).loops(2)
                .shutdownGrace(Duration.ofSeconds(2)).headerTimeout(Duration.ofSeconds(6))
                .bodyTimeout(Duration.ofSeconds(60)).minBodyRate(1000).minBodyRateGrace(Duration.ofSeconds(4))
                .writeTimeout(Duration.ofSeconds(5));
        List<Trickler> tricklers = new ArrayList<>();
        List<Socket> nonReaders = new ArrayList<>();
        Thread trickle = null;
        try (LiveServer s = new LiveServer(APP, config)) {
            byte[] head = ("GET /slow HTTP/1.1\r\nHost: x\r\nX-Pad: " + "p".repeat(1000) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < HEAD_TRICKLERS; i++) {
                tricklers.add(new Trickler(s.port(), head));
            }
            byte[] upload = new byte[1_000_000];
            for (int i = 0; i < BODY_TRICKLERS; i++) {
                Trickler t = new Trickler(s.port(), upload);
                t.socket.getOutputStream().write(("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: "
                        + upload.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                tricklers.add(t);
            }
            for (int i = 0; i < NON_READERS; i++) {
                Socket n = new Socket();
                n.setReceiveBufferSize(4096);
                n.connect(new InetSocketAddress("127.0.0.1", s.port()), 5000);
                n.getOutputStream().write("GET /big HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                nonReaders.add(n);
            }
            trickle = Thread.ofPlatform().name("trickle").start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        tricklers.forEach(Trickler::nextByte);
                        Thread.sleep(100); // the pace of a slow client, not synchronisation
                    }
                } catch (InterruptedException stopped) {
                    // the test is over
                }
            });
            int slow = HEAD_TRICKLERS + BODY_TRICKLERS + NON_READERS;
            ServerSlowClientTest.await("all slow connections are open", () -> s.server.openConnections() >= slow);

            long start = System.nanoTime();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                workers.add(Thread.ofVirtual().start(() -> normalTraffic(s.port(), worker, failures)));
            }
            for (Thread t : workers) {
                t.join();
            }
            long trafficMillis = (System.nanoTime() - start) / 1_000_000;
            long held = tricklers.stream().filter(t -> !t.cut).count();
            assertEquals(List.of(), List.copyOf(failures), "every normal request succeeds with its own body");

            ServerSlowClientTest.await("every slow connection is cut", () -> s.server.openConnections() == 0);
            long allCutMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("slow crowd: %d normal requests in %d ms with %d of %d tricklers still held;"
                    + " all %d slow connections cut %d ms after the traffic began%n", WORKERS * REQUESTS_PER_WORKER,
                    trafficMillis, held, tricklers.size(), slow, allCutMillis);
        } finally {
            if (trickle != null) {
                trickle.interrupt();
                trickle.join();
            }
            for (Trickler t : tricklers) {
                t.socket.close();
            }
            for (Socket n : nonReaders) {
                n.close();
            }
        }
    }

    /** Alternates GETs and POSTs that echo a body, each on a new connection, recording what went wrong. */
    private static void normalTraffic(int port, int worker, ConcurrentLinkedQueue<String> failures) {
        for (int i = 0; i < REQUESTS_PER_WORKER; i++) {
            String id = worker + "-" + i;
            try (RawConnection c = new RawConnection(port)) {
                String expected;
                if (i % 2 == 0) {
                    c.send("GET /hello/" + id + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                    expected = "hello /hello/" + id;
                } else {
                    expected = ("body " + id + " ").repeat(100);
                    c.send("POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: "
                            + expected.length() + "\r\n\r\n" + expected);
                }
                RawConnection.Response r = c.read();
                if (r.status() != 200 || !r.text().equals(expected)) {
                    failures.add(id + ": " + r.status() + " " + r.text());
                }
            } catch (IOException | AssertionError e) {
                failures.add(id + ": " + e);
            }
        }
    }
}
