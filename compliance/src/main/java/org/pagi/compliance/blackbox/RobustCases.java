package org.pagi.compliance.blackbox;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.pagi.protocol.http1.ResponseReader;

/**
 * The robustness cases: hostile bytes, slow and silent clients, clients that never read and clients that leave
 * early. Each checks one thing, the server's hardening duty: whatever one connection does, the server keeps
 * serving everyone else (RFC 9112 section 9 on connection management; RFC 9110 section 15.5.1 for the 400s).
 * Every wait is bounded by the target's timeout; the slow client's pauses add at most 1.5 s.
 */
final class RobustCases {
    /** The pause between the slow client's bytes, and its request: 27 bytes, about 1.35 s in all. */
    private static final long SLOW_BYTE_MILLIS = 50;
    private static final String SLOW_REQUEST = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final int OTHERS_DURING_SLOW = 20;
    private static final int IDLE_CONNECTIONS = 50;
    private static final int PIPELINED = 100;

    private RobustCases() {
    }

    static List<WireCase> all() {
        return List.of(
                WireCase.of(Category.ROBUST, "random-bytes", "RFC 9112 section 3 and RFC 9110 section 15.5.1: "
                        + "random bytes (seeded; printable and binary; 16 B to 8 KiB) get a 4xx or a close, and a "
                        + "new connection is still served", RobustCases::randomBytes),
                WireCase.of(Category.ROBUST, "garbage-after-request", "RFC 9112 sections 3 and 9.3: after a "
                        + "complete request, garbage on the same connection: the response first, then 400 and the "
                        + "close", RobustCases::garbageAfterRequest),
                WireCase.of(Category.ROBUST, "slow-client-during-traffic", "server hardening: a client sending "
                        + "its head a byte every 50 ms is served, and meanwhile 20 other connections are served "
                        + "without waiting for it", RobustCases::slowClient),
                WireCase.of(Category.ROBUST, "idle-connections", "RFC 9112 section 9.5 and server hardening: 50 "
                        + "silent connections do not stop a new one from being served", RobustCases::idleConnections),
                WireCase.of(Category.ROBUST, "unread-response", "server hardening (backpressure): a client that "
                        + "never reads its 1 MiB echo blocks only itself", RobustCases::unreadResponse),
                WireCase.of(Category.ROBUST, "incomplete-request-then-close", "RFC 9112 section 8: a request cut "
                        + "short by the client's close ends the connection (an error response is optional), and "
                        + "others are served", RobustCases::incompleteRequest),
                WireCase.of(Category.ROBUST, "reset-mid-request", "server hardening: connections reset in the "
                        + "middle of a request head or body leave the server serving", RobustCases::resetMidRequest),
                WireCase.of(Category.ROBUST, "pipelined-burst", "RFC 9112 section 9.3.2: 100 requests in one write "
                        + "are all answered, in order", RobustCases::pipelinedBurst));
    }

