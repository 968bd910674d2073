package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.server.TestApps.receive;
import static org.pagi.server.TestApps.text;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.spec.event.LifespanStartupFailed;

/** Lifespan and graceful shutdown of a running server ({@link ServerResourcesTest}: what it gives back). */
class ServerLifecycleTest {

    /** An application with a lifespan that records what happened, and answers http with a state value. */
    static final class Recording implements Application {
        final List<String> log = new CopyOnWriteArrayList<>();
        final String failStartup;

        Recording(String failStartup) {
            this.failStartup = failStartup;
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> call(org.pagi.spec.Scope scope, org.pagi.spec.Receive rc,
                org.pagi.spec.Send sd) {
            if (scope instanceof LifespanScope life) {
                return CompletableFuture.runAsync(() -> {
                    log.add(receive(rc).type());
                    if (failStartup != null) {
                        TestApps.send(sd, new LifespanStartupFailed(failStartup));
                        return;
                    }
                    life.state().put("db", "pool-1");
                    TestApps.send(sd, new LifespanStartupComplete());
                    log.add(receive(rc).type());
                    TestApps.send(sd, new LifespanShutdownComplete());
                }, Runnable::run);
            }
            return TestApps.http((s, r, w) -> {
                log.add("request " + s.path());
                receive(r);
                text(w, 200, s.state().get("db", String.class).orElse("none"));
            }).call(scope, rc, sd);
        }
    }

    @Nested
    class Lifespan {
        @Test
        void runsStartupBeforeServingAndShutdownOnClose() throws Exception {
            Recording app = new Recording(null);
            try (LiveServer s = LiveServer.start(app, ExecutionMode.VIRTUAL_THREADS); RawConnection c = s.connect()) {
                assertEquals(List.of("lifespan.startup"), app.log);
                c.send("GET /x HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("pool-1", c.read().text(), "state from startup reaches the request scope");
            }
            assertEquals(List.of("lifespan.startup", "request /x", "lifespan.shutdown"), app.log);
        }

        @Test
        void refusesToStartWhenStartupFails() {
            LifespanStartupException e = assertThrows(LifespanStartupException.class,
                    () -> LiveServer.start(new Recording("no database"), ExecutionMode.VIRTUAL_THREADS));
            assertEquals("no database", e.getMessage());
        }

        @Test
        void servesWithoutLifespanWhenTheApplicationDeclinesIt() throws Exception {
            try (LiveServer s = LiveServer.start(TestApps.ECHO_PATH, ExecutionMode.EVENT_LOOP);
                    RawConnection c = s.connect()) {
                c.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("GET /ok", c.read().text());
            }
        }

        @Test
        void treatsADeclineAsAnErrorWhenLifespanIsOn() {
            LifespanStartupException e = assertThrows(LifespanStartupException.class, () -> new LiveServer(
                    TestApps.ECHO_PATH, ServerConfig.builder().lifespan(LifespanMode.ON)));
            assertTrue(e.getMessage().contains("declined lifespan"), e.getMessage());
        }

        @Test
        void neverCallsTheLifespanWhenItIsOff() throws Exception {
            Recording app = new Recording("would fail");
            try (LiveServer s = new LiveServer(app, ServerConfig.builder().lifespan(LifespanMode.OFF));
                    RawConnection c = s.connect()) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("none", c.read().text());
            }
            assertEquals(List.of("request /"), app.log);
        }
    }

