package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.server.TestApps.readBody;
import static org.pagi.server.TestApps.receive;
import static org.pagi.server.TestApps.send;
import static org.pagi.server.TestApps.text;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.HttpResponseTrailers;

/** Request bodies, response framing and the application contract, over a real socket. */
class ServerExchangeTest {
    private static final ExecutionMode VT = ExecutionMode.VIRTUAL_THREADS;

    @Nested
    class RequestBodies {
        @Test
        void streamsABodyAsSeveralRequestEventsAsItArrives() throws Exception {
            List<Integer> pieces = new CopyOnWriteArrayList<>();
            Application app = TestApps.http((scope, rc, sd) -> text(sd, 200, readBody(rc, pieces).utf8()));
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhello");
                Thread.sleep(200); // the second half comes later, so the application sees two pieces
                c.send("world");
                assertEquals("helloworld", c.read().text());
                assertTrue(pieces.size() >= 2, "pieces: " + pieces);
            }
        }

        @Test
        void deChunksAChunkedBody() throws Exception {
            Application app = TestApps.http((scope, rc, sd) -> text(sd, 200, readBody(rc, null).utf8()));
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1;x=y\r\n!\r\n0\r\n\r\n");
                assertEquals("hello!", c.read().text());
            }
        }

        @Test
        void drainsABodyTheApplicationNeverReadSoTheNextRequestIsIntact() throws Exception {
            Application app = TestApps.http((scope, rc, sd) -> text(sd, 200, scope.path()));
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("POST /first HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n" + "x".repeat(2000)
                        + "GET /second HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("/first", c.read().text());
                assertEquals("/second", c.read().text());
            }
        }

        @Test
        void closesWhenAnUnreadBodyIsTooLargeToDrain() throws Exception {
            Application app = TestApps.http((scope, rc, sd) -> text(sd, 200, "early"));
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n");
                assertEquals("early", c.read().text());
                byte[] chunk = new byte[64 * 1024];
                boolean closed = false;
                try {
                    for (int i = 0; i < 76 && !closed; i++) {
                        c.send(chunk);
                    }
                } catch (java.io.IOException broken) {
                    closed = true;
                }
                assertTrue(closed || c.closedByServer());
            }
        }

        @Test
        void answers100ContinueWhenTheApplicationFirstAsksForTheBody() throws Exception {
            CountDownLatch asked = new CountDownLatch(1);
            Application app = TestApps.http((scope, rc, sd) -> {
                asked.await(5, TimeUnit.SECONDS);
                text(sd, 200, readBody(rc, null).utf8());
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
                c.socket().setSoTimeout(300);
                assertFalse(c.closedByServer(), "nothing is sent before the application asks for the body");
                c.socket().setSoTimeout(5000);
                asked.countDown();
                RawConnection.Response interim = c.read(true, "POST");
                assertEquals(100, interim.status());
                c.send("body");
                assertEquals("body", c.read().text());
            }
        }

        @Test
        void answersWithout100AndClosesWhenTheApplicationNeverReadsTheBody() throws Exception {
            Application app = TestApps.http((scope, rc, sd) -> text(sd, 413, "too big for me"));
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 100\r\n\r\n");
                RawConnection.Response r = c.read(true, "POST");
                assertEquals(413, r.status());
                assertTrue(c.closedByServer());
            }
        }
    }

    @Nested
    class Responses {
        @Test
        void chunksAStreamedResponseAndSendsTrailersWhenAllowed() throws Exception {
            Application app = TestApps.http((scope, rc, sd) -> {
                receive(rc);
                send(sd, new HttpResponseStart(200, Headers.of("content-type", "text/plain"), true));
                send(sd, HttpResponseBody.chunk(Bytes.ascii("Chunk 1\n")));
                send(sd, HttpResponseBody.chunk(Bytes.ascii("Chunk 2\n")));
                send(sd, HttpResponseBody.last(Bytes.empty()));
                send(sd, new HttpResponseTrailers(Headers.of("x-stream-complete", "1")));
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\nTE: trailers\r\n\r\n");
                RawConnection.Response r = c.read();
                assertEquals(List.of("chunked"), r.headers().all("transfer-encoding"));
                assertEquals("Chunk 1\nChunk 2\n", r.text());
                assertEquals(Headers.of("x-stream-complete", "1"), r.trailers());
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                RawConnection.Response plain = c.read();
                assertEquals("Chunk 1\nChunk 2\n", plain.text());
                assertEquals(Headers.empty(), plain.trailers(), "no trailers without TE: trailers");
            }
        }

        @Test
        void keepsTheApplicationsContentLengthAndIgnoresItsTransferEncoding() throws Exception {
            Application app = TestApps.http((scope, rc, sd) -> {
                receive(rc);
                send(sd, new HttpResponseStart(200, Headers.of("content-length", "6", "transfer-encoding", "chunked")));
                send(sd, HttpResponseBody.chunk(Bytes.ascii("abc")));
                send(sd, HttpResponseBody.last(Bytes.ascii("def")));
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                RawConnection.Response r = c.read();
                assertEquals("abcdef", r.text());
                assertEquals(List.of(), r.headers().all("transfer-encoding"));
            }
        }

        @Test
        void streamsALargeFileAndARangeAcrossChunkBoundaries(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
                throws Exception {
            byte[] content = new byte[5 * 1024 * 1024 + 123];
            new java.util.Random(3).nextBytes(content);
            java.nio.file.Path file = dir.resolve("big.bin");
            java.nio.file.Files.write(file, content);
            Application app = TestApps.http((scope, rc, sd) -> {
                receive(rc);
                boolean range = scope.path().equals("/range");
                send(sd, new HttpResponseStart(range ? 206 : 200, Headers.empty()));
                send(sd, range ? new org.pagi.spec.event.HttpResponseFile(file, 65_000, java.util.OptionalLong.of(200_000))
                        : org.pagi.spec.event.HttpResponseFile.of(file));
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("GET /all HTTP/1.1\r\nHost: x\r\n\r\n");
                RawConnection.Response all = c.read();
                org.junit.jupiter.api.Assertions.assertArrayEquals(content, all.body().toByteArray());
                c.send("GET /range HTTP/1.1\r\nHost: x\r\n\r\n");
                RawConnection.Response part = c.read();
                org.junit.jupiter.api.Assertions.assertArrayEquals(
                        java.util.Arrays.copyOfRange(content, 65_000, 265_000), part.body().toByteArray());
            }
        }

        @Test
        void writesNoBodyForHeadOr204Or304() throws Exception {
            Application app = TestApps.http((scope, rc, sd) -> {
                receive(rc);
                int status = scope.path().equals("/204") ? 204 : scope.path().equals("/304") ? 304 : 200;
                send(sd, new HttpResponseStart(status, Headers.empty()));
                send(sd, HttpResponseBody.last(Bytes.ascii("body")));
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
                RawConnection.Response head = c.read(false, "HEAD");
                assertEquals(Optional.of("4"), head.headers().first("content-length"));
                assertEquals(Bytes.empty(), head.body());
                for (String p : List.of("/204", "/304")) {
                    c.send("GET " + p + " HTTP/1.1\r\nHost: x\r\n\r\n");
                    RawConnection.Response r = c.read();
                    assertEquals(Bytes.empty(), r.body());
                }
                c.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("body", c.read().text(), "no stray body bytes corrupted the connection");
            }
        }
    }

    @Nested
    class ApplicationContract {
        @Test
        void answers500WhenTheApplicationFailsBeforeStarting() throws Exception {
            Application app = TestApps.http((scope, rc, sd) -> {
                throw new IllegalStateException("boom");
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                RawConnection.Response r = c.read();
                assertEquals(500, r.status());
                assertFalse(r.text().contains("boom"), "no application detail reaches the client");
            }
        }

        @Test
        void answers500WhenTheApplicationReturnsWithoutAResponse() throws Exception {
            AtomicReference<Optional<DisconnectReason>> reason = new AtomicReference<>();
            AtomicReference<HttpScope> seen = new AtomicReference<>();
            Application app = TestApps.http((scope, rc, sd) -> seen.set(scope));
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(500, c.read().status());
                reason.set(seen.get().connection().disconnectReason());
                assertTrue(seen.get().connection().responseStarted());
                assertEquals(Optional.of(DisconnectReason.SERVER_ERROR), reason.get());
            }
        }

        @Test
        void abortsTheConnectionWhenTheApplicationFailsMidResponse() throws Exception {
            Application app = TestApps.http((scope, rc, sd) -> {
                receive(rc);
                send(sd, new HttpResponseStart(200, Headers.empty()));
                send(sd, HttpResponseBody.chunk(Bytes.ascii("partial")));
                throw new IllegalStateException("mid-body");
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                byte[] raw;
                boolean reset;
                try {
                    raw = c.readToClose();
                    reset = false;
                } catch (java.net.SocketException e) {
                    raw = new byte[0];
                    reset = true;
                }
                String got = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
                assertTrue(reset || !got.endsWith("0\r\n\r\n"), "the chunked body must not end cleanly: " + got);
            }
        }

        @Test
        void tellsTheApplicationWhenTheClientGoesAwayAndIgnoresLaterSends() throws Exception {
            CompletableFuture<List<Object>> seen = new CompletableFuture<>();
            CountDownLatch waiting = new CountDownLatch(1);
            Application app = TestApps.http((scope, rc, sd) -> {
                List<Object> log = new CopyOnWriteArrayList<>();
                scope.connection().onDisconnect(r -> log.add("callback " + r));
                receive(rc);
                waiting.countDown();
                Event e = receive(rc); // blocks until the client leaves
                log.add(e);
                log.add(scope.connection().isConnected());
                sd.send(new HttpResponseStart(200, Headers.empty())).toCompletableFuture().join(); // a no-op now
                log.add("send returned");
                seen.complete(log);
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                // The client leaves only once the application has its request and waits for more.
                assertTrue(waiting.await(10, TimeUnit.SECONDS), "the application never got the request");
                c.close();
                List<Object> log = seen.get(10, TimeUnit.SECONDS);
                assertEquals(List.of("callback client_closed", new HttpDisconnect(), false, "send returned"), log);
            }
        }

        @Test
        void reportsAClientThatClosesMidBodyAsClientClosed() throws Exception {
            CompletableFuture<List<Object>> seen = new CompletableFuture<>();
            Application app = TestApps.http((scope, rc, sd) -> {
                List<Object> log = new CopyOnWriteArrayList<>();
                Event e;
                do {
                    e = receive(rc);
                    log.add(e.type());
                } while (!(e instanceof HttpDisconnect));
                log.add(scope.connection().disconnectReason().orElseThrow().token());
                seen.complete(log);
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\npart");
                c.shutdownOutput(); // the bytes before the FIN are still delivered
                assertEquals(List.of("http.request", "http.disconnect", "client_closed"), seen.get(5, TimeUnit.SECONDS));
            }
        }

        @Test
        void firesOnCompleteOnceTheResponseIsDelivered() throws Exception {
            CompletableFuture<String> fired = new CompletableFuture<>();
            Application app = TestApps.http((scope, rc, sd) -> {
                scope.connection().onComplete(() -> fired.complete("complete"));
                scope.connection().onDisconnect(r -> fired.complete("disconnect " + r));
                receive(rc);
                text(sd, 200, "ok");
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("ok", c.read().text());
                assertEquals("complete", fired.get(5, TimeUnit.SECONDS));
            }
        }

        @Test
        void fillsTheScopeKeys() throws Exception {
            AtomicReference<HttpScope> seen = new AtomicReference<>();
            Application app = TestApps.http((scope, rc, sd) -> {
                seen.set(scope);
                receive(rc);
                text(sd, 200, "ok");
            });
            try (LiveServer s = new LiveServer(app, ServerConfig.builder().executionMode(VT).rootPath("/mount"));
                    RawConnection c = s.connect()) {
                c.send("GET /caf%C3%A9?q=1 HTTP/1.1\r\nHost: example\r\nCookie: a=1\r\nCookie: b=2\r\n\r\n");
                c.read();
                HttpScope scope = seen.get();
                assertEquals("http", scope.scheme());
                assertEquals("1.1", scope.httpVersion());
                assertEquals("/café", scope.path());
                assertEquals(Bytes.ascii("/caf%C3%A9"), scope.rawPath());
                assertEquals(Bytes.ascii("q=1"), scope.queryString());
                assertEquals("/mount", scope.rootPath());
                assertEquals(List.of("a=1; b=2"), scope.headers().all("cookie"));
                assertEquals("127.0.0.1", scope.client().orElseThrow().host());
                assertEquals(c.socket().getLocalPort(), scope.client().orElseThrow().port().getAsInt());
                assertEquals(s.port(), scope.server().orElseThrow().port().getAsInt());
                assertTrue(scope.extensions().has("fullflush"));
            }
        }

        @Test
        void slowsTheApplicationDownWhenTheClientStopsReading() throws Exception {
            AtomicLong sent = new AtomicLong();
            AtomicReference<CompletableFuture<Void>> pending = new AtomicReference<>();
            CountDownLatch stuck = new CountDownLatch(1);
            Application app = TestApps.http((scope, rc, sd) -> {
                receive(rc);
                sd.send(new HttpResponseStart(200, Headers.empty())).toCompletableFuture().join();
                Bytes mib = Bytes.of(new byte[1024 * 1024]);
                while (sent.get() < 256L * 1024 * 1024) {
                    CompletableFuture<Void> f = sd.send(HttpResponseBody.chunk(mib)).toCompletableFuture();
                    pending.set(f);
                    try {
                        f.get(500, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        stuck.countDown();
                        f.join();
                    }
                    sent.addAndGet(mib.length());
                }
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.socket().setReceiveBufferSize(64 * 1024);
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(stuck.await(10, TimeUnit.SECONDS), "a send must wait while the client does not read");
                // One send slower than 500 ms may be a busy machine rather than the stall: the stall is when the
                // count stops moving, with a send still waiting.
                long atStall = awaitSteady(sent);
                assertFalse(pending.get().isDone(), "nothing more is accepted while the client does not read");
                assertEquals(atStall, sent.get());
                assertTrue(atStall < 64L * 1024 * 1024, "server-side buffering stays bounded, sent " + atStall);
            }
        }

        @Test
        void completesASendStuckBehindASlowClientOnceTheClientLeaves() throws Exception {
            CountDownLatch stuck = new CountDownLatch(1);
            CompletableFuture<String> ended = new CompletableFuture<>();
            Application app = TestApps.http((scope, rc, sd) -> {
                receive(rc);
                sd.send(new HttpResponseStart(200, Headers.empty())).toCompletableFuture().join();
                Bytes mib = Bytes.of(new byte[1024 * 1024]);
                while (scope.connection().isConnected()) {
                    CompletableFuture<Void> f = sd.send(HttpResponseBody.chunk(mib)).toCompletableFuture();
                    try {
                        f.get(300, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        stuck.countDown();
                        f.get(5, TimeUnit.SECONDS); // must complete once the client is gone
                    }
                }
                ended.complete("returned");
            });
            try (LiveServer s = LiveServer.start(app, VT)) {
                RawConnection c = s.connect();
                c.socket().setReceiveBufferSize(64 * 1024);
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(stuck.await(10, TimeUnit.SECONDS));
                c.socket().setSoLinger(true, 0);
                c.close(); // a reset: the server's write fails and the queued bytes are dropped
                assertEquals("returned", ended.get(10, TimeUnit.SECONDS));
            }
        }

        @Test
        void keepsServingOthersWhileAnApplicationBlocksInVirtualThreadMode() throws Exception {
            CountDownLatch release = new CountDownLatch(1);
            Application app = TestApps.http((scope, rc, sd) -> {
                receive(rc);
                if (scope.path().equals("/block")) {
                    release.await(10, TimeUnit.SECONDS); // blocking call: only this virtual thread waits
                }
                text(sd, 200, scope.path());
            });
            try (LiveServer s = new LiveServer(app, ServerConfig.builder().executionMode(VT).loops(1));
                    RawConnection blocked = s.connect(); RawConnection other = s.connect()) {
                blocked.send("GET /block HTTP/1.1\r\nHost: x\r\n\r\n");
                other.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("/fast", other.read().text());
                release.countDown();
                assertEquals("/block", blocked.read().text());
            }
        }

        @Test
        void deliversTheRequestEventsThenDisconnectAfterTheResponse() throws Exception {
            CompletableFuture<List<Event>> seen = new CompletableFuture<>();
            Application app = TestApps.http((scope, rc, sd) -> {
                Event first = receive(rc);
                text(sd, 200, "ok");
                seen.complete(List.of(first, receive(rc)));
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                c.read();
                assertEquals(List.of(new HttpRequest(Bytes.empty(), false), new HttpDisconnect()),
                        seen.get(5, TimeUnit.SECONDS));
            }
        }
    }

    /** @return the value of {@code count} once it has not moved for a second (within 30 s, else it fails) */
    private static long awaitSteady(AtomicLong count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long value = count.get();
        long since = System.nanoTime();
        while (System.nanoTime() - since < TimeUnit.SECONDS.toNanos(1)) {
            assertTrue(System.nanoTime() < deadline, "the count never settled; last " + value);
            Thread.sleep(20); // polling: steadiness is a condition only time shows
            long now = count.get();
            if (now != value) {
                value = now;
                since = System.nanoTime();
            }
        }
        return value;
    }
}