    /** Fails unless a fresh connection gets {@code GET /} answered: the server is still serving. */
    private static void stillServing(Target t, String after) throws IOException {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send(Wire.get(t, "/")).read("GET");
            Expect.equal(200, r.status(), "status of GET / on a new connection after " + after);
            Expect.equal("Hello from PAGI!", r.text(), "body of GET / after " + after);
        }
    }

    private static void randomBytes(Target t) throws Exception {
        Random random = new Random(20_240_611);
        for (boolean printable : new boolean[] {true, false}) {
            for (int size : new int[] {16, 512, 8192}) {
                byte[] garbage = new byte[size + 4];
                for (int i = 0; i < size; i++) {
                    garbage[i] = printable ? (byte) (0x20 + random.nextInt(0x5F)) : (byte) random.nextInt(256);
                }
                // A blank line after it, so the server has a whole "head" to judge and need not wait for more.
                System.arraycopy(Wire.latin1("\r\n\r\n"), 0, garbage, size, 4);
                String what = size + " " + (printable ? "printable" : "binary") + " random bytes";
                Wire.Replies r = Wire.untilClose(t, garbage);
                r.expectComplete();
                Expect.that(r.responses().stream().allMatch(x -> x.status() >= 400 && x.status() < 500),
                        "the server answered " + r.statuses() + " to " + what);
                Expect.that(r.responses().size() <= 1, "the server answered " + r.statuses() + " to " + what);
                stillServing(t, what);
            }
        }
    }

    private static void garbageAfterRequest(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            c.send(Wire.get(t, "/") + "\u0001\u0002 not http at all \u00ff\r\n\r\n");
            Wire.Replies r = Wire.untilClose(c);
            r.expectComplete();
            Expect.equal("[200, 400]", r.statuses(), "responses to a request and the garbage after it");
            Expect.equal("Hello from PAGI!", r.responses().get(0).text(), "body of the first response");
        }
    }

    private static void slowClient(Target t) throws Exception {
        try (HttpConnection slow = t.http()) {
            slow.send(SLOW_REQUEST.substring(0, 1)); // the connection is open and its request has begun
            CompletableFuture<Long> others = new CompletableFuture<>();
            Thread.ofVirtual().name("wire-others").start(() -> {
                try {
                    for (int i = 0; i < OTHERS_DURING_SLOW; i++) {
                        stillServing(t, "a slow client began its request");
                    }
                    others.complete(System.nanoTime());
                } catch (Throwable e) {
                    others.completeExceptionally(e);
                }
            });
            for (int i = 1; i < SLOW_REQUEST.length(); i++) {
                Thread.sleep(SLOW_BYTE_MILLIS);
                slow.send(SLOW_REQUEST.substring(i, i + 1));
            }
            long slowDone = System.nanoTime();
            ResponseReader.Response r = slow.read("GET");
            Expect.equal(200, r.status(), "status of the slow request");
            Expect.equal("Hello from PAGI!", r.text(), "body of the slow request");
            long othersDone = others.get(t.timeout().toMillis(), TimeUnit.MILLISECONDS);
            Expect.that(othersDone < slowDone, OTHERS_DURING_SLOW + " requests on other connections took longer "
                    + "than the slow client's " + SLOW_REQUEST.length() * SLOW_BYTE_MILLIS + " ms: they waited for it");
        }
    }

    private static void idleConnections(Target t) throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < IDLE_CONNECTIONS; i++) {
                idle.add(t.connect());
            }
            stillServing(t, IDLE_CONNECTIONS + " idle connections were opened");
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    private static void unreadResponse(Target t) throws Exception {
        byte[] body = new byte[1024 * 1024];
        new Random(1).nextBytes(body);
        // The buffer is set before connecting, so the window stays small; over TLS too.
        try (Socket stuck = t.connect(s -> s.setReceiveBufferSize(4096))) {
            CompletableFuture<Void> upload = new CompletableFuture<>();
            Thread.ofVirtual().name("wire-stuck-upload").start(() -> {
                try {
                    OutputStream out = stuck.getOutputStream();
                    out.write(Wire.latin1("POST /echo HTTP/1.1\r\n" + Wire.host(t) + "Content-Length: " + body.length
                            + "\r\n\r\n"));
                    out.write(body); // blocks once the server stops reading: its echo has nowhere to go
                    upload.complete(null);
                } catch (IOException e) {
                    upload.complete(null); // closed below, as intended
                }
            });
            Thread.sleep(200); // the echo fills the socket buffers and the server stops reading
            for (int i = 0; i < 5; i++) {
                stillServing(t, "a client stopped reading its 1 MiB echo");
            }
            try (HttpConnection c = t.http()) {
                ResponseReader.Response r = c.send(Wire.echo(t, "still echoing")).read("POST");
                Expect.equal("still echoing", r.body().latin1(), "an echo on another connection");
            }
            stuck.close();
            upload.get(t.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static void incompleteRequest(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            c.send("POST /echo HTTP/1.1\r\n" + Wire.host(t) + "Content-Length: 100\r\n\r\nonly ten b");
            c.shutdownOutput();
            Wire.Replies r = Wire.untilClose(c);
            r.expectClosed();
            // The echo may have begun (and is cut short) or an error may come; a complete 200 may not.
            Expect.that(r.responses().stream().noneMatch(x -> x.status() == 200), "a complete 200 for a body "
                    + "90 bytes short");
        }
        stillServing(t, "a client closed in the middle of a body");
    }

    private static void resetMidRequest(Target t) throws Exception {
        for (String partial : List.of("GET / HT", "GET / HTTP/1.1\r\nHost: x\r\nX-Long: abc",
                "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc")) {
            Socket s = t.connect();
            s.getOutputStream().write(Wire.latin1(partial));
            s.getOutputStream().flush();
            Thread.sleep(20);
            s.setSoLinger(true, 0); // close with a reset, not a FIN
            s.close();
        }
        for (int i = 0; i < 10; i++) {
            Socket s = t.connect(); // connect and leave at once, sending nothing
            s.setSoLinger(true, 0);
            s.close();
        }
        stillServing(t, "13 connections were reset");
    }

    private static void pipelinedBurst(Target t) throws Exception {
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < PIPELINED; i++) {
            burst.append(Wire.get(t, "/status/" + (200 + i % 8)));
        }
        try (HttpConnection c = t.http()) {
            c.send(burst.toString());
            for (int i = 0; i < PIPELINED; i++) {
                Expect.equal(200 + i % 8, c.read("GET").status(), "status of pipelined response " + (i + 1));
            }
        }
    }
}