    @Nested
    class Shutdown {
        @Test
        void letsAnInFlightRequestFinishThenStopsAccepting() throws Exception {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Application app = TestApps.http((scope, rc, sd) -> {
                receive(rc);
                if (scope.path().equals("/")) {
                    started.countDown();
                    release.await(10, TimeUnit.SECONDS);
                }
                text(sd, 200, "finished");
            });
            // One loop: the idle connection's shutdown runs on the same thread as the busy one's.
            LiveServer s = new LiveServer(app, ServerConfig.builder().loops(1).shutdownGrace(Duration.ofSeconds(5)));
            int port = s.port();
            try (RawConnection c = s.connect(); RawConnection idle = s.connect().timeout(Duration.ofSeconds(20))) {
                idle.send("GET /idle HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("finished", idle.read().text());
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(started.await(5, TimeUnit.SECONDS));
                Thread closer = Thread.ofVirtual().start(s::close);
                // The request may finish only once the server drains: the closer has told every connection (it
                // sleeps out the grace) and the loop has acted on it (the idle connection is closed).
                awaitSleeping(closer);
                assertTrue(idle.closedByServer(), "the shutdown closes an idle keep-alive connection");
                release.countDown();
                RawConnection.Response r = c.read();
                assertEquals("finished", r.text());
                assertEquals(List.of("close"), r.headers().all("connection"), "the last response says it closes");
                closer.join(5000);
            }
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        }

        @Test
        void tellsRequestsStillRunningAfterTheGraceThatTheServerIsShuttingDown() throws Exception {
            CompletableFuture<DisconnectReason> reason = new CompletableFuture<>();
            CountDownLatch started = new CountDownLatch(1);
            Application app = TestApps.http((scope, rc, sd) -> {
                scope.connection().onDisconnect(reason::complete);
                receive(rc);
                started.countDown();
                Event e = receive(rc); // waits for the disconnect
                assertEquals("http.disconnect", e.type());
            });
            LiveServer s = new LiveServer(app, ServerConfig.builder().shutdownGrace(Duration.ofMillis(200)));
            try (RawConnection c = s.connect()) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(started.await(5, TimeUnit.SECONDS));
                s.close();
                assertEquals(DisconnectReason.SERVER_SHUTDOWN, reason.get(5, TimeUnit.SECONDS));
            }
        }

        @Test
        void closesIdleKeepAliveConnectionsAfterTheirTimeout() throws Exception {
            // The timeout also bounds the wait for the first request: long enough for a loaded machine to send it.
            try (LiveServer s = new LiveServer(TestApps.ECHO_PATH,
                    ServerConfig.builder().keepAliveTimeout(Duration.ofSeconds(1))); RawConnection c = s.connect()) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                c.read();
                assertTrue(c.closedByServer(), "an idle connection is closed after the keep-alive timeout");
            }
        }

        @Test
        void answers408WhenARequestHeadStalls() throws Exception {
            try (LiveServer s = new LiveServer(TestApps.ECHO_PATH,
                    ServerConfig.builder().headerTimeout(Duration.ofMillis(300))); RawConnection c = s.connect()) {
                c.send("GET / HTTP/1.1\r\nHo");
                assertEquals(408, c.read().status());
            }
        }

        @Test
        void answers408WhenAHeadTricklesInPastItsDeadlineAndKeepsServingOthers() throws Exception {
            // Slowloris: a byte every 100 ms never leaves the connection silent, but the head's deadline still ends it.
            try (LiveServer s = new LiveServer(TestApps.ECHO_PATH,
                    ServerConfig.builder().headerTimeout(Duration.ofMillis(800))); RawConnection slow = s.connect()) {
                long start = System.nanoTime();
                String head = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(40);
                boolean cut = false;
                for (char ch : head.toCharArray()) {
                    try {
                        slow.send(String.valueOf(ch));
                    } catch (java.io.IOException closed) {
                        cut = true;
                        break;
                    }
                    Thread.sleep(100);
                    if (System.nanoTime() - start > 3_000_000_000L) {
                        break;
                    }
                }
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(cut || ms < 3000, "the trickle was never cut off");
                assertEquals(408, slow.read().status());
                try (RawConnection other = s.connect()) {
                    other.send("GET /fine HTTP/1.1\r\nHost: x\r\n\r\n");
                    assertEquals("GET /fine", other.read().text());
                }
            }
        }
    }

    /** Waits until {@code t} is in a timed wait, as {@code PagiServer.close} is while it waits out the grace. */
    private static void awaitSleeping(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "the closer never began to wait out the grace: " + t.getState());
            Thread.sleep(5); // polling another thread's state
        }
    }
}
