package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.server.TestApps.receive;
import static org.pagi.server.TestApps.send;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.SseScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.SseClose;
import org.pagi.spec.event.SseComment;
import org.pagi.spec.event.SseDisconnect;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseKeepalive;
import org.pagi.spec.event.SseRequest;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;

/** Server-Sent Events over a real socket: the wire format, flushing, keepalive, the ends of a stream. */
class ServerSseTest {
    private static final ExecutionMode VT = ExecutionMode.VIRTUAL_THREADS;
    private static final String GET_EVENTS = "GET /events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n";

    /** An application serving SseScope scopes with {@code body} on a virtual thread of its own. */
    static Application sse(TestApps.Body<SseScope> body) {
        return TestApps.onVirtualThread(SseScope.class, body);
    }

    @Nested
    class Stream {
        @Test
        void givesAnEventStreamRequestAnSseScopeWithAnEmptyRequestPiece() throws Exception {
            AtomicReference<Event> first = new AtomicReference<>();
            Application app = sse((scope, rc, sd) -> {
                first.set(receive(rc));
                send(sd, new SseStart());
                send(sd, new SseClose());
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send(GET_EVENTS);
                c.readUntil("0\r\n\r\n");
                assertEquals(new SseRequest(Bytes.empty(), false), first.get());
            }
        }

        @ParameterizedTest
        @EnumSource(ExecutionMode.class)
        void sendsTheHeadersAtStartBeforeAnyEvent(ExecutionMode mode) throws Exception {
            CountDownLatch release = new CountDownLatch(1);
            Application app = sse((scope, rc, sd) -> {
                send(sd, new SseStart());
                release.await(5, TimeUnit.SECONDS);
                send(sd, new SseClose());
            });
            try (LiveServer s = LiveServer.start(app, mode); RawConnection c = s.connect()) {
                c.send(GET_EVENTS);
                String head = c.readUntil("\r\n\r\n").toLowerCase(java.util.Locale.ROOT);
                release.countDown();
                assertTrue(head.startsWith("http/1.1 200 ok\r\n"), head);
                assertTrue(head.contains("content-type: text/event-stream\r\n"), head);
                assertTrue(head.contains("cache-control: no-cache\r\n"), head);
                assertTrue(head.contains("x-accel-buffering: no\r\n"), head);
                assertTrue(head.contains("transfer-encoding: chunked\r\n"), head);
                assertTrue(head.contains("connection: close\r\n"), "the stream's end closes the connection: " + head);
                assertTrue(head.contains("date: "), head);
            }
        }

        @Test
        void writesEachEventInTheExactWireFormatAndFlushesItAtOnce() throws Exception {
            CountDownLatch seen = new CountDownLatch(1);
            Application app = sse((scope, rc, sd) -> {
                send(sd, new SseStart());
                send(sd, SseSend.event("tick", "line one\nline two").withId("7").withRetry(1500));
                seen.await(5, TimeUnit.SECONDS); // the next event waits for the client to have this one
                send(sd, SseSend.data("second"));
                send(sd, new SseClose());
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send(GET_EVENTS);
                c.readUntil("\r\n\r\n");
                String first = c.readUntil("\n\n\r\n");
                seen.countDown();
                assertTrue(first.endsWith("event: tick\ndata: line one\ndata: line two\nid: 7\nretry: 1500\n\n\r\n"),
                        first);
                assertTrue(c.readUntil("\n\n\r\n").endsWith("data: second\n\n\r\n"));
                c.readUntil("0\r\n\r\n");
                assertTrue(c.closedByServer(), "a finished stream closes the connection");
            }
        }

        @Test
        void writesCommentsAndPeriodicKeepaliveComments() throws Exception {
            CountDownLatch done = new CountDownLatch(1);
            Application app = sse((scope, rc, sd) -> {
                send(sd, new SseStart());
                send(sd, new SseComment("hello"));
                send(sd, new SseKeepalive(Duration.ofMillis(300), "ping"));
                done.await(5, TimeUnit.SECONDS);
                send(sd, new SseClose());
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send(GET_EVENTS);
                c.readUntil("\r\n\r\n");
                c.readUntil("\r\n:hello\n\n\r\n"); // a comment is its own chunk: written and flushed at once
                long start = System.nanoTime();
                c.readUntil("\r\n:ping\n\n\r\n");
                c.readUntil("\r\n:ping\n\n\r\n");
                done.countDown();
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ms >= 300, "two keepalives at 300 ms come at least 300 ms apart, took " + ms + " ms");
            }
        }

        @Test
        void endsTheStreamWhenTheApplicationReturnsWhileStreaming() throws Exception {
            Application app = sse((scope, rc, sd) -> {
                send(sd, new SseStart());
                send(sd, SseSend.data("only"));
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send(GET_EVENTS);
                assertTrue(c.readUntil("0\r\n\r\n").contains("data: only\n\n"));
                assertTrue(c.closedByServer());
            }
        }

        @Test
        void showsTheLastEventIdHeaderToTheApplication() throws Exception {
            Application app = sse((scope, rc, sd) -> {
                send(sd, new SseStart());
                send(sd, SseSend.data("after " + scope.headers().first("last-event-id").orElse("none")));
                send(sd, new SseClose());
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send("GET /events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\nLast-Event-ID: 41\r\n\r\n");
                assertTrue(c.readUntil("0\r\n\r\n").contains("data: after 41\n\n"));
            }
        }
    }

    @Nested
    class Decline {
        @Test
        void answersWithAnOrdinaryResponseAndCloses() throws Exception {
            Application app = sse((scope, rc, sd) -> {
                send(sd, new SseHttpResponseStart(404, Headers.of("content-type", "text/plain")));
                send(sd, new SseHttpResponseBody(Bytes.utf8("no such stream"), false));
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send(GET_EVENTS);
                String all = new String(c.readToClose(), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertTrue(all.startsWith("HTTP/1.1 404 Not Found\r\n"), all);
                assertTrue(all.endsWith("\r\n\r\nno such stream"), all);
                assertFalse(all.toLowerCase(java.util.Locale.ROOT).contains("text/event-stream"), all);
            }
        }

        @Test
        void answers500WhenTheApplicationNeverStarts() throws Exception {
            Application app = sse((scope, rc, sd) -> {
                // returns without sse.start: the backstop answers
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.send(GET_EVENTS);
                assertEquals(500, c.read().status());
            }
        }
    }

    @Nested
    class Ends {
        @ParameterizedTest
        @EnumSource(ExecutionMode.class)
        void tellsAnApplicationThatOnlySendsThatTheClientLeft(ExecutionMode mode) throws Exception {
            CompletableFuture<Event> ended = new CompletableFuture<>();
            Application app = sse((scope, rc, sd) -> {
                receive(rc); // the empty request piece
                send(sd, new SseStart());
                CompletableFuture<Event> next = rc.receive().toCompletableFuture();
                while (!next.isDone()) {
                    send(sd, SseSend.data("tick"));
                    Thread.sleep(20);
                }
                ended.complete(next.join());
            });
            try (LiveServer s = LiveServer.start(app, mode)) {
                try (RawConnection c = s.connect()) {
                    c.send(GET_EVENTS);
                    c.readUntil("data: tick\n\n");
                }
                assertEquals(new SseDisconnect(DisconnectReason.CLIENT_CLOSED), ended.get(5, TimeUnit.SECONDS));
            }
        }

        @Test
        void endsOpenStreamsWithServerShutdownWhenTheServerStops() throws Exception {
            CompletableFuture<Event> ended = new CompletableFuture<>();
            CountDownLatch streaming = new CountDownLatch(1);
            Application app = sse((scope, rc, sd) -> {
                receive(rc);
                send(sd, new SseStart());
                streaming.countDown();
                ended.complete(receive(rc));
            });
            LiveServer s = LiveServer.start(app, VT);
            try (RawConnection c = s.connect()) {
                c.send(GET_EVENTS);
                c.readUntil("\r\n\r\n");
                assertTrue(streaming.await(5, TimeUnit.SECONDS));
                Thread stopper = Thread.ofVirtual().start(s::close);
                c.readUntil("0\r\n\r\n"); // the stream ends properly, not cut off
                assertEquals(new SseDisconnect(DisconnectReason.SERVER_SHUTDOWN), ended.get(5, TimeUnit.SECONDS));
                stopper.join(5000);
            } finally {
                s.close();
            }
        }

        @ParameterizedTest
        @EnumSource(ExecutionMode.class)
        void aStreamSendingAsFastAsItsClientReadsLeavesTurnsForEveryoneElse(ExecutionMode mode) throws Exception {
            Application firehose = (scope, receive, send) -> switch (scope) {
                case SseScope sse -> receive.receive() // the empty request piece; the next receive is the disconnect
                        .thenCompose(request -> send.send(new SseStart()))
                        .thenCompose(v -> AsyncSends.until(receive.receive(), send, SseSend.data("x".repeat(1000))));
                case org.pagi.spec.HttpScope http -> send.send(new org.pagi.spec.event.HttpResponseStart(200,
                        Headers.of("content-type", "text/plain"))).thenCompose(v -> send.send(
                        org.pagi.spec.event.HttpResponseBody.last(Bytes.utf8("still here"))));
                default -> CompletableFuture.failedFuture(new org.pagi.spec.UnsupportedScopeException(scope));
            };
            try (LiveServer s = new LiveServer(firehose, ServerConfig.builder().executionMode(mode).loops(1)
                    .shutdownGrace(Duration.ofSeconds(1))); RawConnection stream = s.connect()) {
                stream.send(GET_EVENTS);
                Thread reader = Thread.ofVirtual().start(() -> {
                    try {
                        stream.readToClose(); // reads as fast as it can until the test ends
                    } catch (Throwable ignored) {
                        // the socket closes under it at the end
                    }
                });
                stream.readUntil("data: x");
                for (int i = 0; i < 5; i++) {
                    try (RawConnection c = s.connect()) {
                        c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                        assertEquals("still here", c.read().text()); // within RawConnection's 5 s timeout
                    }
                }
                reader.interrupt();
            }
        }

        @Test
        void completesAFastSendersStagesAtOnceOnlyUpToTheBurstLimitPerLoopTurn() throws Exception {
            CompletableFuture<Long> longestRun = new CompletableFuture<>();
            Application app = (scope, receive, send) -> {
                if (!(scope instanceof SseScope)) {
                    return CompletableFuture.failedFuture(new org.pagi.spec.UnsupportedScopeException(scope));
                }
                return send.send(new SseStart()).thenCompose(v -> {
                    SseSend event = SseSend.data("x".repeat(1024));
                    long[] run = {0, 0, 0}; // bytes in the current run of stages done at once, the longest, total
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    Runnable[] step = new Runnable[1];
                    step[0] = () -> {
                        while (run[2] < 8L * 1024 * 1024) {
                            CompletableFuture<Void> f = send.send(event).toCompletableFuture();
                            run[2] += 1024;
                            if (!f.isDone()) {
                                run[0] = 0;
                                f.thenRun(step[0]);
                                return;
                            }
                            run[0] += 1024;
                            run[1] = Math.max(run[1], run[0]);
                        }
                        longestRun.complete(run[1]);
                        done.complete(null);
                    };
                    step[0].run();
                    return done;
                });
            };
            try (LiveServer s = new LiveServer(app, ServerConfig.builder().executionMode(ExecutionMode.EVENT_LOOP)
                    .loops(1).shutdownGrace(Duration.ofSeconds(1))); RawConnection c = s.connect()) {
                c.socket().setReceiveBufferSize(4 * 1024 * 1024);
                c.send(GET_EVENTS);
                c.readUntil("0\r\n\r\n"); // reads as fast as it can, to the end of the stream
                long longest = longestRun.get(10, TimeUnit.SECONDS);
                assertTrue(longest <= 260 * 1024, "on the event loop a sender may run " + longest
                        + " bytes without yielding; the limit is 256 KiB per turn");
            }
        }

        @Test
        void makesSendsWaitForAClientThatStopsReading() throws Exception {
            CompletableFuture<Long> stalledAfter = new CompletableFuture<>();
            Application app = sse((scope, rc, sd) -> {
                send(sd, new SseStart());
                String big = "x".repeat(16 * 1024);
                long sent = 0;
                while (sent < 64L * 1024 * 1024) {
                    CompletableFuture<Void> f = sd.send(SseSend.data(big)).toCompletableFuture();
                    try {
                        f.get(500, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.TimeoutException stalled) {
                        stalledAfter.complete(sent);
                        return;
                    }
                    sent += big.length();
                }
                stalledAfter.complete(-1L);
            });
            try (LiveServer s = LiveServer.start(app, VT); RawConnection c = s.connect()) {
                c.socket().setReceiveBufferSize(16 * 1024);
                c.send(GET_EVENTS); // and never read
                long sent = stalledAfter.get(20, TimeUnit.SECONDS);
                assertTrue(sent >= 0 && sent < 16L * 1024 * 1024,
                        "sse.send must wait once the socket is full; sent " + sent + " bytes without waiting");
            }
        }
    }
}
